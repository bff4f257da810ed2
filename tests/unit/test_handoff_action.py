"""``action_request_human``: the case is committed with the conversation, advisors are notified,
the learner is told what happens next, and the conversation pauses."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.handoff import ActionRequestHuman
from bot.db import session_scope
from bot.identity.tokens import issue_token
from bot.models import AuditLogEntry, HandoffCase
from tests.support.processes import free_port
from tests.support.trackers import make_tracker, user_event
from tests.support.webhook_receiver import WebhookReceiver

HISTORY = [
    user_event("what do I need for the sql badge?", "ask_requirements"),
    {"event": "action", "name": "action_credential_requirements"},
    {"event": "bot", "text": "SQL Fundamentals needs DATA 110 and DATA 120."},
    {"event": "action", "name": "action_listen"},
]
OFFERED = [
    user_event("blorp", "nlu_fallback"),
    {"event": "action", "name": "action_handle_fallback"},
    {"event": "action", "name": "utter_offer_advisor"},
    {"event": "bot", "text": "Would you like me to connect you with an advisor?"},
    {"event": "action", "name": "action_listen"},
]


def run(tracker) -> tuple[list[dict], list[str]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionRequestHuman().run(dispatcher, tracker, {}))
    return events, [m["text"] for m in dispatcher.messages]


def all_cases() -> list[HandoffCase]:
    with session_scope() as session:
        return list(session.scalars(select(HandoffCase).order_by(HandoffCase.id)))


@pytest.fixture
def webhook(monkeypatch):
    with WebhookReceiver() as receiver:
        monkeypatch.setenv("MICROCRED_ADVISOR_WEBHOOK_URL", receiver.url)
        yield receiver


def test_asking_for_a_person_opens_a_case_with_the_conversation_and_pauses(records_db, webhook):
    tracker = make_tracker(
        "can I talk to a real person?",
        "request_human",
        history=HISTORY,
        sender="learner-1",
        slots={"discussed_credentials": ["sql-fundamentals-badge"]},
    )
    events, said = run(tracker)
    assert [e["event"] for e in events] == ["pause"]
    [case] = all_cases()
    assert (case.conversation_id, case.reason, case.status, case.student_id) == (
        "learner-1",
        "requested",
        "open",
        None,
    )
    assert [(line["sender"], line["text"]) for line in case.transcript] == [
        ("learner", "what do I need for the sql badge?"),
        ("assistant", "SQL Fundamentals needs DATA 110 and DATA 120."),
        ("learner", "can I talk to a real person?"),
    ]
    assert case.credentials == ["sql-fundamentals-badge"]
    assert f"I've opened case #{case.id}" in said[0]
    assert "reply will appear here" in said[1]
    assert "type an email address or phone number" in said[1]
    [notified] = webhook.wait_for(1)
    assert notified["case"]["id"] == case.id
    assert notified["case"]["transcript"][-1]["text"] == "can I talk to a real person?"


def test_asking_again_keeps_one_case_and_says_so(records_db, webhook):
    run(make_tracker("advisor please", "request_human", sender="learner-2"))
    _, said = run(make_tracker("hello?? a person please", "request_human", sender="learner-2"))
    assert len(all_cases()) == 1
    assert f"already in the queue for an advisor (case #{all_cases()[0].id})" in said[0]
    assert len(webhook.wait_for(1)) == 1


def test_distress_opens_an_urgent_case_and_gives_the_crisis_line(records_db, webhook, monkeypatch):
    monkeypatch.setenv("MICROCRED_CRISIS_LINE", "call the HVU crisis line on 555-0100")
    _, said = run(make_tracker("I can't cope anymore", "express_distress", sender="learner-3"))
    [case] = all_cases()
    assert (case.reason, case.priority) == ("distress", 0)
    assert "please call the HVU crisis line on 555-0100 right now" in said[0]
    assert webhook.wait_for(1)[0]["case"]["reason_label"] == "Distress"


def test_yes_to_the_advisor_offer_after_two_misses_opens_a_case_for_that_reason(records_db, webhook):
    run(make_tracker("/affirm", "affirm", history=OFFERED, sender="learner-4"))
    [case] = all_cases()
    assert case.reason == "repeated_misses"
    assert webhook.wait_for(1)[0]["case"]["reason_label"] == "The assistant did not understand twice"


def test_a_signed_in_student_is_known_to_the_advisor_with_their_progress(records_db, webhook):
    token = issue_token("S1001")
    _, said = run(
        make_tracker("I want to appeal my grade", "complain", metadata={"token": token}, sender="learner-5")
    )
    [case] = all_cases()
    assert (case.student_id, case.reason) == ("S1001", "complaint")
    assert case.progress_summary["given_name"] == "Maya"
    assert "the advisor will also see your credential progress" in said[1]
    assert token not in str(case.transcript)
    with session_scope() as session:
        [entry] = session.scalars(
            select(AuditLogEntry).where(AuditLogEntry.conversation_id == "learner-5")
        ).all()
        assert (entry.actor_kind, entry.actor_id, entry.student_id) == ("student", "S1001", "S1001")
    assert "progress_summary" not in webhook.wait_for(1)[0]["case"]


@pytest.mark.parametrize("metadata", [{}, {"token": "not-a-real-token"}])
def test_a_student_id_typed_in_chat_or_a_bad_token_identifies_no_one(records_db, webhook, metadata):
    run(make_tracker("I'm S1001, I need an advisor", "request_human", metadata=metadata, sender="learner-6"))
    [case] = all_cases()
    assert case.student_id is None and case.progress_summary is None
    assert webhook.wait_for(1)[0]["case"]["learner"] == {
        "signed_in": False,
        "student_id": None,
        "contact": None,
    }


def test_a_long_sessions_case_opens_with_its_last_turns_when_rasas_api_is_unreachable(
    records_db, webhook, monkeypatch
):
    """Rasa hands a long session's last turns only (components/dialogue_window.py); the earlier
    ones come from its HTTP API, and a case still opens, with the turns at hand, without it."""
    monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{free_port()}")
    window = [
        {"event": "slot", "name": "language", "value": "en", "timestamp": 100.0},
        {**user_event("what does it cost?", "ask_cost"), "timestamp": 100.0},
        {"event": "bot", "text": "It costs $149.", "timestamp": 100.5},
        {"event": "action", "name": "action_listen", "timestamp": 100.6},
    ]
    tracker = make_tracker("can I talk to a real person?", "request_human", sender="learner-2")
    tracker.events[:] = [*window, {**tracker.events[-1], "timestamp": 101.0}]
    _, said = run(tracker)
    [case] = all_cases()
    assert [(line["sender"], line["text"]) for line in case.transcript] == [
        ("learner", "what does it cost?"),
        ("assistant", "It costs $149."),
        ("learner", "can I talk to a real person?"),
    ]
    assert f"I've opened case #{case.id}" in said[0]
