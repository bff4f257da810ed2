"""Recommendations, the handoff to an advisor and the channels' refusals in Spanish and French:
the words, lists, money, weekdays and times a learner reads, and the case keeping its language."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.handoff import ActionRequestHuman
from actions.recommend import ActionRecommendCredentials
from bot.config import Settings
from bot.conversation.message_limits import refusal, too_fast
from bot.db import session_scope
from bot.handoff import cases
from bot.handoff.messages import handoff_reply, waiting_acknowledgement
from bot.handoff.office_hours import OfficeHours
from bot.handoff.rasa_api import RasaApi
from bot.handoff.rules import Reason
from bot.i18n import use_language
from bot.models import HandoffCase
from bot.recommend.goals import parse_goal
from bot.recommend.learner import ANONYMOUS
from bot.recommend.offers import RequirementTitle
from bot.recommend.ranking import Ranker
from bot.recommend.replies import recommendation_replies
from tests.support.reading import as_read
from tests.support.trackers import make_tracker
from tests.unit.test_recommend_ranking import CATALOG, SYNONYMS

NBSP = "\u00a0"  # French puts a no-break space before ":", ";", "?" and "!"
CRISIS = "call or text 988"
OFFICE = OfficeHours.parse("Mon-Thu 09:00-17:00, Fri 09:00-12:00", "America/Los_Angeles")
# Monday 23 November 2026: 10:00 and 20:00 in Los Angeles (UTC-8).
MONDAY_MORNING = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
MONDAY_NIGHT = datetime(2026, 11, 24, 4, 0, tzinfo=timezone.utc)

#: The catalog's credentials with translated names and a translated requirement title.
TRANSLATED = {
    "queries-badge": {
        "es": {"name": "Consultas a bases de datos"},
        "fr": {"name": "Requêtes de bases de données"},
    },
    "analytics-cert": {"es": {"name": "Certificado de analítica"}, "fr": {"name": "Certificat d'analytique"}},
}
QUERIES_TITLE = RequirementTitle(
    "Writing Queries", {"es": {"title": "Escribir consultas"}, "fr": {"title": "Écrire des requêtes"}}
)


@pytest.fixture(scope="module")
def ranker() -> Ranker:
    offers = [replace(offer, translations=TRANSLATED.get(offer.id, {})) for offer in CATALOG]
    offers = [
        replace(offer, requirements=(QUERIES_TITLE,)) if offer.id == "queries-badge" else offer
        for offer in offers
    ]
    return Ranker(offers, SYNONYMS)


def suggested(ranker: Ranker, goal: str, language: str) -> list[str]:
    with use_language(language):
        return [
            as_read(reply.text)
            for reply in recommendation_replies(ranker.recommend(parse_goal(goal), ANONYMOUS))
        ]


def buttons(ranker: Ranker, goal: str, language: str) -> list[str]:
    with use_language(language):
        replies = recommendation_replies(ranker.recommend(parse_goal(goal), ANONYMOUS))
    return [button["title"] for reply in replies for button in reply.buttons]


def test_a_recommendation_and_its_reason_are_said_in_spanish(ranker):
    intro, *items = suggested(ranker, "I want to become a data analyst", "es")
    assert intro == "Te sugiero estas 3 microcredenciales:"
    queries = next(item for item in items if "Consultas a bases de datos" in item)
    assert queries.endswith(
        "Consultas a bases de datos: Enseña SQL y relational databases para puestos de data analyst; "
        "se acumula para obtener Certificado de analítica."
    )
    titles = buttons(ranker, "I want to become a data analyst", "es")
    assert "Requisitos de Consultas a bases de datos" in titles
    assert "Inscribirme en Certificado de analítica" in titles


def test_a_recommendation_and_its_reason_are_said_in_french(ranker):
    intro, *items = suggested(ranker, "I want to become a data analyst", "fr")
    assert intro == f"Voici 3 microcertifications que je vous suggère{NBSP}:"
    assert any(
        item.endswith(
            f"Requêtes de bases de données{NBSP}: Enseigne SQL et relational databases pour les postes "
            f"de data analyst{NBSP}; cumulable pour obtenir Certificat d'analytique."
        )
        for item in items
    )
    assert "Exigences pour Certificat d'analytique" in buttons(
        ranker, "I want to become a data analyst", "fr"
    )


def test_prices_hours_and_prerequisites_are_written_as_the_language_writes_them(ranker):
    [_, free] = suggested(ranker, "something free and online about leadership", "es")
    assert free.endswith(
        "Enseña leadership para puestos de team lead; gratis, en línea y para cualquier persona."
    )
    [_, first, *_] = suggested(ranker, "machine learning", "fr")
    assert (
        f"Commencez par là{NBSP}: c'est un prérequis pour Predictive Models, qui enseigne machine learning"
        in first
    )
    within = suggested(ranker, "data analyst with 5 hours a week", "es")
    assert any("5 horas a la semana" in item for item in within)
    [_, *started] = suggested(ranker, "recommend me something", "fr")
    assert any(f"400{NBSP}$US" in item for item in started)


def test_a_requirement_that_matched_is_named_with_its_translated_title(ranker):
    [_, only, *_] = suggested(ranker, "writing queries", "es")
    assert "Incluye Escribir consultas" in only


def test_nothing_found_is_said_in_the_language_with_an_advisor_offered(ranker):
    [reply] = suggested(ranker, "I want to be an astronaut", "fr")
    assert reply.startswith("Je n'ai trouvé dans notre catalogue aucune microcertification")
    assert "Que proposez-vous\u00a0?" in buttons(ranker, "I want to be an astronaut", "fr")


def handoff(
    language: str, now: datetime, reason: Reason = Reason.REQUESTED, signed_in: bool = False
) -> list[str]:
    with use_language(language):
        return handoff_reply(reason, 7, False, signed_in, OFFICE, CRISIS, now)


def test_the_handoff_outside_office_hours_says_when_advisors_are_back_in_spanish():
    opening, expect = handoff("es", MONDAY_NIGHT, Reason.DISTRESS)
    assert (
        "Si estás en peligro o piensas en hacerte daño, busca ayuda ahora mismo: call or text 988." in opening
    )
    assert "He abierto el caso n.º 7" in opening
    assert (
        "te responderán en cuanto vuelvan: el martes, 24 de noviembre a las 09:00 (hora del Pacífico). "
        "Trabajan de lunes a jueves, de 09:00 a 17:00; viernes, de 09:00 a 12:00 (hora del Pacífico)."
    ) in expect
    assert "Si necesitas hablar con alguien antes, busca ayuda: call or text 988." in expect
    assert "escribe un correo electrónico o un número de teléfono" in expect


def test_the_handoff_in_office_hours_says_an_answer_comes_shortly_in_french():
    opening, expect = handoff("fr", MONDAY_MORNING, signed_in=True)
    assert opening.startswith(
        "Bien sûr. Je vous mets en relation avec un conseiller. J'ai ouvert le dossier n°"
    )
    assert expect.startswith(
        f"Les conseillers sont au travail en ce moment{NBSP}: vous devriez avoir une réponse ici sous peu. "
        f"Ils travaillent du lundi au jeudi, de 09:00 à 17:00{NBSP}; le vendredi, de 09:00 à 12:00 "
        "(heure du Pacifique"
    )
    assert "le conseiller verra aussi votre progression" in expect


def test_closed_office_hours_in_french_name_the_day_advisors_are_back():
    _, expect = handoff("fr", MONDAY_NIGHT)
    assert (
        "vous aurez une réponse dès leur retour, le mardi 24 novembre à 09:00 (heure du Pacifique" in expect
    )


def test_messages_while_an_advisor_is_awaited_are_acknowledged_in_the_language():
    with use_language("es"):
        assert waiting_acknowledgement("¿hola?", CRISIS) == (
            "Gracias, tu asesor verá este mensaje junto con el resto de nuestra conversación."
        )
    with use_language("fr"):
        assert waiting_acknowledgement("I want to die", CRISIS).endswith(
            f"demandez de l'aide dès maintenant{NBSP}: call or text 988."
        )


def test_the_channels_refusals_are_said_in_the_language():
    settings = replace(Settings.from_env(), max_message_chars=1000)
    with use_language("es"):
        assert too_fast() == (
            "Estás enviando mensajes más rápido de lo que puedo responder. Espera un minuto y vuelve a intentarlo."
        )
        assert too_fast().kind == "too_fast"
        assert "(1.500 caracteres)" in refusal("x" * 1500, {}, settings)
    with use_language("fr"):
        assert too_fast().startswith("Vous envoyez des messages plus vite que je ne peux répondre.")
        assert "de 1\u202f000 caractères au maximum" in refusal("x" * 1500, {}, settings)
        assert refusal(["hi"], {}, settings).kind == "not_text"


def run(action, tracker) -> list[dict]:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_the_handoff_case_records_the_conversations_language_and_the_console_shows_it(records_db):
    tracker = make_tracker(
        "¿puedo hablar con una persona?", "request_human", sender="learner-es", slots={"language": "es"}
    )
    messages = run(ActionRequestHuman(), tracker)
    with session_scope() as session:
        [case] = session.scalars(select(HandoffCase))
    assert case.language == "es"
    assert cases.describe(case)["language"] == "es"
    assert messages[0]["text"].startswith("Claro. Te pongo en contacto con un asesor.")
    assert {m["metadata"]["language"] for m in messages} == {"es"}


def test_recommendations_from_the_action_are_said_in_the_conversations_language(catalog_db):
    tracker = make_tracker(
        "je veux devenir data analyst",
        "recommend_credentials",
        {"career_goal": "data analyst"},
        slots={"language": "fr"},
    )
    messages = run(ActionRecommendCredentials(), tracker)
    assert messages[0]["text"] == f"Voici 3 microcertifications que je vous suggère{NBSP}:"
    assert all("pour les postes de data analyst" in m["text"] for m in messages[1:])
    assert {m["metadata"]["language"] for m in messages} == {"fr"}


def test_handing_the_conversation_back_says_so_in_the_cases_language(monkeypatch):
    appended = []
    monkeypatch.setattr(RasaApi, "_append", lambda self, conversation_id, events: appended.append(events))
    RasaApi("http://rasa.invalid", "token").resume("learner-fr", "fr")
    RasaApi("http://rasa.invalid", "token").resume("learner-old", None)  # a case from before languages
    assert [[e["event"] for e in events] for events in appended] == [["resume", "bot", "action"]] * 2
    assert appended[0][1]["text"].startswith("Le conseiller a fini de vous aider, et me revoilà.")
    assert appended[1][1]["text"].startswith("The advisor has finished helping you, and I'm back.")
