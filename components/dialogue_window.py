"""The part of a conversation session Rasa is handed each turn: its last turns, and the state before them.

Rasa derives a turn's predictions from the whole tracker it reads: every policy re-derives the
state of each earlier turn (``past_states``), the action server gets every event of the session
with each call, and the tracker is rebuilt event by event. A session's turns therefore cost
more the longer it has run. The policies look back a few turns only (``max_history``; the
rules are shorter still), and the actions read the latest turns and the slots. So the tracker
stores of this project hand Rasa, for a long session, only its last ``turns`` user turns,
preceded by *carried-over* events that restore what the earlier turns left (the slots' values
and whether the conversation is paused), as Rasa's own session start carries slots over:

- the window starts at a user message, and never inside a form (a loop active there moves it
  back to the message that started the loop), so that a form's turns are seen together;
- a session holding an event that rewrites its history (``rewind``, ``undo``, ``restart``) is
  handed out whole, as Rasa would replay it;
- the stores save only the events the tracker gained after it was handed out, so the
  carried-over events are never stored, and every stored event stays where it was.

Rasa's HTTP API reads of a whole conversation (``retrieve_full_tracker``: the tracker, every
session's stories) are not windowed; its story of the last session alone (``/story`` without
``all_sessions``) is the window's.
The stores say each event's kind without parsing it (``window``), and parse only the events
the window needs.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

WINDOW_TURNS = 5
"""How many of a session's last user turns a tracker holds (the MemoizationPolicy looks back five
states, about two turns; the rules fewer)."""

REWRITING = frozenset({"rewind", "undo", "restart"})
"""Events that make Rasa drop earlier events when it replays a session."""

KNOWN_CONVERSATIONS = 10_000
"""How many conversations' last session start and last window start a store's process remembers."""


class Window(NamedTuple):
    """The events a tracker is built from: ``carried`` carried-over ones, then the session's last ones."""

    events: list[dict]
    carried: int

    def start_in(self, read: int) -> int:
        """Where the window's own events start among the ``read`` stored events it was made from
        (0: it holds them all)."""
        return read - (len(self.events) - self.carried)


class _State(NamedTuple):
    """What a session's events up to a point leave: slot values set, pause, the loop running."""

    slots: dict
    paused: bool
    loop_started_by: int | None  # the user message before the running loop's activation


def _state_before(kinds: Sequence[str | None], load: Callable[[int], dict], end: int) -> _State:
    slots: dict = {}
    paused, loop_started_by, last_user = False, None, None
    for index in range(end):
        kind = kinds[index]
        if kind == "user":
            last_user = index
        elif kind == "slot":
            event = load(index)
            slots[event.get("name")] = event.get("value")
        elif kind in ("reset_slots", "session_started"):
            slots.clear()
            if kind == "session_started":
                paused, loop_started_by = False, None
        elif kind == "pause":
            paused = True
        elif kind == "resume":
            paused = False
        elif kind == "active_loop":
            active = load(index).get("name")
            loop_started_by = (last_user if last_user is not None else 0) if active else None
    return _State(slots, paused, loop_started_by)


def _window_start(
    kinds: Sequence[str | None], load: Callable[[int], dict], turns: int
) -> tuple[int, _State] | None:
    """Where a session's window starts and the state before it, or None to hand it out whole."""
    users = [index for index, kind in enumerate(kinds) if kind == "user"]
    if len(users) <= turns or any(kind in REWRITING for kind in kinds):
        return None
    start = users[-turns]
    state = _state_before(kinds, load, start)
    while state.loop_started_by is not None and state.loop_started_by > users[0]:
        start = state.loop_started_by
        state = _state_before(kinds, load, start)
    if state.loop_started_by is not None or start <= users[0]:
        return None
    return start, state


def window(kinds: Sequence[str | None], load: Callable[[int], dict], turns: int = WINDOW_TURNS) -> Window:
    """The events to build a tracker from for a session: ``kinds[i]`` is the kind (``"event"``)
    of its event ``i`` (counted from the session's start), or None for a kind that neither is a
    user message nor changes the state carried over (``action``, ``bot``); ``load(i)`` is the
    event as a dict. Only the window's events and the earlier ones that set state are loaded."""
    found = _window_start(kinds, load, turns)
    if found is None:
        return Window([load(index) for index in range(len(kinds))], 0)
    return _windowed(found, kinds, load)


def window_after(
    carried: Sequence[dict],
    kinds: Sequence[str | None],
    load: Callable[[int], dict],
    turns: int = WINDOW_TURNS,
) -> Window | None:
    """``window`` of a session from an earlier window's start on: ``carried`` is what that window
    carried over (the state there, outside any form, after the session's first user message),
    ``kinds`` and ``load`` the events from its start. None when the window would need events
    before them (a session rewritten since, say): then read the session whole."""
    head: list[str | None] = ["user", *(event["event"] for event in carried)]

    def load_all(index: int) -> dict:
        return carried[index - 1] if index < len(head) else load(index - len(head))

    found = _window_start([*head, *kinds], load_all, turns)
    if found is None or found[0] < len(head):
        return None
    return _windowed((found[0] - len(head), found[1]), kinds, load)


def _windowed(found: tuple[int, _State], kinds: Sequence[str | None], load: Callable[[int], dict]) -> Window:
    start, state = found
    tail = [load(index) for index in range(start, len(kinds))]
    at = tail[0].get("timestamp")
    carried = [
        {"event": "slot", "name": name, "value": value, "timestamp": at}
        for name, value in state.slots.items()
    ]
    if state.paused:
        carried.append({"event": "pause", "timestamp": at})
    return Window(carried + tail, len(carried))


def remember(cache: OrderedDict, sender_id: str, value: object) -> None:
    """Note ``value`` for a conversation in one of a store's bounded caches (the least recently
    read forgotten)."""
    cache[sender_id] = value
    cache.move_to_end(sender_id)
    if len(cache) > KNOWN_CONVERSATIONS:
        cache.popitem(last=False)


class Counted(Protocol):
    """What a store notes of a tracker it handed out: how many events it held then, at least."""

    @property
    def count(self) -> int: ...


Record = TypeVar("Record", bound=Counted)


class HandedOut(Generic[Record]):
    """What a store noted about each tracker it handed out that is still alive, by identity
    (trackers are not hashable), forgotten when the tracker is."""

    def __init__(self) -> None:
        self._records: dict[int, tuple[weakref.ref[DialogueStateTracker], Record]] = {}

    def remember(self, tracker: DialogueStateTracker, record: Record) -> None:
        key = id(tracker)

        def forget(reference: weakref.ref[DialogueStateTracker]) -> None:
            if (entry := self._records.get(key)) is not None and entry[0] is reference:
                del self._records[key]

        self._records[key] = (weakref.ref(tracker, forget), record)

    def get(self, tracker: DialogueStateTracker) -> Record | None:
        entry = self._records.get(id(tracker))
        return entry[1] if entry is not None and entry[0]() is tracker else None


class WindowedTrackerStore(TrackerStore, Generic[Record]):
    """What the project's tracker stores share: the window's size (``window_turns``, a store
    option in endpoints.yml), the trackers handed out, and an event broker told what each
    tracker gained since (Rasa's own diff reads the store again and compares event counts,
    which a window would throw off)."""

    def __init__(self, *args: Any, window_turns: int = WINDOW_TURNS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.window_turns = int(window_turns)
        self.handed: HandedOut[Record] = HandedOut()

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        record = self.handed.get(tracker)
        if self.event_broker is None or record is None:
            await super().stream_events(tracker)
            return
        await self._stream_new_events(
            self.event_broker, list(tracker.events)[record.count :], tracker.sender_id
        )
