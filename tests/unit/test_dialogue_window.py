"""A long session reaches Rasa as its last turns with the state the earlier ones left
(``components/dialogue_window.py``); the state a tracker ends in is the whole session's."""

from __future__ import annotations

from datetime import datetime

from rasa.shared.core import events as rasa_events
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from components.dialogue_window import Window
from components.dialogue_window import window as window_of
from components.tracker_store import _encoded, _kind

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask, request_human]
slots:
  subject: {type: text, mappings: [{type: custom}]}
  goal: {type: text, mappings: [{type: custom}]}
  shown: {type: list, mappings: [{type: custom}]}
forms:
  recommendation_form: {required_slots: [goal]}
"""
)


def start(at: float = 0.0) -> list[dict]:
    return [
        {"event": "action", "name": "action_session_start", "timestamp": at},
        {"event": "session_started", "timestamp": at},
        {"event": "slot", "name": "shown", "value": ["carried"], "timestamp": at},
        {"event": "action", "name": "action_listen", "timestamp": at},
    ]


def turn(number: int, *extra: dict) -> list[dict]:
    at = float(number + 1)
    return [
        {
            "event": "user",
            "text": f"message {number}",
            "parse_data": {"intent": {"name": "ask"}},
            "timestamp": at,
        },
        *({**event, "timestamp": at} for event in extra),
        {"event": "action", "name": "action_answer", "timestamp": at},
        {"event": "bot", "text": f"reply {number}", "timestamp": at},
        {"event": "action", "name": "action_listen", "timestamp": at},
    ]


def window(session: list[dict], turns: int) -> Window:
    return window_of([event["event"] for event in session], session.__getitem__, turns)


def tracker(events: list[dict]) -> DialogueStateTracker:
    return DialogueStateTracker.from_dict("learner", events, DOMAIN.slots)


def texts(events: list[dict]) -> list[str]:
    return [event["text"] for event in events if event["event"] == "user"]


def test_a_short_session_is_handed_out_whole():
    session = start() + [event for number in range(10) for event in turn(number)]
    assert window(session, 10) == (session, 0)


def test_a_long_session_keeps_its_last_turns_and_the_slots_earlier_turns_set():
    session = start() + turn(0, {"event": "slot", "name": "subject", "value": "sql"})
    session += [event for number in range(1, 30) for event in turn(number)]
    session += turn(30, {"event": "slot", "name": "goal", "value": "analyst"})
    events, carried = window(session, 10)
    assert texts(events) == [f"message {number}" for number in range(21, 31)]
    assert events[carried:] == session[len(session) - len(events) + carried :]
    assert {e["name"]: e["value"] for e in events[:carried]} == {"shown": ["carried"], "subject": "sql"}
    whole, part = tracker(session), tracker(events)
    assert part.current_slot_values() == whole.current_slot_values()
    assert part.latest_message.text == whole.latest_message.text == "message 30"


def test_a_slot_set_again_inside_the_window_ends_with_its_latest_value():
    session = start() + turn(0, {"event": "slot", "name": "subject", "value": "sql"})
    session += [event for number in range(1, 20) for event in turn(number)]
    session += turn(20, {"event": "slot", "name": "subject", "value": "ux"})
    events, _ = window(session, 5)
    assert tracker(events).get_slot("subject") == "ux"


def test_a_paused_conversation_stays_paused_and_a_resumed_one_resumed():
    paused = start() + turn(0, {"event": "pause"}) + [e for n in range(1, 20) for e in turn(n)]
    assert tracker(window(paused, 5).events).is_paused()
    resumed = start() + turn(0, {"event": "pause"}) + turn(1, {"event": "resume"})
    resumed += [e for n in range(2, 20) for e in turn(n)]
    assert not tracker(window(resumed, 5).events).is_paused()


def test_a_form_running_at_the_window_start_is_kept_from_the_message_that_started_it():
    session = start() + [e for n in range(10) for e in turn(n)]
    session += turn(10, {"event": "active_loop", "name": "recommendation_form"})
    session += [e for n in range(11, 16) for e in turn(n)]
    session += turn(16, {"event": "active_loop", "name": None})
    session += [e for n in range(17, 19) for e in turn(n)]
    events, _ = window(session, 5)
    assert texts(events)[0] == "message 10"
    assert tracker(events).active_loop_name is None


def test_a_session_whose_history_was_rewritten_is_handed_out_whole():
    session = start() + turn(0, {"event": "rewind"}) + [e for n in range(1, 20) for e in turn(n)]
    assert window(session, 5) == (session, 0)


def test_slots_reset_before_the_window_are_not_carried():
    session = start() + turn(
        0, {"event": "slot", "name": "subject", "value": "sql"}, {"event": "reset_slots"}
    )
    session += [e for n in range(1, 20) for e in turn(n)]
    events, carried = window(session, 5)
    assert carried == 0
    assert tracker(events).get_slot("subject") is None


#: The kinds a window reads: user messages, and what sets the state it carries over.
READ = {
    "user",
    "slot",
    "reset_slots",
    "session_started",
    "pause",
    "resume",
    "active_loop",
    "rewind",
    "undo",
    "restart",
}


def test_the_redis_store_reads_every_kind_a_window_needs_from_the_stored_text():
    every_kind = [
        rasa_events.UserUttered("hi", {"name": "greet"}, metadata={"event": "bot"}),
        rasa_events.BotUttered("x", {"buttons": []}),
        rasa_events.SlotSet("a", {"event": "user"}),
        rasa_events.Restarted(),
        rasa_events.UserUtteranceReverted(),
        rasa_events.AllSlotsReset(),
        rasa_events.ReminderScheduled("greet", datetime(2026, 12, 3)),
        rasa_events.ReminderCancelled(),
        rasa_events.ActionReverted(),
        rasa_events.StoryExported(),
        rasa_events.FollowupAction("x"),
        rasa_events.ConversationPaused(),
        rasa_events.ConversationResumed(),
        rasa_events.ActionExecuted("action_listen"),
        rasa_events.AgentUttered("t"),
        rasa_events.ActiveLoop("recommendation_form"),
        rasa_events.LoopInterrupted(True),
        rasa_events.ActionExecutionRejected("a"),
        rasa_events.SessionStarted(),
        rasa_events.EntitiesAdded([]),
        rasa_events.DefinePrevUserUtteredFeaturization(True),
    ]
    for event in every_kind:
        kind, read = event.as_dict()["event"], _kind(_encoded(event.as_dict()))
        assert read == kind or (read is None and kind not in READ), kind


def test_a_window_read_on_from_the_last_ones_start_is_the_window_read_from_the_sessions_start():
    """What the Redis store does on each turn of a long session once it has handed out a window
    (``window_after``): a slot set and reset, a pause, a form running over several turns."""
    from components.dialogue_window import window_after

    extras = {
        1: [{"event": "slot", "name": "subject", "value": "sql"}],
        4: [{"event": "pause"}],
        7: [{"event": "resume"}, {"event": "slot", "name": "goal", "value": "data"}],
        9: [{"event": "active_loop", "name": "recommendation_form"}],
        13: [{"event": "active_loop", "name": None}],
        15: [{"event": "reset_slots"}],
        17: [{"event": "slot", "name": "subject", "value": "ux"}],
    }
    session = start()
    previous: tuple[int, list[dict]] | None = None
    resumed = 0
    for number in range(22):
        session += turn(number, *extras.get(number, []))
        expected = window(session, 5)
        if previous is not None:
            at, carried = previous
            later = session[at:]
            found = window_after(carried, [e["event"] for e in later], later.__getitem__, 5)
            if found is not None:
                resumed += 1
                assert found == expected, number
        start_at = len(session) - (len(expected.events) - expected.carried)
        previous = (start_at, expected.events[: expected.carried]) if start_at else None
    assert resumed >= 12


def test_a_window_cannot_be_read_on_past_a_rewrite():
    from components.dialogue_window import window_after

    session = start() + [e for n in range(12) for e in turn(n)]
    expected = window(session, 5)
    at = len(session) - (len(expected.events) - expected.carried)
    later = session[at:] + turn(12, {"event": "rewind"})
    assert (
        window_after(expected.events[: expected.carried], [e["event"] for e in later], later.__getitem__, 5)
        is None
    )
