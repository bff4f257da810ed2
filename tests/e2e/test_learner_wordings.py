"""What learners really write, over REST: each wording the NLU used to miss is answered, in
English, Spanish and French (each answered in its own language)."""

from __future__ import annotations

import pytest

from bot.catalog.localized import localized
from bot.catalog.repository import Catalog
from bot.i18n import use_language
from bot.i18n.formats import money
from tests.support.servers import new_sender, texts


@pytest.fixture(scope="module")
def catalog(bot_servers) -> Catalog:
    return Catalog()


def faq_text(catalog: Catalog, key: str, language: str = "en") -> str:
    with use_language(language):
        return " ".join(localized(catalog.faq_answer(key), "answer").split())[:60]


def in_language(messages: list[dict], language: str) -> str:
    """The replies' text, once each is checked to be said in ``language``."""
    assert {m.get("language") for m in messages} == {language}, messages
    return texts(messages)


@pytest.mark.parametrize(
    "text, key, language",
    [
        (
            "I'm in my second year of a business degree and my advisor keeps mentioning micro-credentials. "
            "could you tell me what they actually are?",
            "what_is_microcredential",
            "en",
        ),
        ("What is a badge?", "credential_types", "en"),
        ("¿qué es una microcredencial?", "what_is_microcredential", "es"),
        ("est-ce que je peux être remboursé si j'abandonne le cours ?", "withdrawal_refund", "fr"),
    ],
)
def test_a_general_question_however_worded_gets_its_faq_answer(bot_servers, catalog, text, key, language):
    assert faq_text(catalog, key, language) in in_language(bot_servers.chat(text), language)


@pytest.mark.parametrize(
    "text",
    [
        "is my leadership badge complete",
        "check my micro-credential status",
        "did my project get counted?",
    ],
)
def test_a_status_question_without_the_word_progress_asks_an_anonymous_learner_to_sign_in(bot_servers, text):
    assert "once you're signed in" in texts(bot_servers.chat(text))


@pytest.mark.parametrize(
    "text, credential_id, language, offered_by",
    [
        (
            "who offers the data analytics certificate",
            "data-analytics-certificate",
            "en",
            "is offered by the",
        ),
        ("¿quién ofrece la insignia de SQL?", "sql-fundamentals-badge", "es", "lo ofrece"),
    ],
)
def test_who_offers_a_credential_is_answered_with_its_provider(
    bot_servers, catalog, text, credential_id, language, offered_by
):
    reply = in_language(bot_servers.chat(text), language)
    assert offered_by in reply and catalog.get(credential_id).provider in reply


def test_the_cost_asked_in_french_names_the_credential_and_its_price(bot_servers, catalog):
    sql = catalog.get("sql-fundamentals-badge")
    reply = in_language(bot_servers.chat("combien coûte le badge SQL ?"), "fr")
    with use_language("fr"):
        assert localized(sql, "name") in reply and money(sql.cost_amount, sql.cost_currency) in reply


def test_the_requirements_asked_in_spanish_list_the_credentials_requirements(bot_servers, catalog):
    sql = catalog.get("sql-fundamentals-badge")
    reply = texts(bot_servers.chat("¿cuáles son los requisitos de la insignia de SQL?"))
    for requirement in sql.requirements:
        assert requirement.code in reply


@pytest.mark.parametrize(
    "text",
    [
        "career goal: cybersecurity analyst",
        "data science",
        "I'd like to move into finance",
        "quiero ser analista de datos",
        "je veux devenir analyste de données",
    ],
)
def test_a_stated_goal_or_a_bare_subject_reaches_the_recommender(bot_servers, text):
    assert bot_servers.parse(text)["intent"]["name"] == "recommend_credentials"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("enroll me in the SQL badge", "how_to_enroll"),
        ("can I apply if I'm not a student", "how_to_enroll"),
        ("if I finish three badges do I get a certificate", "ask_stacking"),
        ("can it be applied to a master's program", "ask_stacking"),
        ("I'm struggling with the assessments", "ask_support_resources"),
        ("how do I book a tutor", "ask_support_resources"),
        ("can I do it part time", "ask_credential_info"),
        ("what level is the python badge", "ask_credential_info"),
        ("where can I park on campus", "out_of_scope"),
        ("¿dónde está la cafetería?", "out_of_scope"),
    ],
)
def test_enrolment_stacking_help_and_attribute_wordings_are_understood(bot_servers, text, intent):
    assert bot_servers.parse(text)["intent"]["name"] == intent


def test_a_credential_follow_up_in_spanish_keeps_the_credential(bot_servers, catalog):
    sql = catalog.get("sql-fundamentals-badge")
    sender = new_sender()
    texts(bot_servers.chat("what do I need for the SQL badge?", sender))
    price = money(sql.cost_amount, sql.cost_currency, language="es")
    assert price in in_language(bot_servers.chat("¿y cuánto cuesta?", sender), "es")
