"""The tracker store the Rasa processes share keeps a conversation exactly as Rasa's own Redis store does.

``components/tracker_store.py`` saves and reads back in time linear in the history; what a
later turn reads (the last session, or every session through the HTTP API) must be what
Rasa's ``RedisTrackerStore`` gives for the same turns, including a conversation saved again
after a new session started, and one whose process saved an older copy.
"""

from __future__ import annotations

import asyncio
import time

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.tracker_store import LinearRedisTrackerStore
from tests.support.redis_server import running_redis

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet]
slots:
  subject:
    type: text
    mappings: [{type: custom}]
"""
)


def _session(start: float, turns: int) -> list:
    events = [
        ActionExecuted(ACTION_SESSION_START_NAME, timestamp=start),
        SessionStarted(timestamp=start + 0.1),
        ActionExecuted(ACTION_LISTEN_NAME, timestamp=start + 0.2),
    ]
    for turn in range(turns):
        at = start + 1 + turn
        events += [
            UserUttered(f"message {turn}", {"name": "greet", "confidence": 0.9}, timestamp=at),
            SlotSet("subject", f"topic {turn}", timestamp=at + 0.1),
            BotUttered(
                f"reply {turn}", {"buttons": [{"title": "a", "payload": "/greet"}]}, timestamp=at + 0.2
            ),
            ActionExecuted(ACTION_LISTEN_NAME, timestamp=at + 0.3),
        ]
    return events


def _conversation(store, sender: str, now: float) -> tuple[list[dict], list[dict], dict]:
    """Two sessions saved turn by turn, the second read back as Rasa reads it each turn; then
    every session, the last one, and the slots a turn sees."""

    async def run() -> tuple[list[dict], list[dict], dict]:
        first = _session(now - 7200, 3)
        tracker = DialogueStateTracker.from_events(sender, [], DOMAIN.slots)
        for event in first:
            tracker.update(event)
            await store.save(tracker)
        tracker = DialogueStateTracker.from_events(sender, _session(now, 0), DOMAIN.slots)
        await store.save(tracker)  # the new session, saved from a tracker holding only it
        for event in _session(now, 2)[3:]:
            tracker = await store.retrieve(sender)
            tracker.update(event)
            await store.save(tracker)
        stale = DialogueStateTracker.from_events(sender, first, DOMAIN.slots)
        await store.save(stale)  # an older copy saved again changes nothing
        full = await store.retrieve_full_tracker(sender)
        last = await store.retrieve(sender)
        return (
            [e.as_dict() for e in full.events],
            [e.as_dict() for e in last.events],
            dict(last.current_slot_values()),
        )

    return asyncio.run(run())


def test_a_two_session_conversation_reads_back_as_with_rasas_own_store(tmp_path):
    now = time.time()
    with running_redis(tmp_path) as port:
        ours = _conversation(
            LinearRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=1), "learner", now
        )
        rasas = _conversation(RedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=2), "learner", now)

    full, last, slots = ours
    assert (full, last, slots) == rasas
    assert sum(e["event"] == "session_started" for e in full) == 2
    assert sum(e["event"] == "session_started" for e in last) == 1
    assert slots["subject"] == "topic 1"
