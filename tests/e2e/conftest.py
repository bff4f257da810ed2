"""The end-to-end harness: a real Rasa server, action server and web service over HTTP.

Once per test session it creates a fresh SQLite database (catalog and demo records
loaded), starts the three servers on free ports with the trained model in ``models/``
(``make test`` trains it first), and hands tests a ``BotServers`` to talk through the
REST channel exactly as a website would.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from bot.catalog.loader import load_knowledge_base
from bot.config import PROJECT_ROOT
from bot.db import get_engine
from tests.conftest import KNOWLEDGE_BASE, TEST_JWT_SECRET

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class BotServers:
    rasa_url: str
    actions_url: str
    web_url: str
    database_url: str
    api_token: str
    jwt_secret: str
    logs: Path
    processes: list = field(default_factory=list)

    def chat(self, text: str, sender: str | None = None, token: str | None = None) -> list[dict]:
        """Send one message through the REST channel; return the bot's messages."""
        body = {"sender": sender or new_sender(), "message": text}
        if token is not None:
            body["metadata"] = {"token": token}
        reply = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        reply.raise_for_status()
        return reply.json()

    def tracker(self, sender: str) -> dict:
        reply = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.api_token}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()

    def parse(self, text: str) -> dict:
        reply = requests.post(
            f"{self.rasa_url}/model/parse", params={"token": self.api_token}, json={"text": text}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def texts(messages: list[dict]) -> str:
    """All the text of the bot's messages, joined, for assertions."""
    return "\n".join(m.get("text", "") for m in messages)


def buttons(messages: list[dict]) -> list[dict]:
    return [b for m in messages for b in m.get("buttons", [])]


def _wait(url: str, name: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{name} did not start in {STARTUP_SECONDS} s:\n{log.read_text()[-4000:]}")


def _load_demo_records() -> None:
    """Load the demo student records when the records package provides them."""
    try:
        from bot.records.demo import load_demo_records
    except ModuleNotFoundError:
        return
    load_demo_records()


@pytest.fixture(scope="session")
def bot_servers(tmp_path_factory) -> BotServers:
    if not any((PROJECT_ROOT / "models").glob("*.tar.gz")):
        pytest.fail("no trained model in models/: run `make train` (make test does)")
    work = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{work / 'e2e.db'}"
    previous = os.environ.get("MICROCRED_DATABASE_URL")
    os.environ["MICROCRED_DATABASE_URL"] = database_url
    get_engine.cache_clear()
    load_knowledge_base(KNOWLEDGE_BASE)
    _load_demo_records()

    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    servers = BotServers(
        rasa_url=f"http://127.0.0.1:{rasa_port}",
        actions_url=f"http://127.0.0.1:{actions_port}",
        web_url=f"http://127.0.0.1:{web_port}",
        database_url=database_url,
        api_token=uuid.uuid4().hex,
        jwt_secret=TEST_JWT_SECRET,
        logs=work,
    )
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "{servers.actions_url}/webhook"\n')
    env = {
        **os.environ,
        "MICROCRED_DATABASE_URL": database_url,
        "MICROCRED_JWT_SECRET": TEST_JWT_SECRET,
        "RASA_URL": servers.rasa_url,
        "RASA_API_TOKEN": servers.api_token,
        "MICROCRED_DEMO_SIGNIN": "1",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    commands = {
        "action server": (
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            f"{servers.actions_url}/health",
        ),
        "Rasa server": (
            [
                str(BIN / "rasa"), "run", "-m", "models", "--enable-api", "--auth-token", servers.api_token,
                "--port", str(rasa_port), "--endpoints", str(endpoints), "--credentials", "credentials.yml",
            ],
            f"{servers.rasa_url}/status?token={servers.api_token}",
        ),
        "web service": (
            [str(BIN / "python"), "-m", "bot", "web", "serve", "--port", str(web_port)],
            f"{servers.web_url}/",
        ),
    }
    started = []
    try:
        for name, (command, url) in commands.items():
            log = work / f"{name.replace(' ', '_')}.log"
            process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
            )
            started.append((name, process, log, url))
            servers.processes.append(process)
        for name, process, log, url in started:
            _wait(url, name, process, log)
        yield servers
    finally:
        for process in servers.processes:
            process.terminate()
        for process in servers.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if previous is None:
            os.environ.pop("MICROCRED_DATABASE_URL", None)
        else:
            os.environ["MICROCRED_DATABASE_URL"] = previous
        get_engine.cache_clear()
