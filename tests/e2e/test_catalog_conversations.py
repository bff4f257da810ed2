"""A learner asks about credentials through the REST channel; answers match the catalog."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import select

from bot.catalog.repository import Catalog
from bot.db import session_scope
from bot.models import UnansweredMessage
from bot.replies.formatting import money
from tests.support.reading import links
from tests.support.servers import buttons, new_sender, texts


@pytest.fixture(scope="module")
def catalog(bot_servers) -> Catalog:
    return Catalog()


def test_a_general_question_is_answered_from_the_faq(bot_servers, catalog):
    answer = catalog.faq_answer("what_is_microcredential").answer
    reply = texts(bot_servers.chat("what exactly is a micro-credential?"))
    assert " ".join(answer.split())[:80] in reply


def test_listing_certificates_names_every_certificate_and_nothing_else(bot_servers, catalog):
    """A page at a time: "Show more" pages through the same list until it is all shown."""
    sender = new_sender()
    reply = bot_servers.chat("what certificates do you offer?", sender)
    shown = texts(reply)
    for _ in range(len(catalog.credentials())):
        more = [b for b in buttons(reply) if b["title"] == "Show more"]
        if not more:
            break
        reply = bot_servers.chat(more[0]["payload"], sender)
        shown += texts(reply)
    for credential in catalog.credentials():
        assert (credential.name in shown) == (credential.type == "certificate"), credential.name


def test_a_subject_in_the_learners_words_shows_only_that_subject(bot_servers, catalog):
    """ "is there anything in cybersecurity?" once listed the whole catalog."""
    reply = bot_servers.chat("is there anything in cybersecurity?")
    shown = texts(reply) + "\n" + "\n".join(b["title"] for b in buttons(reply))
    named = [c for c in catalog.credentials() if c.name in shown]
    assert named, shown
    assert all("cyber" in (c.name + c.description + " ".join(c.skills)).lower() for c in named), [
        c.name for c in named
    ]


def test_requirements_then_a_follow_up_without_the_name(bot_servers, catalog):
    sql = catalog.get("sql-fundamentals-badge")
    sender = new_sender()
    reply = texts(bot_servers.chat("what do I need to earn the SQL badge?", sender))
    assert sql.name in reply
    for requirement in sql.requirements:
        assert requirement.code in reply and requirement.title in reply
    for question in ("and how much does it cost?", "how much is it?"):
        follow_up = texts(bot_servers.chat(question, sender))
        assert f"The {sql.name} is {money(sql.cost_amount, sql.cost_currency)}" in follow_up
    assert f"takes about {sql.duration_weeks} weeks" in texts(bot_servers.chat("how long is it?", sender))


def test_a_misspelled_name_is_understood(bot_servers, catalog):
    credential = catalog.get("cybersecurity-fundamentals-badge")
    reply = texts(bot_servers.chat("what are the requirments for cybersecurty fundementals"))
    assert credential.name in reply
    assert all(r.code in reply for r in credential.requirements)


def test_an_ambiguous_name_is_asked_back_with_buttons(bot_servers, catalog):
    messages = bot_servers.chat("what are the requirements for project management?")
    titles = {b["title"] for b in buttons(messages)}
    assert "Did you mean" in texts(messages)
    assert {"Project Management Essentials", "Project Management Certificate"} <= titles
    clicked = next(b for b in buttons(messages) if b["title"] == "Project Management Certificate")
    reply = texts(bot_servers.chat(clicked["payload"]))
    certificate = catalog.get("project-management-certificate")
    assert all(r.code in reply for r in certificate.requirements)


def test_an_unknown_credential_gets_we_dont_offer_and_closest_matches(bot_servers):
    sender = new_sender()
    reply = texts(
        bot_servers.chat("what are the requirements for the underwater welding certificate?", sender)
    )
    assert "We don't offer" in reply and "closest" in reply
    with session_scope() as session:
        logged = session.scalars(
            select(UnansweredMessage).where(UnansweredMessage.conversation_id == sender)
        ).all()
    assert [m.reason for m in logged] == ["unknown_credential"]


def test_an_unknown_name_is_echoed_whole_not_as_its_type_word(bot_servers):
    reply = texts(bot_servers.chat("what are the requirements for the underwater welding certificate?"))
    assert 'We don\'t offer a credential called "underwater welding certificate"' in reply


@pytest.mark.parametrize(
    "text, credential_id",
    [
        ("what stacks into the cybersecurty analyst certificate", "cybersecurity-analyst-certificate"),
        ("tell me about the machne learning essentails badge", "machine-learning-badge"),
        ("tell me about the netdef badge please", "network-defense-badge"),
    ],
)
def test_a_misspelt_name_or_an_alias_in_a_sentence_names_its_credential(
    bot_servers, catalog, text, credential_id
):
    reply = texts(bot_servers.chat(text))
    assert catalog.get(credential_id).name in reply
    assert "We don't offer" not in reply


def test_stacking_answers_from_the_pathways(bot_servers, catalog):
    certificate = catalog.get("data-analytics-certificate")
    reply = texts(bot_servers.chat("which badges stack into the data analytics certificate?"))
    for feeder in catalog.stacks_from(certificate.id):
        assert feeder.name in reply


def test_enrolling_gives_the_link(bot_servers, catalog):
    nanodegree = catalog.get("ux-design-nanodegree")
    reply = texts(bot_servers.chat("how do I sign up for the UX nanodegree?"))
    assert nanodegree.enrollment_url in reply


def test_support_resources_point_to_tutoring(bot_servers, catalog):
    tutoring = [r for r in catalog.support_resources() if r.kind == "tutoring"]
    reply = texts(bot_servers.chat("is there any tutoring available?"))
    assert any(r.name in reply for r in tutoring)


def test_two_misses_in_a_row_offer_an_advisor_and_are_logged(bot_servers):
    sender = new_sender()
    first = texts(bot_servers.chat("qwpoe zxmv", sender))
    assert "say it another way" in first
    second = bot_servers.chat("blarg fnord", sender)
    assert "connect you with an advisor" in texts(second)
    assert "say it another way" not in texts(second)
    assert {"Yes, connect me", "No, I'll rephrase"} <= {b["title"] for b in buttons(second)}
    with session_scope() as session:
        logged = session.scalars(
            select(UnansweredMessage).where(UnansweredMessage.conversation_id == sender)
        ).all()
    assert [m.text for m in logged] == ["qwpoe zxmv", "blarg fnord"]

    accept = next(b for b in buttons(second) if b["title"] == "Yes, connect me")
    assert "advisor" in texts(bot_servers.chat(accept["payload"], sender))
    assert bot_servers.webhook.case_for(sender)["reason"] == "repeated_misses"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("hello there", "greet"),
        ("are you a real person?", "bot_challenge"),
        ("what credentials do you have", "list_credentials"),
        ("what are the requirements for the data analytics certificate", "ask_requirements"),
        ("how much is the python badge", "ask_credential_info"),
        ("does the sql badge count toward a certificate", "ask_stacking"),
        ("how do i register", "how_to_enroll"),
        ("how far along am i", "check_progress"),
        ("i want to become a data analyst", "recommend_credentials"),
        ("where can i get tutoring", "ask_support_resources"),
        ("can i talk to a human", "request_human"),
        ("what's the weather tomorrow", "out_of_scope"),
    ],
)
def test_the_contract_intents_are_recognised(bot_servers, text, intent):
    assert bot_servers.parse(text)["intent"]["name"] == intent


def test_a_credential_named_in_a_reply_links_to_its_page_on_this_site(bot_servers):
    def linked(question: str) -> dict[str, str]:
        return links("\n".join(m.get("text", "") for m in bot_servers.chat(question)))

    listed = linked("what certificates do you offer?")
    assert (
        listed["Data Analytics Certificate"]
        == f"{bot_servers.web_url}/credentials/data-analytics-certificate"
    )
    answered = linked("What do I need to earn the SQL Fundamentals badge?")
    assert answered["SQL Fundamentals"] == f"{bot_servers.web_url}/credentials/sql-fundamentals-badge"
    page = requests.get(answered["SQL Fundamentals"], timeout=10)
    assert page.status_code == 200 and "<h1>SQL Fundamentals</h1>" in page.text
