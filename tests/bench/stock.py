"""Stock Rasa 3.6, as ``rasa init`` makes it, for ``make bench`` to drive beside the assistant.

``stock_model()`` creates the project in ``build/bench/stock`` with the venv's ``rasa init``
(which trains its model) the first time, niced, and reuses that model on later runs.
``running_stock()`` serves it as a stock deployment does: one ``rasa run --enable-api``
process with the project's own ``endpoints.yml`` and ``credentials.yml`` (the REST channel,
in-memory tracker and lock stores), on a free port. Its action server is not started: the
``endpoints.yml`` that ``rasa init`` writes names none and its ``actions/actions.py`` defines
no action, so Rasa never calls one.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bot.config import BUILD_DIR
from tests.support.processes import free_port, start, stop
from tests.support.servers import BIN, _wait, new_sender

STOCK = BUILD_DIR / "bench" / "stock"


def _environment() -> dict[str, str]:
    """The bench's environment without what configures the assistant's servers (one process)."""
    env = {k: v for k, v in os.environ.items() if k != "SANIC_WORKERS"}
    return {**env, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}


def stock_model() -> Path:
    """The trained stock model, made once by ``rasa init`` (or ``rasa train`` when only the model is missing)."""
    models = sorted((STOCK / "models").glob("*.tar.gz"))
    if not models:
        STOCK.mkdir(parents=True, exist_ok=True)
        if (STOCK / "config.yml").exists():
            command = ["rasa", "train", "--quiet"]
        else:
            command = ["rasa", "init", "--no-prompt", "--init-dir", "."]
        print(f"building stock Rasa in {STOCK}: {' '.join(command)}", flush=True)
        command[0] = str(BIN / "rasa")
        subprocess.run(["nice", "-n", "10", *command], cwd=STOCK, env=_environment(), check=True)
        models = sorted((STOCK / "models").glob("*.tar.gz"))
    return models[-1]


@dataclass
class StockServer:
    """Stock Rasa's server: its REST channel and HTTP API."""

    rasa_url: str
    api_token: str
    process: subprocess.Popen

    def chat(self, text: str, sender: str | None = None) -> list[dict]:
        """Send one message through the REST channel; return the bot's messages."""
        body = {"sender": sender or new_sender(), "message": text}
        reply = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        reply.raise_for_status()
        return reply.json()


@contextmanager
def running_stock(work: Path) -> Iterator[StockServer]:
    """Stock Rasa's server with its model on a free port, stopped when the block ends."""
    model = stock_model()
    port, token = free_port(), uuid.uuid4().hex
    command = [
        str(BIN / "rasa"),
        "run",
        "-m",
        str(model),
        "--enable-api",
        "--auth-token",
        token,
        "--port",
        str(port),
        "--endpoints",
        str(STOCK / "endpoints.yml"),
        "--credentials",
        str(STOCK / "credentials.yml"),
    ]
    log = work / "stock_Rasa_server.log"
    process = start(command, log, _environment())
    try:
        server = StockServer(f"http://127.0.0.1:{port}", token, process)
        _wait(f"{server.rasa_url}/status?token={token}", "stock Rasa server", process, log)
        yield server
    finally:
        stop(process)
