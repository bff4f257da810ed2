"""The load generator of ``make bench``: simulated users over Rasa's REST channel, and memory.

The same generator drives the assistant (``tests/support/servers.py``) and stock Rasa
(``tests/bench/stock.py``): anything with ``chat(text, sender)`` that sends one message through
the REST channel. Each simulated user holds ten-message conversations (MESSAGES), one after
the other; LOADS says how many users run at once and how many conversations each holds.
"""

from __future__ import annotations

import http.client
import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from tests.support.processes import children
from tests.support.servers import new_sender

MESSAGES = [
    "hi",
    "what credentials do you offer?",
    "what do I need for the SQL badge?",
    "how much does it cost?",
    "does it stack into anything?",
    "how do I enroll in the UX nanodegree",
    "what is a micro-credential",
    "are there free badges?",
    "I want to become a data analyst",
    "where can I get tutoring",
]
#: (simulated users at once, conversations each), run one after the other: 100, 300, 300 messages.
LOADS = ((1, 10), (10, 3), (30, 1))


class Chat(Protocol):
    """A Rasa server reached through its REST channel."""

    rasa_url: str


def send(url: str, sender: str, text: str) -> list[dict]:
    """One message through the REST channel at ``url``, on a new connection; the bot's messages.
    The standard library's client, not ``requests``: the generator shares the servers' two
    cores, and ``requests`` spent about 2 ms of CPU on each message, a tenth of what a Rasa
    worker spends answering it."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        body = json.dumps({"sender": sender, "message": text})
        connection.request("POST", "/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
        reply = connection.getresponse()
        payload = reply.read()
    finally:
        connection.close()
    if reply.status != 200:
        raise RuntimeError(f"the REST channel answered {reply.status}: {payload[:500]!r}")
    return json.loads(payload)


def timed_turns(servers: Chat, turns: int, sender: str | None = None) -> list[float]:
    """One conversation of ``turns`` messages (MESSAGES over and over); each turn's latency in ms,
    from sending the message to reading the whole reply."""
    sender = sender or new_sender()
    latencies = []
    for turn in range(turns):
        started = time.perf_counter()
        send(servers.rasa_url, sender, MESSAGES[turn % len(MESSAGES)])
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def conversation(servers: Chat, rounds: int) -> list[float]:
    """One simulated user: ``rounds`` conversations, each the ten MESSAGES; latencies in ms."""
    return [ms for _ in range(rounds) for ms in timed_turns(servers, len(MESSAGES))]


def load(servers: Chat, users: int, rounds: int) -> dict:
    """``users`` simulated users at once, each holding ``rounds`` conversations."""
    started = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        latencies = [
            ms for user in pool.map(lambda _: conversation(servers, rounds), range(users)) for ms in user
        ]
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "users": users,
        "messages": len(latencies),
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "messages_per_second": round(len(latencies) / elapsed, 1),
    }


def loads(servers: Chat) -> dict:
    """A warm-up conversation, then every load of LOADS, keyed ``users_N``."""
    conversation(servers, 1)
    return {f"users_{users}": load(servers, users, rounds) for users, rounds in LOADS}


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children(current)
    return found


def _kib(pid: int, field: str) -> int:
    """A ``field`` of ``/proc/<pid>/smaps_rollup`` (``Rss``, ``Pss``) in KiB; 0 once it has exited."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith(f"{field}:")), 0)


def memory_mib(*pids: int) -> dict:
    """Memory of processes and all their children, in MiB: ``rss``, each process's resident pages
    summed (a page two processes share counts twice: the code of the libraries they load, and
    what a forked worker has not written since the fork), and ``pss``, its proportional set size
    (a page shared by n processes counts 1/n in each), whose sum over processes is what they
    hold together."""
    processes = [p for pid in pids for p in _tree(pid)]
    return {
        field.lower(): round(sum(_kib(p, field) for p in processes) / 1024, 1) for field in ("Rss", "Pss")
    }
