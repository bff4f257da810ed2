"""Every reply in every language: each message file of ``bot/i18n/locales/`` has the same keys
and placeholders in each language, the demo knowledge base translates its FAQ answers, support
resources, institution texts and credentials into each of its languages, and every generated
response has a variation per language, chosen by the ``language`` slot and marked with it. A
catalog without ``languages`` (the second one) stays English only."""

from __future__ import annotations

from string import Formatter

import pytest
import yaml

from bot.catalog.institution import Institution
from bot.catalog.loader import load_knowledge_base, read_knowledge_base
from bot.catalog.localized import localized
from bot.catalog.repository import Catalog
from bot.catalog.resolve import resolve_mentions
from bot.catalog.training_data import LANGUAGE_SLOT, RESPONSE_BUTTONS, responses, training_data
from bot.i18n import use_language
from bot.i18n.messages import LOCALES, REFERENCE, available, catalog
from bot.nlp.pipeline import entity_patterns
from tests.conftest import KNOWLEDGE_BASE, use_database
from tests.support.second_catalog import SECOND_CATALOG

DEMO = read_knowledge_base(KNOWLEDGE_BASE)
OTHER_LANGUAGES = [lang for lang in available() if lang != REFERENCE]


def placeholders(entry: str | dict) -> set[str]:
    forms = entry.values() if isinstance(entry, dict) else [entry]
    return {name for form in forms for _, name, _, _ in Formatter().parse(form) if name is not None}


def keys_of(language: str, area: str) -> dict[str, str | dict]:
    prefix = area + "."
    return {k: v for k, v in catalog(language).items() if k.startswith(prefix) or k == area}


def test_the_product_speaks_english_spanish_and_french():
    assert {"en", "es", "fr"} <= set(available())


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_file_has_the_same_files_keys_and_placeholders_in_each_language(language):
    areas = sorted(p.stem for p in (LOCALES / REFERENCE).glob("*.yml"))
    assert sorted(p.stem for p in (LOCALES / language).glob("*.yml")) == areas
    for area in areas:
        reference, translated = keys_of(REFERENCE, area), keys_of(language, area)
        assert sorted(set(reference) - set(translated)) == [], f"{language}/{area}.yml lacks these"
        assert sorted(set(translated) - set(reference)) == [], f"{language}/{area}.yml has extra keys"
        for key, entry in reference.items():
            said = translated[key]
            assert placeholders(said) == placeholders(entry), f"{language}: {key} placeholders differ"
            assert isinstance(said, dict) == isinstance(entry, dict), f"{language}: {key} plural or not"
            if isinstance(said, dict):
                assert {"one", "other"} <= set(said), f"{language}: {key} needs 'one' and 'other'"
            assert (said if isinstance(said, str) else said["other"]).strip(), f"{language}: {key} empty"


def test_the_demo_knowledge_base_is_written_in_english_and_answers_in_spanish_and_french_too():
    assert DEMO.institution["languages"] == ["en", "es", "fr"]


def translated(entry: dict, fields: list[str]) -> list[str]:
    """What of ``entry``'s ``fields`` a configured language lacks ("es: answer")."""
    languages = DEMO.institution["languages"][1:]
    texts = entry.get("translations") or {}
    return [f"{lang}: {f}" for lang in languages for f in fields if not (texts.get(lang) or {}).get(f)]


def test_every_faq_entry_support_resource_credential_and_requirement_is_translated_into_each_language():
    for entry in DEMO.faq:
        assert translated(entry, ["question", "answer"]) == [], entry["key"]
    for resource in DEMO.support_resources:
        fields = ["name", "description", *(["hours"] if resource.get("hours") else [])]
        assert translated(resource, fields) == [], resource["id"]
    for item in DEMO.credentials:
        fields = ["name", "description", *(["prerequisite_notes"] if item["prerequisite_notes"] else [])]
        assert translated(item, fields) == [], item["id"]
        for requirement in item["requirements"]:
            assert translated(requirement, ["title"]) == [], f"{item['id']}: {requirement['code']}"


def test_the_institution_texts_are_said_in_the_conversations_language():
    for language in DEMO.institution["languages"]:
        with use_language(language):
            school = Institution.from_settings(DEMO.institution)
        assert school.languages == ("en", "es", "fr")
        assert school.office_hours and school.advisor_office_hours
        assert school.email == DEMO.institution["enrollment_office"]["email"]
    with use_language("es"):
        assert "lunes a viernes" in Institution.from_settings(DEMO.institution).advisor_office_hours
    with use_language("fr"):
        assert "lundi au vendredi" in Institution.from_settings(DEMO.institution).office_hours


def test_every_generated_response_has_a_variation_per_language_chosen_by_the_language_slot():
    generated = responses(DEMO)
    first, *others = DEMO.institution["languages"]
    names = set(yaml.safe_load(RESPONSE_BUTTONS.read_text(encoding="utf-8"))) - {"utter_faq"}
    assert names | {f"utter_faq/{e['key']}" for e in DEMO.faq} == set(generated)
    for name, variations in generated.items():
        assert [v["metadata"]["language"] for v in variations] == [first, *others], name
        assert "condition" not in variations[0], f"{name}: the default variation has no condition"
        for variation, language in zip(variations[1:], others, strict=True):
            assert variation["condition"] == [{"type": "slot", "name": LANGUAGE_SLOT, "value": language}]
        payloads = [[b["payload"] for b in v.get("buttons", [])] for v in variations]
        assert all(p == payloads[0] for p in payloads), f"{name}: the same buttons in every language"
        assert len({v["text"] for v in variations}) == len(variations), f"{name}: a text left untranslated"


def test_the_generated_responses_fill_in_the_institution_and_an_example_in_each_language():
    greet = {v["metadata"]["language"]: v for v in responses(DEMO)["utter_greet"]}
    assert greet["en"]["text"].startswith("Hi! I'm the Harbor Valley University student-services assistant.")
    assert "Harbor Valley University" in greet["es"]["text"] and "¡Hola!" in greet["es"]["text"]
    assert [b["title"] for b in greet["fr"]["buttons"]][-1] == "Parler à un conseiller"
    rephrase = {v["metadata"]["language"]: v["text"] for v in responses(DEMO)["utter_ask_rephrase"]}
    assert '"what do I need for the leadership badge?"' in rephrase["en"]
    assert "«¿qué requisitos tiene la microcredencial Fundamentos de Liderazgo?»" in rephrase["es"]
    assert "« quelles sont les exigences de la formation Fondements du leadership ? »" in rephrase["fr"]
    funding = {v["metadata"]["language"]: v["text"] for v in responses(DEMO)["utter_faq/funding"]}
    assert funding["en"].startswith("Open credentials are free") and "gratuitas" in funding["es"]


def test_a_translated_credential_name_is_recognised_when_a_learner_types_it(catalog_db):
    names = Catalog().names()
    assert resolve_mentions(["Certificado en Análisis de Datos"], names).found == [
        "data-analytics-certificate"
    ]
    assert resolve_mentions(["certificat en analyse de donnees"], names).found == [
        "data-analytics-certificate"
    ]
    patterns = {p["pattern"]: p["id"] for p in entity_patterns(DEMO.credentials)}
    assert patterns["Nanodiplôme en design UX"] == "ux-design-nanodegree"
    data = training_data(DEMO)
    [lookup] = [b for b in data["nlu"] if b.get("lookup") == "credential"]
    assert "- Fundamentos de SQL\n" in lookup["examples"]
    [synonyms] = [b for b in data["nlu"] if b.get("synonym") == "sql-fundamentals-badge"]
    assert "- les bases de sql\n" in synonyms["examples"]


def test_the_loaded_catalog_says_its_entries_and_languages_in_each_language(catalog_db):
    settings = Catalog().institution()
    assert settings["languages"] == ["en", "es", "fr"]
    assert settings["translations"]["fr"]["advisor_office_hours"].startswith("Du lundi au vendredi")
    sql = Catalog().get("sql-fundamentals-badge")
    faq = Catalog().faq_answer("funding")
    tutoring = next(r for r in Catalog().support_resources() if r.id == "learning-commons-tutoring")
    with use_language("es"):
        assert localized(sql, "name") == "Fundamentos de SQL"
        assert localized(faq, "answer").startswith("Las credenciales abiertas son gratuitas")
        assert localized(tutoring, "hours").startswith("De lunes a jueves")
        assert [localized(r, "title") for r in sql.requirements][-1] == "Evaluación de habilidades en SQL"
    with use_language("en"):
        assert localized(sql, "name") == "SQL Fundamentals"


def test_a_catalog_without_languages_loads_and_builds_in_english_only(tmp_path, monkeypatch):
    use_database(monkeypatch, tmp_path / "second.db")
    kb = load_knowledge_base(SECOND_CATALOG)
    assert kb.institution["languages"] == ["en"] and Catalog().institution()["languages"] == ["en"]
    assert Institution.from_settings(Catalog().institution()).languages == ("en",)
    generated = training_data(kb)["responses"]
    assert generated and all(len(variations) == 1 for variations in generated.values())
    assert all(v[0]["metadata"] == {"language": "en"} and "condition" not in v[0] for v in generated.values())
    with use_language("es"):  # nothing translated: its own words
        assert (
            Institution.from_settings(Catalog().institution()).office_hours
            == (kb.institution["enrollment_office"]["hours"])
        )
