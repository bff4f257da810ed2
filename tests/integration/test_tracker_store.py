"""The tracker store the Rasa processes share keeps a conversation exactly as Rasa's own Redis store does.

``components/tracker_store.py`` appends each turn's new events and reads back the last
session, whatever the history's length; what a later turn reads (the last session, or every
session through the HTTP API) must be what Rasa's ``RedisTrackerStore`` gives for the same
turns, including a conversation saved again after a new session started, one whose process
saved an older copy, one two processes take turns on, and one Rasa's store wrote.
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
        return await _read_back(store, sender)

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


def _turns(sessions: int, now: float) -> list[list]:
    """The events each turn adds: a session's start, then its user turns (two per session)."""
    events = [_session(now - 3600 * (sessions - number), 2) for number in range(sessions)]
    return [group for session in events for group in [session[:3]] + [session[i : i + 4] for i in (3, 7)]]


async def _turn(store, sender: str, events: list) -> None:
    """One turn as a Rasa process takes it: read the conversation's last session, update it, save it."""
    tracker = await store.retrieve(sender) or DialogueStateTracker.from_events(sender, [], DOMAIN.slots)
    for event in events:
        tracker.update(event)
    await store.save(tracker)


async def _read_back(store, sender: str) -> tuple[list[dict], list[dict], dict]:
    full = await store.retrieve_full_tracker(sender)
    last = await store.retrieve(sender)
    return (
        [e.as_dict() for e in full.events],
        [e.as_dict() for e in last.events],
        dict(last.current_slot_values()),
    )


def _lrange_calls(store) -> int:
    return store.red.info("commandstats").get("cmdstat_lrange", {}).get("calls", 0)


def test_a_long_history_reads_back_as_with_rasas_store_and_each_turn_only_appends(tmp_path):
    turns = _turns(30, time.time())
    with running_redis(tmp_path) as port:
        ours = LinearRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=1)
        rasas = RedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=2)

        async def run() -> None:
            for events in turns:
                await _turn(rasas, "learner", events)
                stored, ranges = ours.red.llen("tracker:learner"), _lrange_calls(ours)
                await _turn(ours, "learner", events)
                assert ours.red.llen("tracker:learner") == stored + len(events)
                if stored:  # the turn read one range (its last session); the save appended unread
                    assert _lrange_calls(ours) == ranges + 1
            assert await _read_back(ours, "learner") == await _read_back(rasas, "learner")
            assert list(await ours.keys()) == list(await rasas.keys())

        asyncio.run(run())


def test_two_processes_taking_turns_store_what_one_process_would(tmp_path):
    turns = _turns(4, time.time())
    with running_redis(tmp_path) as port:
        alone = LinearRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=1)
        processes = [LinearRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=2) for _ in range(2)]

        async def run() -> None:
            for number, events in enumerate(turns):
                await _turn(alone, "learner", events)
                await _turn(processes[number % 2], "learner", events)
            for store in processes:
                assert await _read_back(store, "learner") == await _read_back(alone, "learner")

        asyncio.run(run())


def test_a_tracker_held_while_another_process_took_a_turn_is_merged_as_rasa_merges_it(tmp_path):
    turns, late = _turns(2, time.time()), _session(time.time() + 100, 2)[3:]
    with running_redis(tmp_path) as port:
        ours = [LinearRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=1) for _ in range(2)]
        rasas = [RedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=2) for _ in range(2)]

        async def run(holder, other) -> tuple[list[dict], list[dict], dict]:
            for events in turns:
                await _turn(holder, "learner", events)
            held = await holder.retrieve("learner")
            await _turn(other, "learner", late[:4])
            for event in late:  # the other process's turn, then its own: the first kept once
                held.update(event)
            await holder.save(held)
            return await _read_back(holder, "learner")

        assert asyncio.run(run(*ours)) == asyncio.run(run(*rasas))


def test_a_conversation_rasas_store_wrote_is_read_and_continued_with_nothing_lost(tmp_path):
    now = time.time()
    earlier, turn = _session(now - 7200, 3) + _session(now, 1), _session(now, 2)[7:]
    with running_redis(tmp_path) as port:
        rasas = RedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=1, record_exp=3600)
        ours = LinearRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=1)
        reference = RedisTrackerStore(DOMAIN, host="127.0.0.1", port=port, db=2)

        async def run() -> None:
            for sender in ("reads first", "saves first"):
                for store in (rasas, reference):
                    await store.save(DialogueStateTracker.from_events(sender, earlier, DOMAIN.slots))
                assert rasas.red.type(f"tracker:{sender}") == "string"
            assert await _read_back(ours, "reads first") == await _read_back(reference, "reads first")
            for store in (ours, reference):
                await _turn(store, "reads first", turn)
                await store.save(
                    DialogueStateTracker.from_events("saves first", earlier + turn, DOMAIN.slots)
                )
            for sender in ("reads first", "saves first"):
                assert ours.red.type(f"tracker:{sender}") == "list"
                assert 0 < ours.red.ttl(f"tracker:{sender}") <= 3600
                assert await _read_back(ours, sender) == await _read_back(reference, sender)

        asyncio.run(run())
