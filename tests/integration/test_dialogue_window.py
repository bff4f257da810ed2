"""A long session reaches Rasa as its last turns, from both of the project's tracker stores,
and what they store is what Rasa's own stores hold (``components/dialogue_window.py``).

Each pair runs the same turns as Rasa runs them (read the last session, add the turn's events,
save): the project's store hands out the last turns with the slots and pause the earlier ones
left, saves only the new events, and reads back every session as Rasa's store does.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa.core.tracker_store import RedisTrackerStore, SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from components.dialogue_window import WINDOW_TURNS
from components.sql_tracker_store import WindowedSQLTrackerStore
from components.tracker_store import LinearRedisTrackerStore
from tests.support.redis_server import running_redis

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet]
slots:
  subject: {type: text, mappings: [{type: custom}]}
  turn: {type: text, mappings: [{type: custom}]}
"""
)
TURNS = 3 * WINDOW_TURNS + 4


def _turns(now: float) -> list[list]:
    """The events each turn adds: the session's start, then its user turns; the first sets a
    slot no later turn sets, turn 2 pauses the conversation (an advisor) and turn 5 resumes it."""
    groups = [[ActionExecuted(ACTION_SESSION_START_NAME, timestamp=now), SessionStarted(timestamp=now)]]
    for number in range(TURNS):
        at = now + 1 + number
        turn = [
            ActionExecuted(ACTION_LISTEN_NAME, timestamp=at - 0.5),
            UserUttered(f"message {number}", {"name": "greet", "confidence": 0.9}, timestamp=at),
            SlotSet("turn", str(number), timestamp=at + 0.1),
            BotUttered(f"reply {number}", {}, timestamp=at + 0.2),
        ]
        if number == 0:
            turn.append(SlotSet("subject", "sql", timestamp=at + 0.3))
        if number in (2, 5):
            turn.append((ConversationPaused if number == 2 else ConversationResumed)(timestamp=at + 0.3))
        groups.append(turn)
    return groups


def _run(store, turns: list[list]) -> list[DialogueStateTracker]:
    """Every turn as Rasa takes it; the tracker each turn was handed (empty for the first)."""

    async def run() -> list[DialogueStateTracker]:
        handed = []
        for events in turns:
            tracker = await store.retrieve("learner") or DialogueStateTracker.from_events(
                "learner", [], DOMAIN.slots
            )
            handed.append(tracker.copy())
            for event in events:
                tracker.update(event)
            await store.save(tracker)
        return handed

    return asyncio.run(run())


def _whole(store) -> list[dict]:
    return [event.as_dict() for event in asyncio.run(store.retrieve_full_tracker("learner")).events]


def _texts(tracker: DialogueStateTracker) -> list[str]:
    return [event.text for event in tracker.events if isinstance(event, UserUttered)]


@pytest.fixture(params=["redis", "sql"])
def stores(request, tmp_path):
    """(the project's store, Rasa's) of one kind, on separate databases."""
    if request.param == "sql":
        yield (
            WindowedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db")),
            SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasas.db")),
        )
        return
    with running_redis(tmp_path) as port:
        yield (
            LinearRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=1),
            RedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=2),
        )


def test_each_turn_of_a_long_session_sees_the_last_turns_and_the_state_of_all_of_them(stores):
    ours, rasas = stores
    turns = _turns(time.time() - 3600)
    mine, theirs = _run(ours, turns), _run(rasas, turns)
    for number in range(2, len(turns)):
        window, whole = mine[number], theirs[number]
        assert _texts(window) == _texts(whole)[-WINDOW_TURNS:]
        assert window.current_slot_values() == whole.current_slot_values()
        assert window.is_paused() == whole.is_paused()
        assert window.latest_message.text == whole.latest_message.text
    assert mine[-1].get_slot("subject") == "sql"
    assert _whole(ours) == _whole(rasas)


def test_a_session_reads_whole_again_after_a_new_one_starts(stores):
    ours, rasas = stores
    earlier, later = _turns(time.time() - 7200), _turns(time.time() - 60)[:3]
    for store in (ours, rasas):
        _run(store, earlier + later)
    assert _texts(asyncio.run(ours.retrieve("learner"))) == ["message 0", "message 1"]
    assert _whole(ours) == _whole(rasas)


def test_a_long_session_is_read_from_the_last_windows_start_not_its_own(stores, monkeypatch):
    ours, _ = stores
    from_start = []
    read_whole = type(ours)._window_of_last_session
    monkeypatch.setattr(
        type(ours),
        "_window_of_last_session",
        lambda self, *args: from_start.append(1) or read_whole(self, *args),
    )
    handed = _run(ours, _turns(time.time() - 3600))
    # from the start only while the session is no longer than a window (the empty read, the
    # session start, its first five turns) and for its first window: then from the last one's start
    assert len(from_start) == WINDOW_TURNS + 3 < len(handed)
    assert _texts(handed[-1]) == [f"message {n}" for n in range(TURNS - WINDOW_TURNS - 1, TURNS - 1)]
    assert handed[-1].get_slot("subject") == "sql"
