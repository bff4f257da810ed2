"""Resolving what a learner calls a credential: typos, aliases, ambiguity, unknown names."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.catalog.resolve import mentioned_in, named_before_type, resolve_mentions, resolve_message


@dataclass
class Cred:
    id: str
    name: str
    type: str
    alias_names: list[str] = field(default_factory=list)
    translated_names: list[str] = field(default_factory=list)


CATALOG = [
    Cred("intro-chem-badge", "Laboratory Chemistry Basics", "digital_badge", ["lab chem badge"]),
    Cred("chem-tech-certificate", "Chemical Technician Certificate", "certificate", ["CTC"]),
    Cred("welding-safety-badge", "Welding Safety", "digital_badge"),
    Cred("robotics-nanodegree", "Industrial Robotics Nanodegree", "nanodegree", ["robotics nd"]),
]


def test_exact_name_alias_and_id_resolve():
    for mention in ["Welding Safety", "ctc", "robotics-nanodegree", "lab chem badge"]:
        assert len(resolve_mentions([mention], CATALOG).found) == 1


def test_misspellings_resolve():
    assert resolve_mentions(["weldng safty"], CATALOG).found == ["welding-safety-badge"]
    assert resolve_mentions(["industral robtics"], CATALOG).found == ["robotics-nanodegree"]


def test_a_type_word_picks_between_similar_names():
    assert resolve_mentions(["chemistry badge"], CATALOG).found == ["intro-chem-badge"]
    assert resolve_mentions(["chemical technician cert"], CATALOG).found == ["chem-tech-certificate"]


def test_an_ambiguous_mention_lists_the_candidates():
    two = [
        Cred("pm-badge", "Project Management Basics", "digital_badge"),
        Cred("pm-cert", "Project Management Certificate", "certificate"),
    ]
    result = resolve_mentions(["project management"], two)
    assert not result.found and set(result.ambiguous) == {"pm-badge", "pm-cert"}


def test_an_unknown_credential_gets_the_closest_names():
    result = resolve_mentions(["underwater basket weaving certificate"], CATALOG)
    assert not result.found and not result.ambiguous
    assert result.unknown == "underwater basket weaving certificate"
    assert len(result.suggestions) == 3


@pytest.mark.parametrize("mention", ["certificate", "the badge", "nanodiplôme", "certificado"])
def test_a_bare_type_word_names_nothing(mention):
    result = resolve_mentions([mention], CATALOG)
    assert not result.found and not result.ambiguous and result.unknown is None


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "what are the requirements for the underwater welding certificate?",
            "underwater welding certificate",
        ),
        ("how much does the python badge cost", "python badge"),
        ("I want to enroll in basket weaving badge", "basket weaving badge"),
        ("tell me about the lab chem badge please", "lab chem badge"),
        ("requirements for a certificate", None),
        ("does it stack into a certificate", None),
        ("are there any free badges", None),
        ("what's the weather", None),
    ],
)
def test_a_name_given_with_a_type_word_is_read_back_to_its_first_word(text, name):
    assert named_before_type(text) == name


@pytest.mark.parametrize(
    "text, found",
    [
        ("¿cuáles son los requisitos de la insignia de Welding Safety?", "welding-safety-badge"),
        ("combien coûte le certificat CTC ?", "chem-tech-certificate"),
        ("what do I need for industrial robotics", "robotics-nanodegree"),
        ("la insignia de weldng safety", "welding-safety-badge"),
    ],
)
def test_a_whole_message_names_a_credential_in_any_word_order_or_language(text, found):
    assert mentioned_in(text, CATALOG).found == [found]


def test_a_message_naming_no_credential_names_none():
    assert mentioned_in("how much does it cost?", CATALOG).found == []
    assert mentioned_in("how much does it cost?", CATALOG).ambiguous == []


@pytest.mark.parametrize(
    "text, tagged, found",
    [
        # the NLU tagged only the type word of a misspelt name
        ("tell me about the chemical technican certificate", ["certificate"], "chem-tech-certificate"),
        ("what stacks into the industral robotics nanodegree", ["nanodegree"], "robotics-nanodegree"),
        # an alias inside a sentence, tagged partly or not at all
        ("tell me about the lab chem badge please", ["chem"], "intro-chem-badge"),
        ("what do I need for the robotics nd", [], "robotics-nanodegree"),
    ],
)
def test_a_message_names_its_credential_whatever_the_nlu_tagged(text, tagged, found):
    assert resolve_message(text, tagged, CATALOG).found == [found]


def test_a_type_word_alone_is_never_taken_for_a_name():
    assert resolve_message("what does a certificate cost?", ["certificate"], CATALOG) is None


def test_an_unknown_name_is_echoed_whole_with_the_closest_matches():
    result = resolve_message(
        "what are the requirements for the underwater welding certificate?", ["certificate"], CATALOG
    )
    assert result is not None and not result.found and not result.ambiguous
    assert result.unknown == "underwater welding certificate"
    assert result.suggestions and result.suggestions[0] == "welding-safety-badge"


def test_a_subject_counts_only_when_it_names_a_credential():
    assert resolve_message("requirements for welding safety", [], CATALOG, ["welding safety"]).found == [
        "welding-safety-badge"
    ]
    assert resolve_message("anything about gardening?", [], CATALOG, ["gardening"]) is None


TRANSLATED = [
    Cred(
        "data-cert",
        "Data Analysis Certificate",
        "certificate",
        translated_names=["Certificado en Análisis de Datos", "Certificat en analyse de données"],
    ),
    Cred("data-badge", "Data Literacy", "digital_badge", translated_names=["Alfabetización de Datos"]),
]


@pytest.mark.parametrize(
    "text, tagged",
    [
        ("¿Cuánto cuesta el certificado de análisis de datos?", "certificado"),
        ("¿qué necesito para el certificado en análisis de datos?", "certificado"),
        ("combien coûte le certificat d'analyse des données ?", "certificat"),
    ],
)
def test_a_translated_name_is_found_whatever_its_articles_and_prepositions(text, tagged):
    assert resolve_message(text, [tagged], TRANSLATED).found == ["data-cert"]
