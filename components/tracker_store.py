"""``LinearRedisTrackerStore``: Rasa's Redis tracker store, whose cost per turn does not grow with the square of the history.

Rasa 3.6's ``RedisTrackerStore.save`` rebuilds the stored conversation as Rasa events, then
merges it with the one in hand by comparing every event in hand with every stored event,
each turned into a dict again for each comparison; ``retrieve`` rebuilds every stored event
(all sessions) to return the last session. Profiled at turn 60, the save was four fifths of
a Rasa process's time per message and a turn took ten times what turn 1 took (README
"Benchmark"). Here the save works on the stored JSON: each event is encoded once and the
merge is a set lookup; and ``retrieve`` rebuilds only the events from the last session's
start. What is stored and returned is what Rasa's store gives: the stored events, then those
in hand not already among them, in order; the last session's tracker.
"""

from __future__ import annotations

import json
import logging

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.conversation import Dialogue
from rasa.shared.core.events import deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)


def _encoded(event: dict) -> str:
    """An event's dict as JSON in one spelling, so that equal events compare equal as text."""
    return json.dumps(event, sort_keys=True)


def merged_events(stored: list[str], in_hand: list[str]) -> list[str]:
    """The stored events, then those in hand not among them (all JSON-encoded), as Rasa merges them."""
    if in_hand[: len(stored)] == stored:
        return in_hand
    merged, known = list(stored), set(stored)
    for event in in_hand:
        if event not in known:
            known.add(event)
            merged.append(event)
    return merged


def last_session_start(events: list[dict]) -> int:
    """The index of the last ``action_session_start`` in ``events`` (0 if none)."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if event.get("event") == "action" and event.get("name") == ACTION_SESSION_START_NAME:
            return index
    return 0


class LinearRedisTrackerStore(RedisTrackerStore):
    """Rasa's Redis tracker store (same keys, same stored document); save and retrieve are linear."""

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        """Store the conversation: the events stored so far, then the new ones of ``tracker``."""
        await self.stream_events(tracker)
        if not timeout and self.record_exp:
            timeout = self.record_exp
        key = self.key_prefix + tracker.sender_id
        events = [_encoded(event.as_dict()) for event in tracker.events]
        stored = self.red.get(key)
        if stored is not None:
            events = merged_events([_encoded(e) for e in json.loads(stored).get("events", [])], events)
        document = f'{{"name": {json.dumps(tracker.sender_id)}, "events": [{", ".join(events)}]}}'
        self.red.set(key, document, ex=timeout)

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        """The whole conversation, or its last session, rebuilding only the events returned."""
        stored = self.red.get(self.key_prefix + sender_id)
        if stored is None:
            logger.debug(f"Could not find tracker for conversation ID '{sender_id}'.")
            return None
        if fetch_all_sessions:
            return self.deserialise_tracker(sender_id, stored)
        events = json.loads(stored).get("events", [])
        tracker = self.init_tracker(sender_id)
        tracker.recreate_from_dialogue(
            Dialogue(sender_id, deserialise_events(events[last_session_start(events) :]))
        )
        return tracker
