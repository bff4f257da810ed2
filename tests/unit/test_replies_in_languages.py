"""The catalog and progress answers said in the conversation's language: Spanish and French
sentences, with money, numbers, dates and lists written as each language writes them, the
catalog's translated names where it has them, and no English sentence left over."""

from __future__ import annotations

import asyncio
import datetime as dt
import string

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.listing import ActionListCredentials
from bot.catalog.filters import catalog_filter
from bot.catalog.repository import Catalog
from bot.db import session_scope
from bot.i18n import use_language
from bot.i18n.messages import catalog as messages
from bot.nlp.vocabulary import CREDENTIAL_MODELS, CREDENTIAL_TYPES, DELIVERY_FORMATS, LEVELS, label
from bot.records.progress import load_progress
from bot.replies import answers
from bot.replies.progress import answer
from bot.replies.suggestions import suggest
from tests.support.reading import as_read
from tests.support.trackers import make_tracker

#: English words that would show a sentence was left untranslated.
ENGLISH = (
    " the ",
    "To earn",
    "You ",
    "Prerequisites",
    "Requirements",
    "free",
    "Talk to",
    " weeks",
    " in total",
)

OWN_FILES = ("answers", "listing", "progress", "labels")


def english_in(text: str) -> list[str]:
    return [w for w in ENGLISH if w in f" {text} "]


def titles(reply) -> list[str]:
    return [b["title"] for b in reply.buttons]


@pytest.fixture
def sql(catalog_db):
    """The SQL badge with a Spanish and a French name, a start date and fractional credits."""
    credential = Catalog().get("sql-fundamentals-badge")
    credential.translations = {
        "es": {"name": "Fundamentos de SQL", "description": "Consultas y modelado de datos."},
        "fr": {"name": "Les bases de SQL"},
    }
    credential.next_start = dt.date(2026, 3, 2)
    credential.credit_value = 1.5
    return credential


def test_a_requirements_answer_in_spanish_and_french(sql):
    with use_language("es"):
        reply = answers.requirements(sql, [])
    text = as_read(reply.text)
    assert text.startswith("Para obtener Fundamentos de SQL (insignia digital ")
    assert "completa:" in text and "Curso " in text and "Requisitos previos: ninguno." in text
    assert "Hablar con un asesor" not in titles(reply) and "Costo" in titles(reply)
    assert english_in(text) == []
    with use_language("fr"):
        text = as_read(answers.requirements(sql, []).text)
    assert text.startswith("Pour obtenir Les bases de SQL (badge numérique ")
    assert "Prérequis : aucun." in text and english_in(text) == []


def test_a_cost_answer_writes_money_as_the_language_does(sql):
    sql.cost_cents, sql.cost_currency = 125000, "USD"
    with use_language("es"):
        assert (
            as_read(answers.attribute(sql, "cost").text) == "Fundamentos de SQL cuesta 1.250\xa0US$ en total."
        )
    with use_language("fr"):
        assert (
            as_read(answers.attribute(sql, "cost").text)
            == "Les bases de SQL coûte 1\u202f250\xa0$US au total."
        )
    sql.cost_cents = 0
    with use_language("es"):
        assert as_read(answers.attribute(sql, "cost").text) == "Fundamentos de SQL es gratis."
    with use_language("fr"):
        assert as_read(answers.attribute(sql, "cost").text) == "Les bases de SQL est gratuit."


def test_a_start_date_and_credits_are_written_as_the_language_does(sql):
    with use_language("es"):
        start = as_read(answers.attribute(sql, "start_date").text)
        credits = as_read(answers.attribute(sql, "credits").text)
    assert start == "El próximo grupo de Fundamentos de SQL empieza el lunes, 2 de marzo de 2026."
    assert credits == "Fundamentos de SQL otorga 1,5 créditos académicos."
    with use_language("fr"):
        start = as_read(answers.attribute(sql, "start_date").text)
    assert start == "La prochaine cohorte de Les bases de SQL commence le lundi 2 mars 2026."
    with use_language("en"):
        start = as_read(answers.attribute(sql, "start_date").text)
    assert start == "The next SQL Fundamentals cohort starts on Monday, March 2, 2026."


def test_an_overview_uses_the_translated_description(sql):
    with use_language("es"):
        text = as_read(answers.overview(sql).text)
    assert text.startswith("Fundamentos de SQL (insignia digital ")
    assert ": Consultas y modelado de datos. " in text and " semanas, " in text
    with use_language("fr"):  # no French description: the knowledge base's own
        assert sql.description.rstrip(".") in as_read(answers.overview(sql).text)


def test_a_credential_list_in_spanish_and_french(catalog_db):
    for language, head, free, pick in (
        ("es", "insignias digitales (gratis)", "gratis)", "Elige una para ver qué se necesita."),
        (
            "fr",
            "badges numériques (sans frais)",
            "gratuit)",
            "Choisissez-en une pour voir ce qu'elle demande.",
        ),
    ):
        with use_language(language):
            wanted = catalog_filter("free badges", ["badge"], [], [], [])
            matching = wanted.apply(Catalog().credentials())
            reply = answers.credential_list(matching, wanted.describe())
        lines = as_read(reply.text).splitlines()
        assert head in lines[0], lines[0]
        assert all(line.endswith(free) for line in lines[1:-1]), lines
        assert lines[-1] == pick
        assert english_in(as_read(reply.text)) == [], reply.text


def test_list_descriptions_name_models_and_formats_in_the_language(catalog_db):
    with use_language("es"):
        stackable = catalog_filter("stackable certificates online", ["certificate"], ["stackable"], [], [])
        assert stackable.describe() == "certificados de tipo acumulable (en línea)"
    with use_language("en"):
        assert stackable.describe() == "stackable certificates (online)"


def test_a_progress_summary_in_spanish_and_french(records_db):
    with session_scope() as session:
        progress = load_progress(session, "S1012")
    with use_language("es"):
        text = as_read(answer(progress).reply.text)
    assert text.startswith(f"Hola, {progress.given_name}. Este es tu progreso:")
    assert " de " in text and " completados (" in text and " %)" in text
    assert english_in(text) == [], text
    with use_language("fr"):
        reply = answer(progress).reply
    assert as_read(reply.text).startswith(f"Bonjour {progress.given_name}, voici votre progression :")
    assert " exigences remplies sur " in reply.text and english_in(as_read(reply.text)) == []


def test_an_earned_credential_says_its_date_in_the_language(records_db):
    with session_scope() as session:
        progress = load_progress(session, "S1004")
    with use_language("es"):
        text = as_read(answer(progress).reply.text)
    assert "el 15 de mayo de 2026: 4 de 4 requisitos, 6 créditos." in text
    with use_language("fr"):
        text = as_read(answer(progress).reply.text)
    assert "le 15 mai 2026 : 4 exigences sur 4, 6 crédits." in text


def test_did_you_mean_in_spanish_and_french(sql):
    close = Catalog().get_many(["sql-fundamentals-badge", "python-foundations-badge"])
    close[0].translations = sql.translations
    with use_language("es"):
        asked = answers.ambiguous(close, "ask_requirements", {})
        unknown = answers.unknown("sql avanzado", close)
    assert asked.text == "¿Te refieres a alguna de estas?"
    assert titles(asked)[0] == "Fundamentos de SQL"
    assert as_read(unknown.text).startswith('No ofrecemos ninguna microcredencial llamada "sql avanzado".')
    assert titles(unknown)[-1] == "Todo lo que ofrecemos"
    with use_language("fr"):
        assert (
            answers.ambiguous(close, "ask_requirements", {}).text == "Vouliez-vous dire l'une de celles-ci ?"
        )
        offered = suggest("la insignia de SQL", [], [close[0]])
    assert offered[0].title == "Les bases de SQL"


def test_the_labels_said_in_english_are_the_vocabularys_own():
    for vocabulary in (CREDENTIAL_TYPES, CREDENTIAL_MODELS, DELIVERY_FORMATS, LEVELS):
        for key, (display, _) in vocabulary.items():
            assert label(vocabulary, key) == display
    with use_language("fr"):
        assert label(DELIVERY_FORMATS, "in_person") == "en présentiel"


def test_every_reply_message_has_the_same_keys_and_placeholders_in_every_language():
    own = {k: v for k, v in messages("en").items() if k.split(".")[0] in OWN_FILES}
    for language in ("es", "fr"):
        theirs = messages(language)
        assert set(own) <= set(theirs)
        for key, english in own.items():
            assert type(theirs[key]) is type(english), key
            assert _fields(theirs[key]) == _fields(english), (language, key)


def _fields(entry) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {f for text in texts for _, f, _, _ in string.Formatter().parse(text) if f}


def test_show_more_after_switching_language_describes_the_list_in_the_new_one(catalog_db):
    def run(tracker):
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ActionListCredentials().run(dispatcher, tracker, {}))
        return dispatcher.messages[0], events

    first, events = run(
        make_tracker("which badges are free", "list_credentials", {"credential_type": "badge"})
    )
    [listed] = [e["value"] for e in events if e.get("name") == "listed_credentials"]
    everything = Catalog().credentials()
    listed = {**listed, "ids": [c.id for c in everything]}  # long enough for a second page
    more, _ = run(
        make_tracker(
            '/list_credentials{"page":"2"}',
            "list_credentials",
            {"page": "2"},
            slots={"listed_credentials": listed, "language": "es"},
        )
    )
    assert more["text"].startswith(
        f"Ofrecemos {len(everything)} insignias digitales (gratis). Estas son las opciones 6 a 10:"
    )
    assert more["metadata"] == {"language": "es"}
    assert [b["title"] for b in more["buttons"]][-1] == "Ver más"


def test_whats_left_and_the_other_one_asked_in_spanish_and_french(records_db):
    with session_scope() as session:
        progress = load_progress(session, "S1012")
    with use_language("es"):
        left = as_read(answer(progress, "¿qué me falta?").reply.text)
        upcoming = as_read(answer(progress, "¿qué hago a continuación?").reply.text)
    assert left.splitlines()[0].endswith(
        ": te queda 1 de 3. Pendiente: DATA A12 Evaluación de habilidades en SQL."
    )
    assert ": Siguiente paso: DATA A12 Evaluación de habilidades en SQL (evaluación)." in upcoming
    with use_language("fr"):
        first = answer(progress, "où en suis-je pour SQL ?", mentioned=progress.enrollments[0].credential)
        other = answer(progress, "et l'autre ?", focus=first.focus, shown=first.shown)
    assert other.focus != first.focus and len(other.shown) == 2
    assert " exigence remplie sur 3 (33 %)" in as_read(other.reply.text)
