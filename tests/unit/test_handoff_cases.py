"""Handoff cases: one open case per conversation, claims only one advisor can win, replies and
resolving only by the advisor holding the case, and the learner's messages kept on the case."""

from __future__ import annotations

import threading

import pytest

from bot.clock import as_utc
from bot.db import session_scope
from bot.handoff import cases
from bot.handoff.cases import CaseConflict, CaseNotFound, CaseRequest
from bot.handoff.rasa_api import advisor_event
from bot.handoff.rules import Reason
from bot.handoff.transcript import Line, from_events, merge
from bot.models import HandoffCase
from tests.support.advisor_accounts import make_advisor

T0 = 1_800_000_000.0


def request(conversation="conv-1", reason=Reason.REQUESTED, texts=("I need a person",)) -> CaseRequest:
    return CaseRequest(
        conversation_id=conversation,
        reason=reason,
        transcript=[Line("learner", text, T0 + i) for i, text in enumerate(texts)],
        credentials=["sql-fundamentals-badge"],
    )


def test_a_new_case_is_committed_with_the_conversation_so_far(handoff_db):
    case, created = cases.open_case(
        request(texts=("what is the SQL badge?", "I want an advisor, jo@example.org"))
    )
    assert created
    with session_scope() as session:
        stored = session.get(HandoffCase, case.id)
        assert stored.status == "open"
        assert [line["text"] for line in stored.transcript] == [
            "what is the SQL badge?",
            "I want an advisor, jo@example.org",
        ]
        assert stored.credentials == ["sql-fundamentals-badge"]
        assert stored.contact == "jo@example.org"
        assert stored.notification_status == "pending"


def test_asking_again_reuses_the_open_case_and_other_conversations_get_their_own(handoff_db):
    first, _ = cases.open_case(request())
    again, created = cases.open_case(request(reason=Reason.DISTRESS))
    assert (again.id, created) == (first.id, False)
    other, created = cases.open_case(request(conversation="conv-2"))
    assert created and other.id != first.id


def test_the_database_refuses_a_second_unresolved_case_for_a_conversation(handoff_db):
    cases.open_case(request())
    with pytest.raises(Exception, match="UNIQUE"):
        with session_scope() as session:
            session.add(
                HandoffCase(
                    conversation_id="conv-1", reason="requested", priority=2, transcript=[], credentials=[]
                )
            )


def test_after_resolving_a_new_request_opens_a_new_case(handoff_db):
    advisor = make_advisor()
    first, _ = cases.open_case(request())
    cases.claim(first.id, advisor.id)
    cases.resolve(first.id, advisor.id)
    second, created = cases.open_case(request())
    assert created and second.id != first.id


def test_the_queue_shows_unresolved_cases_most_urgent_first(handoff_db):
    advisor = make_advisor()
    asked, _ = cases.open_case(request("a"))
    distress, _ = cases.open_case(request("b", Reason.DISTRESS))
    done, _ = cases.open_case(request("c", Reason.COMPLAINT))
    cases.claim(done.id, advisor.id)
    cases.resolve(done.id, advisor.id)
    assert [c.id for c in cases.queue()] == [distress.id, asked.id]


def test_only_one_of_many_advisors_claiming_at_once_wins(handoff_db):
    advisors = [make_advisor(f"advisor{i}@hvu.example.edu", f"Advisor {i}") for i in range(8)]
    case, _ = cases.open_case(request())
    outcomes = []
    barrier = threading.Barrier(len(advisors))

    def claim(advisor):
        barrier.wait()
        try:
            cases.claim(case.id, advisor.id)
            outcomes.append(advisor.id)
        except CaseConflict as conflict:
            outcomes.append(str(conflict))

    threads = [threading.Thread(target=claim, args=(a,)) for a in advisors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if isinstance(o, int)]
    assert len(winners) == 1
    holder = next(a for a in advisors if a.id == winners[0])
    assert all(
        o == f"case #{case.id} is being handled by {holder.name}" for o in outcomes if o not in winners
    )
    assert cases.get_case(case.id).claimed_by == holder.id


def test_only_the_advisor_holding_a_case_can_reply_or_resolve_it(handoff_db):
    ann, bo = make_advisor(), make_advisor("bo@hvu.example.edu", "Bo Park")
    case, _ = cases.open_case(request())
    with pytest.raises(CaseConflict, match="claim case"):
        cases.add_advisor_message(case.id, ann.id, "hello")
    cases.claim(case.id, ann.id)
    with pytest.raises(CaseConflict, match="being handled by Ann Lee"):
        cases.add_advisor_message(case.id, bo.id, "hello")
    with pytest.raises(CaseConflict, match="being handled by Ann Lee"):
        cases.resolve(case.id, bo.id)
    cases.add_advisor_message(case.id, ann.id, "Hi, I'm Ann.")
    cases.resolve(case.id, ann.id)
    with pytest.raises(CaseConflict, match="already resolved"):
        cases.add_advisor_message(case.id, ann.id, "one more thing")
    with pytest.raises(CaseNotFound):
        cases.claim(999, ann.id)


def test_an_empty_reply_is_refused(handoff_db):
    ann = make_advisor()
    case, _ = cases.open_case(request())
    cases.claim(case.id, ann.id)
    with pytest.raises(cases.CaseError, match="empty"):
        cases.add_advisor_message(case.id, ann.id, "   ")


def test_learner_messages_after_the_case_opened_are_kept_once_with_their_contact(handoff_db):
    case, _ = cases.open_case(request())
    opened = as_utc(case.created_at).timestamp()
    conversation = [
        Line("learner", "I need a person", opened - 5),
        Line("assistant", "I've opened case #1", opened - 4),
        Line("learner", "are you there?", opened + 10),
        Line("learner", "my number is 555 010 4200", opened + 20),
    ]
    cases.record_learner_messages(cases.get_case(case.id), conversation)
    cases.record_learner_messages(cases.get_case(case.id), conversation)
    stored = cases.get_case(case.id)
    assert [(m.sender, m.text) for m in stored.messages] == [
        ("learner", "are you there?"),
        ("learner", "my number is 555 010 4200"),
    ]
    assert stored.contact == "555 010 4200"


def test_the_transcript_reads_tracker_events_without_metadata_and_shows_button_titles():
    events = [
        {"event": "action", "name": "action_listen", "timestamp": T0},
        {"event": "user", "text": "hi", "timestamp": T0 + 1, "metadata": {"token": "secret-jwt"}},
        {
            "event": "bot",
            "text": "Would you like an advisor?",
            "timestamp": T0 + 2,
            "data": {"buttons": [{"title": "Yes, connect me", "payload": "/affirm"}]},
        },
        {"event": "user", "text": "/affirm", "timestamp": T0 + 3},
        {**advisor_event("Hello, Ann here.", "Ann Lee", 3), "timestamp": T0 + 4},
        {"event": "slot", "name": "x", "value": 1, "timestamp": T0 + 5},
    ]
    lines = from_events(events)
    assert [(line.sender, line.text) for line in lines] == [
        ("learner", "hi"),
        ("assistant", "Would you like an advisor?"),
        ("learner", "Yes, connect me"),
        ("advisor", "Hello, Ann here."),
    ]
    assert lines[3].advisor == "Ann Lee"
    assert "secret-jwt" not in str([line.as_dict() for line in lines])


def test_merging_adds_only_what_the_live_conversation_lacks():
    live = [Line("learner", "hi", T0), Line("advisor", "Hello", T0 + 2, "Ann", 1)]
    stored = [
        Line("advisor", "Hello", T0 + 1.9, "Ann", 1),  # delivered: already in the conversation
        Line("advisor", "Are you still there?", T0 + 5, "Ann", 2),  # not delivered
        Line("learner", "hi", T0),
    ]
    assert [(line.sender, line.text) for line in merge(live, stored)] == [
        ("learner", "hi"),
        ("advisor", "Hello"),
        ("advisor", "Are you still there?"),
    ]
