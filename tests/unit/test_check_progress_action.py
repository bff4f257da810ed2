"""``action_check_progress`` as the action server runs it: only a verified token shows records."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.progress import ActionCheckProgress
from bot.config import Settings
from bot.db import session_scope
from bot.identity.tokens import issue_token
from bot.models import AuditLogEntry
from tests.support.reading import as_read
from tests.support.trackers import stored


def tracker(
    text: str,
    token: str | None = None,
    credential: str | None = None,
    slots: dict | None = None,
    sender: str = "conversation-1",
    earlier_token: str | None = None,
) -> Tracker:
    entities = [{"entity": "credential", "value": credential}] if credential else []
    message = {"text": text, "intent": {"name": "check_progress", "confidence": 0.97}, "entities": entities}
    events = []
    if earlier_token:
        events.append(
            {
                "event": "user",
                "text": "hi",
                "parse_data": {},
                "metadata": stored({"token": earlier_token}, sender),
            }
        )
        events.append({"event": "bot", "text": "Hi!"})
    events.append(
        {
            "event": "user",
            "text": text,
            "parse_data": message,
            "metadata": stored({"token": token} if token else {}, sender),
        }
    )
    return Tracker.from_dict(
        {"sender_id": sender, "slots": slots or {}, "latest_message": message, "events": events}
    )


def run(tracker_: Tracker) -> tuple[CollectingDispatcher, list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionCheckProgress().run(dispatcher, tracker_, {}))
    return dispatcher, events


def said(dispatcher: CollectingDispatcher) -> str:
    """What the learner reads (credential links show their names)."""
    return as_read("\n".join(m.get("text") or "" for m in dispatcher.messages))


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]


def audit_log() -> list[AuditLogEntry]:
    with session_scope() as session:
        return session.scalars(select(AuditLogEntry)).all()


@pytest.fixture
def token_for(records_db):
    def issue(student_id: str, **changes) -> str:
        return issue_token(student_id, settings=replace(Settings.from_env(), **changes))

    return issue


def test_no_token_is_asked_to_sign_in_and_nothing_is_read(records_db):
    dispatcher, events = run(tracker("show my progress"))
    assert responses(dispatcher) == ["utter_sign_in_required"]
    assert events == []
    assert audit_log() == []


@pytest.mark.parametrize(
    "typed", ["I am S1001", "show me S1001's progress", "my name is Maya Chen, check my progress"]
)
def test_a_student_id_or_name_typed_in_chat_grants_nothing(records_db, typed):
    dispatcher, _ = run(tracker(typed))
    assert responses(dispatcher) == ["utter_sign_in_required"]
    assert "Maya" not in said(dispatcher)


def test_a_token_on_an_earlier_message_only_does_not_count(token_for):
    dispatcher, _ = run(tracker("show my progress", earlier_token=token_for("S1001")))
    assert responses(dispatcher) == ["utter_sign_in_required"]


def test_expired_token_is_asked_to_sign_in_again(records_db):
    expired = issue_token("S1001", now=datetime.now(timezone.utc) - timedelta(hours=3))
    dispatcher, _ = run(tracker("show my progress", token=expired))
    assert responses(dispatcher) == ["utter_sign_in_again"]
    assert audit_log() == []


def test_token_signed_with_another_key_is_asked_to_sign_in_again(token_for):
    forged = token_for("S1001", jwt_secret="not-our-key-" + "z" * 40)
    dispatcher, _ = run(tracker("show my progress", token=forged))
    assert responses(dispatcher) == ["utter_sign_in_again"]
    assert "Maya" not in said(dispatcher)


def test_a_signed_in_student_sees_their_progress_and_the_read_is_audited(token_for):
    dispatcher, events = run(tracker("show my progress", token=token_for("S1001"), sender="conv-maya"))
    text = said(dispatcher)
    assert text.startswith("Hi Maya, here's your progress:")
    assert "Toward the Data Analytics Certificate: 2 of 3 digital badges earned, 1 in progress." in text
    [entry] = audit_log()
    assert (entry.actor_kind, entry.actor_id, entry.student_id, entry.conversation_id) == (
        "student",
        "S1001",
        "S1001",
        "conv-maya",
    )
    assert {"event": "slot", "name": "progress_shown", "value": []} in [
        {k: e[k] for k in ("event", "name", "value")} for e in events
    ]


@pytest.mark.parametrize(
    "typed", ["show me S1002's progress", "I am S1002", "I'm Jordan Alvarez, how far am I?"]
)
def test_one_students_token_never_yields_anothers_records(token_for, typed):
    dispatcher, _ = run(tracker(typed, token=token_for("S1001")))
    text = said(dispatcher)
    assert "Maya" in text and "Data Visualization Basics" in text
    assert "Jordan" not in text and "Digital Marketing" not in text and "User Research" not in text
    assert [(e.actor_id, e.student_id) for e in audit_log()] == [("S1001", "S1001")]


@pytest.mark.parametrize("mention", ["sql-fundamentals-badge", "SQL badge", "sql fundementals"])
def test_naming_a_credential_by_id_alias_or_misspelling_shows_that_one(token_for, mention):
    dispatcher, events = run(
        tracker("how far am I in the SQL badge", token=token_for("S1012"), credential=mention)
    )
    assert said(dispatcher).startswith("SQL Fundamentals: 2 of 3 requirements done (67%)")
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["progress_shown"] == ["sql-fundamentals-badge"]
    assert slots["current_credential"] == "sql-fundamentals-badge"


def test_follow_ups_use_what_was_shown(token_for):
    token = token_for("S1012")
    _, events = run(tracker("how far am I in the SQL badge", token=token, credential="SQL badge"))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    dispatcher, events = run(tracker("what's left?", token=token, slots=slots))
    assert "Still to do: DATA A12 SQL Skills Assessment." in said(dispatcher)
    dispatcher, events = run(tracker("and for the other one?", token=token, slots=slots))
    assert said(dispatcher).startswith("Python Programming Foundations: 1 of 3 requirements done (33%)")


def test_a_credential_we_do_not_offer_is_said_so_then_the_overview(token_for):
    dispatcher, _ = run(
        tracker("how far am I in basket weaving", token=token_for("S1012"), credential="basket weaving")
    )
    assert said(dispatcher).startswith('We don\'t offer a credential called "basket weaving".')
    assert "Hi Noah, here's your progress:" in said(dispatcher)


def test_a_student_with_no_enrollments_is_offered_recommendations(token_for):
    dispatcher, _ = run(tracker("check my progress", token=token_for("S1006")))
    assert "you're not enrolled in any micro-credentials yet" in said(dispatcher)
    assert {"title": "Recommend credentials", "payload": "/recommend_credentials"} in dispatcher.messages[0][
        "buttons"
    ]
