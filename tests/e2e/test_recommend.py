"""Recommendations over HTTP, as the website talks to the bot: anonymous learners and signed-in students."""

from __future__ import annotations

from sqlalchemy import select

from bot.db import get_engine, session_scope
from bot.models import AuditLogEntry
from tests.support.servers import buttons, new_sender, texts

GOAL_QUESTION = "What would you like to work toward"
PREFERENCES_QUESTION = "Anything I should keep in mind"


def recommended(messages: list[dict]) -> list[str]:
    """The names of the recommended credentials, from their "Requirements of <name>" buttons."""
    prefix = "Requirements of "
    return [b["title"][len(prefix) :] for b in buttons(messages) if b["title"].startswith(prefix)]


def test_an_anonymous_learner_with_a_clear_goal_gets_recommendations_at_once(bot_servers):
    messages = bot_servers.chat("I want to become a data analyst")
    names = recommended(messages)
    assert GOAL_QUESTION not in texts(messages)
    assert 1 <= len(names) <= 3 and "Data Analytics Certificate" in names
    assert "data analyst roles" in texts(messages)
    payloads = [b["payload"] for b in buttons(messages)]
    assert '/how_to_enroll{"credential":"data-analytics-certificate"}' in payloads


def test_a_recommendation_button_leads_to_that_credentials_requirements(bot_servers):
    sender = new_sender()
    messages = bot_servers.chat(
        "I'd like something free and online to improve my leadership, what do you recommend?", sender
    )
    assert recommended(messages) == ["Foundations of Leadership"]
    requirements = next(
        b for b in buttons(messages) if b["title"] == "Requirements of Foundations of Leadership"
    )
    answer = texts(bot_servers.chat(requirements["payload"], sender))
    assert "Foundations of Leadership" in answer and "Leading Yourself and Others" in answer


def test_a_vague_request_gets_a_question_or_two_then_recommendations(bot_servers):
    sender = new_sender()
    first = texts(bot_servers.chat("what should I take?", sender))
    assert GOAL_QUESTION in first
    messages = bot_servers.chat("UX design", sender)
    online_only = PREFERENCES_QUESTION in texts(messages)
    if online_only:
        messages = bot_servers.chat("online only", sender)
    names = recommended(messages)
    assert "UX Design Nanodegree" in names
    assert set(names) <= {"UX Design Nanodegree", "User Research Methods", "Prototyping and Wireframing"}
    if online_only:
        assert "Prototyping and Wireframing" not in names  # taught in the hybrid format


def test_a_signed_in_student_is_not_offered_what_they_already_earned(bot_servers, sign_in):
    # S1001 earned SQL Fundamentals and Spreadsheet Analytics and is taking Data Visualization Basics.
    sender = new_sender()
    messages = bot_servers.chat("I want to become a data analyst", sender, token=sign_in("S1001"))
    names = recommended(messages)
    assert names[0] == "Data Analytics Certificate"
    assert not {"SQL Fundamentals", "Spreadsheet Analytics with Excel", "Data Visualization Basics"} & set(
        names
    )
    assert "next step" in texts(messages)
    with session_scope(get_engine(bot_servers.database_url)) as session:
        reads = session.scalars(select(AuditLogEntry).where(AuditLogEntry.conversation_id == sender)).all()
    assert [(r.student_id, r.purpose) for r in reads] == [("S1001", "recommend_credentials")]


def test_a_shared_generic_word_does_not_carry_a_student_into_another_field(bot_servers, sign_in):
    """A Business Analytics student asking about data analysis is not sent to nursing informatics."""
    names = recommended(
        bot_servers.chat("I want to become a data analyst", new_sender(), token=sign_in("S1001"))
    )
    assert names and not any("Nursing" in name or "Health" in name or "Clinical" in name for name in names), (
        names
    )
