"""A throwaway Redis server for the servers the tests and the benchmark start (tests/support/servers.py).

Several Rasa processes serve one bot the way production runs it: Redis holds their shared
lock store and tracker store, and carries socket.io messages between them. Debian's
``redis-server`` (``make system-deps`` installs it) runs on a free port of 127.0.0.1 with
nothing saved to disk, and stops when the block ends.
"""

from __future__ import annotations

import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.processes import free_port, start, stop

INSTALL_HINT = "run `make system-deps` (it installs Debian's redis-server package)"
STARTUP_SECONDS = 20


class RedisError(RuntimeError):
    """The test Redis server could not be found or started; the message says why."""


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def running_redis(work: Path, port: int | None = None) -> Iterator[int]:
    """Start a Redis server that keeps nothing on disk (on ``port``, else a free one); yield its port."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RedisError(f"redis-server is not installed; {INSTALL_HINT}")
    port = port or free_port()
    log = work / "redis.log"
    process = start(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(work),
        ],
        log,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise RedisError(f"the test Redis server did not start on port {port}:\n{detail}")
            time.sleep(0.1)
        yield port
    finally:
        stop(process)
