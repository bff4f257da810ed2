"""``WindowedSQLTrackerStore``: Rasa's SQL tracker store, handing Rasa a long session's last turns.

The production tracker store (PostgreSQL, shared by the Rasa replicas). Rasa's
``SQLTrackerStore`` keeps one row per event and reads the last session; here the tracker it
returns for a session is its window (``components.dialogue_window``), and a save inserts the
events the tracker gained since this store handed it out or saved it, without counting the
stored session first (Rasa's store counts the session's rows and saves the tracker's events past
that count, which for a window would be the wrong ones). Trackers it did not hand out (Rasa's
tracker API replacing a conversation) are saved as Rasa saves them. Reads of every session (the
HTTP API's) are Rasa's.

Once this process has handed out a window of a session, the next read takes the rows from that
window's first row on, with what the window carried over (``window_after``), as the Redis store
does: a turn then reads about as many rows however long the session has run. It reads the
session from its start instead when it has no such mark for the conversation (a bounded cache),
when the row is no longer the first at or after the mark (the conversation was replaced), when
a session has started since, or when the window would need earlier rows.
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from components.dialogue_window import Window, WindowedTrackerStore, remember, window, window_after


class _Handed(NamedTuple):
    """How many events the tracker held when this store handed it out or saved it."""

    count: int


class WindowedSQLTrackerStore(WindowedTrackerStore[_Handed], SQLTrackerStore):
    """Rasa's SQL tracker store; the last session's read is its window of last turns."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Per conversation, where this process's last window of it started: the row's id, and
        #: the events the window carried over.
        self._checkpoints: OrderedDict[str, tuple[int, list[dict]]] = OrderedDict()

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
        if not self.domain:
            return None
        with self.session_scope() as session:
            found = self._window_from_checkpoint(session, sender_id) or self._window_of_last_session(
                session, sender_id
            )
        if found is None:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, found.events, self.domain.slots)
        self.handed.remember(tracker, _Handed(len(tracker.events)))
        return tracker

    def _window_of_last_session(self, session, sender_id: str) -> Window | None:
        """The last session's window, read from its start (Rasa's query for the last session)."""
        query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
        rows = [(row.id, row.type_name, row.data) for row in query]
        if not rows:
            return None
        found = window([kind for _, kind, _ in rows], lambda i: json.loads(rows[i][2]), self.window_turns)
        self._remember_checkpoint(sender_id, rows, found, whole_session=True)
        return found

    def _window_from_checkpoint(self, session, sender_id: str) -> Window | None:
        """The last session's window, read from the first row of this process's last window of it;
        None when there is none, the rows changed, a session started since, or more is needed."""
        mark = self._checkpoints.get(sender_id)
        if mark is None:
            return None
        first, carried = mark
        event = self.SQLEvent
        rows = list(
            session.query(event.id, event.type_name, event.data)
            .filter(event.sender_id == sender_id, event.id >= first)
            .order_by(event.id)
        )
        kinds = [kind for _, kind, _ in rows]
        if not rows or rows[0][0] != first or SessionStarted.type_name in kinds:
            return None
        found = window_after(carried, kinds, lambda i: json.loads(rows[i][2]), self.window_turns)
        if found is None:
            return None
        self._remember_checkpoint(sender_id, rows, found, whole_session=False)
        return found

    def _remember_checkpoint(
        self, sender_id: str, rows: Sequence[tuple], found: Window, whole_session: bool
    ) -> None:
        """Note the row ``found`` (the window of ``rows``) starts at and what it carried, for the
        next read; a whole session handed out leaves nothing to start from (a window that starts
        where the last one did keeps its mark)."""
        start = found.start_in(len(rows))
        if start == 0 and whole_session:
            self._checkpoints.pop(sender_id, None)
            return
        remember(self._checkpoints, sender_id, (rows[start][0], found.events[: found.carried]))
