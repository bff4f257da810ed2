"""``WindowedSQLTrackerStore``: Rasa's SQL tracker store, handing Rasa a long session's last turns.

The production tracker store (PostgreSQL, shared by the Rasa replicas). Rasa's
``SQLTrackerStore`` keeps one row per event and reads the last session; here the tracker it
returns for a session is its window (``components.dialogue_window``), and a save inserts the
events the tracker gained since this store handed it out or saved it, without counting the
stored session first (Rasa's store counts the session's rows and saves the tracker's events past
that count, which for a window would be the wrong ones). Trackers it did not hand out (Rasa's
tracker API replacing a conversation) are saved as Rasa saves them. Reads of every session (the
HTTP API's) are Rasa's.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import NamedTuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from components.dialogue_window import WindowedTrackerStore, window


class _Handed(NamedTuple):
    """How many events the tracker held when this store handed it out or saved it."""

    count: int


class WindowedSQLTrackerStore(WindowedTrackerStore[_Handed], SQLTrackerStore):
    """Rasa's SQL tracker store; the last session's read is its window of last turns."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self.handed.remember(tracker, _Handed(len(tracker.events)))

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        handed = self.handed.get(tracker)
        if handed is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, handed.count, None)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            rows = [(row.type_name, row.data) for row in query]
        if not self.domain or not rows:
            return None
        kinds = [kind for kind, _ in rows]
        events = window(kinds, lambda index: json.loads(rows[index][1]), self.window_turns).events
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        self.handed.remember(tracker, _Handed(len(tracker.events)))
        return tracker
