"""Run ``python -m bot web serve`` on a free port for a test, with the environment it is given."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.support.processes import free_port, start, stop


@contextmanager
def web_service(env: dict[str, str], log: Path, startup_seconds: float = 60, port: int = 0) -> Iterator[str]:
    """The base URL of a web service started with ``os.environ`` plus ``env`` (on ``port``, else
    a free one); stopped afterwards."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    process = start(
        [sys.executable, "-m", "bot", "web", "serve", "--port", str(port)], log, {**os.environ, **env}
    )
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the web service exited with {process.returncode}:\n{log.read_text()[-3000:]}"
                )
            try:
                requests.get(f"{url}/advisor", timeout=2)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the web service did not start:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.2)
        yield url
    finally:
        stop(process)
