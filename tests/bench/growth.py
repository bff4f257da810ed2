"""Does a turn cost more as a conversation grows? Two checks of ``make bench``, for any Rasa server.

``turn_growth``: one user, three sixty-turn conversations one after the other (MESSAGES six
times over each): the mean latency of their turns 51-60 against their turns 1-10, the same ten
messages (three conversations rather than one, so that one slow turn on a noisy machine
weighs a thirtieth, not a tenth).

``day_long_session``: a conversation whose history spans more than a day, written through
Rasa's tracker API (``PUT /conversations/<id>/tracker/events``): a real ten-turn
conversation's events, copied into SESSIONS sessions an hour apart, the last one ending
hours before now, so that the next message starts a new session (``session_config`` in the
domain). Ten more turns are then timed against a fresh conversation's ten: Rasa's policies see
only the current session, but its tracker store reads and writes the whole history each turn.
"""

from __future__ import annotations

import statistics
from typing import Protocol

import requests

from tests.bench.load import MESSAGES, Chat, timed_turns
from tests.support.servers import new_sender

TURNS = 60
COMPARED = 10
CONVERSATIONS = 3
SESSIONS = 26
HOUR = 3600.0


class Server(Chat, Protocol):
    """A Rasa server with its HTTP API enabled."""

    api_token: str


def _mean(latencies: list[float]) -> float:
    return round(statistics.fmean(latencies), 1)


def turn_growth(servers: Chat) -> dict:
    """Mean latency of the first and the last ten turns of sixty-turn conversations."""
    first, last = [], []
    for _ in range(CONVERSATIONS):
        latencies = timed_turns(servers, TURNS)
        first += latencies[:COMPARED]
        last += latencies[-COMPARED:]
    return {
        "conversations": CONVERSATIONS,
        "turns": TURNS,
        "turns_1_10_mean_ms": _mean(first),
        "turns_51_60_mean_ms": _mean(last),
        "turns_1_10_median_ms": round(statistics.median(first), 1),
        "turns_51_60_median_ms": round(statistics.median(last), 1),
        "turn50_over_turn1": round(statistics.fmean(last) / statistics.fmean(first), 2),
    }


def _events(servers: Server, sender: str) -> list[dict]:
    reply = requests.get(
        f"{servers.rasa_url}/conversations/{sender}/tracker",
        params={"token": servers.api_token, "include_events": "ALL"},
        timeout=30,
    )
    reply.raise_for_status()
    return reply.json()["events"]


def _as_sent(event: dict) -> dict:
    """``event`` as the tracker API accepts it back: Rasa's SpacyEntityExtractor stores
    entities with ``"confidence": null``, which its own events schema refuses."""
    if event.get("event") != "user":
        return event
    parse = event.get("parse_data") or {}
    entities = [{k: v for k, v in e.items() if v is not None} for e in parse.get("entities", [])]
    return {**event, "parse_data": {**parse, "entities": entities}}


def _day_of_sessions(events: list[dict], now: float) -> list[dict]:
    """``events`` (one session) copied into SESSIONS sessions an hour apart, ending four hours before ``now``."""
    origin = events[0]["timestamp"]
    first = now - (SESSIONS + 4) * HOUR
    return [
        {**_as_sent(event), "timestamp": first + session * HOUR + event["timestamp"] - origin}
        for session in range(SESSIONS)
        for event in events
    ]


def day_long_session(servers: Server) -> dict:
    """Ten turns after a day of earlier sessions, against ten turns of a fresh conversation."""
    template = new_sender()
    timed_turns(servers, len(MESSAGES), template)
    events = _events(servers, template)
    sender = new_sender()
    history = _day_of_sessions(events, events[-1]["timestamp"])
    reply = requests.put(
        f"{servers.rasa_url}/conversations/{sender}/tracker/events",
        params={"token": servers.api_token},
        json=history,
        timeout=60,
    )
    if not reply.ok:
        raise RuntimeError(
            f"the tracker API refused the day of sessions ({reply.status_code}): {reply.text[:2000]}"
        )
    after_a_day = timed_turns(servers, len(MESSAGES), sender)
    fresh = timed_turns(servers, len(MESSAGES))
    span = (history[-1]["timestamp"] - history[0]["timestamp"]) / HOUR
    return {
        "earlier_sessions": SESSIONS,
        "earlier_events": len(history),
        "history_hours": round(span, 1),
        "events_after": len(_events(servers, sender)),
        "fresh_mean_ms": _mean(fresh),
        "after_a_day_mean_ms": _mean(after_a_day),
        "day_long_over_fresh": round(statistics.fmean(after_a_day) / statistics.fmean(fresh), 2),
    }
