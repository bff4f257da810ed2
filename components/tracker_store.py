"""``LinearRedisTrackerStore``: Rasa's Redis tracker store, whose cost per turn does not grow with the history.

Rasa 3.6's ``RedisTrackerStore`` keeps a conversation as one JSON document: every save reads,
rebuilds, merges and rewrites all of it (every session), and every read rebuilds all of it to
return the last session, so a learner who comes back day after day makes each turn slower.
Here a conversation is a Redis list at the same key, one JSON-encoded event per element:

- a save appends (RPUSH) only the events the tracker gained since this store returned or
  saved it, if the list still has the length it had then (the lock store lets one process
  at a time handle a conversation; a script checks the length and appends in one round
  trip, and an append another process made meanwhile sends the save back to the merge). Any
  other tracker (built elsewhere, a stale copy, one whose conversation another process
  extended, one that dropped events past ``max_event_history``) is merged as Rasa merges it:
  the stored events, then those in hand not already among them, in order;
- a read fetches only the last session: from the last ``action_session_start`` this process
  saw for the conversation (a bounded cache, checked against what it reads: the list only
  grows, so a later session start can only come after it), else from the one found by
  reading the list back from its end; and of a long session, Rasa is handed its last turns
  (``components.dialogue_window``), parsing only their events and the earlier ones that set
  state (each event's kind is read from the start of its text). Once this process has handed
  out a window of the session, the next read starts where that window started, with what it
  carried over (a second bounded cache, checked the same way), so a turn reads about as many
  events however long the session has run.

A conversation stored as one document (by this module's earlier version or by Rasa's own
store) is converted in place, its events and expiry kept, the first time it is read or saved.
Measured on 2026-12-03 (shared 2-core machine, niced, noisy), one turn (read the last
session of 107-137 events, add one, save) of a conversation of 26 sessions (2,282-2,312
events): the save took 1.1-1.2 ms, as on a one-session conversation (0.8-1.1 ms), where the
document version took 26-38 ms and Rasa's store 0.9-1.2 s; the read took 8-16 ms, what
rebuilding the last session takes whatever the history (the document version: 16-24 ms;
Rasa's store: 160-210 ms).
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.conversation import Dialogue
from rasa.shared.core.events import Event, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from redis.client import Pipeline
from redis.exceptions import ResponseError

from components.dialogue_window import Window, WindowedTrackerStore, remember, window, window_after

logger = logging.getLogger(__name__)

TAIL_CHUNK = 256
"""How many events a read takes at a time, from the end, looking for the last session start."""

Result = TypeVar("Result")


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


def _starts_session(event: dict) -> bool:
    return event.get("event") == "action" and event.get("name") == ACTION_SESSION_START_NAME


def _encodes_session_start(encoded: str) -> bool:
    """Whether a stored (JSON) event is an ``action_session_start``, parsing only likely ones."""
    return f'"{ACTION_SESSION_START_NAME}"' in encoded and _starts_session(json.loads(encoded))


def last_session_start(encoded: list[str]) -> int:
    """The index of the last ``action_session_start`` among stored events (0 if none)."""
    for index in range(len(encoded) - 1, -1, -1):
        if _encodes_session_start(encoded[index]):
            return index
    return 0


_KIND_FIRST = '{"event": "'


def _kind(encoded: str) -> str | None:
    """A stored event's kind, read from its text: keys sorted, ``"event"`` comes first in every
    event but those whose first key sorts before it (``action``, ``bot``, ``reminder``,
    ``entities``, ``action_execution_rejected``), none of them a user message or a state
    change a window carries over, for which None."""
    if not encoded.startswith(_KIND_FIRST):
        return None
    return encoded[len(_KIND_FIRST) : encoded.find('"', len(_KIND_FIRST))]


class _Read(NamedTuple):
    """A tracker this store handed out or saved: the stored list's length then, its events then
    (how many, the last), and how many of them lead it carried over (``components.dialogue_window``)."""

    length: int
    count: int
    last: Event | None
    carried: int


def _read(length: int, events: list[Event], carried: int = 0) -> _Read:
    return _Read(length, len(events), events[-1] if events else None, carried)


def _gained(read: _Read | None, length: int, events: list[Event]) -> list[Event] | None:
    """The events a tracker gained since ``read``, if the list still has the length it had then."""
    if read is None or read.length != length:
        return None
    if len(events) < read.count or (read.count and events[read.count - 1] is not read.last):
        return None  # events were dropped from its start (max_event_history): merge instead
    return events[read.count :]


#: KEYS[1]: the list; ARGV: the length it must still have, the expiry in ms (0: none), then the
#: events to append. The new length, or -1 (nothing written) if the list's length differs.
_APPEND_IF_UNCHANGED = """
local length = tonumber(ARGV[1])
if redis.call('LLEN', KEYS[1]) ~= length then return -1 end
for first = 3, #ARGV, 1000 do
  length = redis.call('RPUSH', KEYS[1], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
if tonumber(ARGV[2]) > 0 and length > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return length
"""


class LinearRedisTrackerStore(WindowedTrackerStore[_Read], RedisTrackerStore):
    """Rasa's Redis tracker store (same keys, a list of events each); saves append, reads take
    the last session's last turns (``components.dialogue_window``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._session_starts: OrderedDict[str, int] = OrderedDict()
        #: Per conversation, where this process's last window of it started: the index, the event
        #: stored there, and the events the window carried over.
        self._checkpoints: OrderedDict[str, tuple[int, str, list[dict]]] = OrderedDict()
        self._append_if_unchanged = self.red.register_script(_APPEND_IF_UNCHANGED)

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        """Append to the stored conversation the events of ``tracker`` it does not hold yet: in
        one round trip (a script) when this store handed it out or saved it and the list has not
        grown since, else in a transaction that merges."""
        await self.stream_events(tracker)
        if not timeout and self.record_exp:
            timeout = self.record_exp
        key = self.key_prefix + tracker.sender_id
        events, read = list(tracker.events), self.handed.get(tracker)
        own = events[read.carried :] if read else events
        new = _gained(read, read.length, events) if read else None
        if read is not None and new is not None:
            expiry = int(timeout * 1000) if timeout else 0
            encoded = [_encoded(event.as_dict()) for event in new]
            length = self._as_list(
                key, lambda: int(self._append_if_unchanged(keys=[key], args=[read.length, expiry, *encoded]))
            )
            if length >= 0:
                self.handed.remember(tracker, _read(length, events, read.carried))
                return

        def append(pipe: Pipeline) -> int:
            length = pipe.llen(key)
            new = _gained(read, length, events)
            if new is not None:
                encoded = [_encoded(event.as_dict()) for event in new]
            else:
                stored = pipe.lrange(key, 0, -1) if length else []
                encoded = merged_events(stored, [_encoded(event.as_dict()) for event in own])[length:]
            pipe.multi()
            if encoded:
                pipe.rpush(key, *encoded)
            if timeout and (encoded or length):
                pipe.pexpire(key, int(timeout * 1000))
            return length + len(encoded)

        length = self._as_list(key, lambda: self.red.transaction(append, key, value_from_callable=True))
        self.handed.remember(tracker, _read(length, events, read.carried if read else 0))

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        """The whole conversation, or its last session's window, rebuilding only the events returned."""
        key = self.key_prefix + sender_id
        if fetch_all_sessions:
            found = self._whole(sender_id, key)
        else:
            found = self._window_from_checkpoint(sender_id, key) or self._window_of_last_session(
                sender_id, key
            )
        if found is None:
            logger.debug(f"Could not find tracker for conversation ID '{sender_id}'.")
            return None
        length, (events, carried) = found
        tracker = self.init_tracker(sender_id)
        tracker.recreate_from_dialogue(Dialogue(sender_id, deserialise_events(events)))
        self.handed.remember(tracker, _read(length, list(tracker.events), carried))
        return tracker

    def _whole(self, sender_id: str, key: str) -> tuple[int, Window] | None:
        """Every stored event (the list's length, and its events as a window carrying nothing)."""
        encoded = self._as_list(key, lambda: self.red.lrange(key, 0, -1))
        if not encoded:
            return None
        remember(self._session_starts, sender_id, last_session_start(encoded))
        return len(encoded), Window([json.loads(event) for event in encoded], 0)

    def _window_of_last_session(self, sender_id: str, key: str) -> tuple[int, Window] | None:
        """The last session's window, read from its start (the list's length, the window)."""
        start, encoded = self._last_session(sender_id, key)
        if not encoded:
            return None
        session = last_session_start(encoded)
        remember(self._session_starts, sender_id, start + session)
        tail = encoded[session:]
        found = window([_kind(e) for e in tail], lambda i: json.loads(tail[i]), self.window_turns)
        self._remember_checkpoint(sender_id, start + session, tail, found, whole_session=True)
        return start + len(encoded), found

    def _window_from_checkpoint(self, sender_id: str, key: str) -> tuple[int, Window] | None:
        """The last session's window, read from where this process's last window of it started
        (``components.dialogue_window.window_after``): a long session's read then costs what its
        last turns cost. None when this process has none, the stored events there are not the
        ones it saw, a session has started since, or the window needs more (read from the start)."""
        mark = self._checkpoints.get(sender_id)
        if mark is None:
            return None
        index, first, carried = mark
        encoded = self._as_list(key, lambda: self.red.lrange(key, index, -1))
        if not encoded or encoded[0] != first or last_session_start(encoded) > 0:
            return None
        found = window_after(
            carried, [_kind(e) for e in encoded], lambda i: json.loads(encoded[i]), self.window_turns
        )
        if found is None:
            return None
        self._remember_checkpoint(sender_id, index, encoded, found, whole_session=False)
        return index + len(encoded), found

    def _remember_checkpoint(
        self, sender_id: str, offset: int, tail: list[str], found: Window, whole_session: bool
    ) -> None:
        """Note where ``found`` (the window of ``tail``, stored from ``offset``) starts and what it
        carried, for the next read; a whole session handed out leaves nothing to start from (a
        window that starts where the last one did keeps its mark)."""
        start = found.start_in(len(tail))
        if start == 0 and whole_session:
            self._checkpoints.pop(sender_id, None)
            return
        remember(self._checkpoints, sender_id, (offset + start, tail[start], found.events[: found.carried]))

    def _last_session(self, sender_id: str, key: str) -> tuple[int, list[str]]:
        """The stored events from the last session start known or later (its index, the events)."""
        start = self._session_starts.get(sender_id)
        if start is not None:
            self._session_starts.move_to_end(sender_id)
            encoded = self._as_list(key, lambda: self.red.lrange(key, start, -1))
            if encoded and (start == 0 or _encodes_session_start(encoded[0])):
                return start, encoded
        return self._as_list(key, lambda: self._tail_from_session_start(key))

    def _tail_from_session_start(self, key: str) -> tuple[int, list[str]]:
        """The stored events from the last session start, read in chunks from the end (all if none)."""
        end, chunks = self.red.llen(key), []
        while end > 0:
            begin = max(0, end - TAIL_CHUNK)
            chunk = self.red.lrange(key, begin, end - 1)
            chunks.insert(0, chunk)
            for index in range(len(chunk) - 1, -1, -1):
                if _encodes_session_start(chunk[index]):
                    chunks[0] = chunk[index:]
                    return begin + index, [event for chunk in chunks for event in chunk]
            end = begin
        return 0, [event for chunk in chunks for event in chunk]

    def _as_list(self, key: str, operation: Callable[[], Result]) -> Result:
        """Run ``operation`` on the list at ``key``, converting the key first if it holds a document."""
        try:
            return operation()
        except ResponseError as error:
            if not str(error).startswith("WRONGTYPE"):
                raise
        self._convert_document(key)
        return operation()

    def _convert_document(self, key: str) -> None:
        """Replace a conversation stored as one JSON document by the list of its events, expiry kept."""

        def convert(pipe: Pipeline) -> None:
            if pipe.type(key) != "string":
                return  # another process converted it meanwhile
            document, expiry = pipe.get(key), pipe.pttl(key)
            events = [_encoded(event) for event in json.loads(document).get("events") or []]
            pipe.multi()
            pipe.delete(key)
            if events:
                pipe.rpush(key, *events)
                if expiry > 0:
                    pipe.pexpire(key, expiry)

        self.red.transaction(convert, key)
        logger.info(f"Converted the conversation at '{key}' from one document to a list of events.")
