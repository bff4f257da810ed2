"""Start the real servers on free ports against a fresh database: used by the e2e tests and the benchmark.

``running_servers(work_dir)`` loads the catalog and demo records into a new SQLite
database, starts a throwaway Redis, the action server, the Rasa server (REST, socket.io,
HTTP API; two processes sharing Redis, as ``make run`` runs it) with the trained model in
``models/``, and the web service, waits until all answer, and stops them on exit. Given
another ``knowledge_base`` and the ``models`` trained on it, they serve that catalog instead
(``tests/support/second_catalog.py``).

With ``MICROCRED_TEST_TOPOLOGY=production`` (``make test`` runs tests/e2e once more so) they run
as production does (deploy/): a throwaway PostgreSQL server holds the project's database and
Rasa's conversations (SQL tracker store, ``deploy/endpoints.yml``), Redis the lock store.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from sqlalchemy.engine import make_url

from bot.catalog.loader import load_knowledge_base
from bot.config import PROJECT_ROOT
from bot.db import get_engine
from tests.support.postgres import running_postgres
from tests.support.processes import free_port, start, stop
from tests.support.reading import as_read
from tests.support.redis_server import running_redis

BIN = Path(sys.executable).parent
KNOWLEDGE_BASE = PROJECT_ROOT / "knowledge_base"
TEST_JWT_SECRET = "test-secret-for-the-test-suite-only-0123456789abcdef"
STARTUP_SECONDS = 300
#: Messages a test conversation may send a minute (the shipped default is 20).
CONVERSATION_LIMIT = 60
#: Rasa processes, as `make run` starts them (scripts/run.sh).
RASA_WORKERS = 2
#: "host" (``make run``'s: SQLite, conversations in Redis) or "production" (PostgreSQL, as deploy/ runs it).
TOPOLOGY = os.environ.get("MICROCRED_TEST_TOPOLOGY", "host")
PRODUCTION_ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints.yml"
#: The database of Rasa's conversations beside the project's, as deploy/ creates it.
TRACKER_DATABASE = "rasa"


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def texts(messages: list[dict]) -> str:
    """All the text of the bot's messages, joined, as the widget shows it (a credential's
    link shows its name), for assertions."""
    return as_read("\n".join(m.get("text", "") for m in messages))


def buttons(messages: list[dict]) -> list[dict]:
    """Every button the bot offered across its messages."""
    return [b for m in messages for b in m.get("buttons", [])]


@dataclass
class BotServers:
    rasa_url: str
    actions_url: str
    web_url: str
    database_url: str
    api_token: str
    jwt_secret: str
    logs: Path
    #: The port of the one other site the Rasa server accepts browsers from (a test's own web service).
    second_site_port: int = 0
    processes: dict = field(default_factory=dict)
    #: How each server was started (command, log, environment, health URL), for ``restart``.
    launches: dict = field(default_factory=dict)
    #: The advisors' webhook the servers notify, when the caller set one up.
    webhook: Any = None

    def chat(
        self,
        text: str,
        sender: str | None = None,
        token: str | None = None,
        language: str | None = None,
        button: bool = False,
    ) -> list[dict]:
        """Send one message through the REST channel, with the session token, the widget's
        language and whether a button sent it in its metadata when given; return the bot's
        messages."""
        body: dict[str, Any] = {"sender": sender or new_sender(), "message": text}
        metadata = {"token": token, "language": language, "button": button or None}
        if any(value is not None for value in metadata.values()):
            body["metadata"] = {key: value for key, value in metadata.items() if value is not None}
        reply = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        reply.raise_for_status()
        return reply.json()

    def tracker(self, sender: str) -> dict:
        reply = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.api_token}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()

    def rasa_log(self) -> str:
        """Everything the Rasa server's processes have logged so far (after a restart, too)."""
        logs = [self.logs / "Rasa_server.log", self.logs / "Rasa_server.restarted.log"]
        return "".join(log.read_text(errors="replace") for log in logs if log.exists())

    def restart(self, name: str) -> None:
        """Stop every process of one server and start it again on the same port, as a rolling update does."""
        command, log, env, url = self.launches[name]
        stop(self.processes[name])
        log = log.with_name(f"{log.stem}.restarted.log")
        self.processes[name] = start(command, log, env)
        _wait(url, name, self.processes[name], log)

    def parse(self, text: str) -> dict:
        reply = requests.post(
            f"{self.rasa_url}/model/parse", params={"token": self.api_token}, json={"text": text}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()


#: What Rasa logs when it stops a turn that kept predicting actions (ten in a row).
CIRCUIT_BREAKER = "Circuit breaker tripped"


@contextmanager
def unended_turns(servers: BotServers) -> Iterator[list[str]]:
    """The Rasa log lines, written while the block ran, of turns Rasa had to stop with its
    circuit breaker; the list is filled when the block ends."""
    start = len(servers.rasa_log())
    found: list[str] = []
    yield found
    found.extend(line for line in servers.rasa_log()[start:].splitlines() if CIRCUIT_BREAKER in line)


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


def fresh_database(path: Path, url: str | None = None, knowledge_base: Path = KNOWLEDGE_BASE) -> str:
    """A new SQLite database at ``path`` (or the empty database at ``url``) holding the catalog
    of ``knowledge_base`` and the demo student records (which only the demo catalog keeps); its URL."""
    from bot.records.demo import credentials_missing_from_catalog, load_demo_records

    url = url or f"sqlite:///{path}"
    previous = os.environ.get("MICROCRED_DATABASE_URL")
    os.environ["MICROCRED_DATABASE_URL"] = url
    get_engine.cache_clear()
    try:
        load_knowledge_base(knowledge_base)
        if not credentials_missing_from_catalog():  # as `python -m bot records load-demo` decides
            load_demo_records()
    finally:
        if previous is None:
            os.environ.pop("MICROCRED_DATABASE_URL", None)
        else:
            os.environ["MICROCRED_DATABASE_URL"] = previous
        get_engine.cache_clear()
    return url


def endpoints_for(actions_url: str, redis_port: int) -> str:
    """The project's endpoints.yml pointed at these ports: the configuration ``make run`` uses."""
    shipped = (PROJECT_ROOT / "endpoints.yml").read_text()
    return shipped.replace("http://localhost:5055", actions_url).replace("port: 6379", f"port: {redis_port}")


@contextmanager
def running_servers(
    work: Path,
    extra_env: dict | None = None,
    knowledge_base: Path = KNOWLEDGE_BASE,
    models: Path = PROJECT_ROOT / "models",
) -> Iterator[BotServers]:
    """Everything ``make run`` starts, on free ports: Redis, the action server, the Rasa
    server's processes and the web service, serving ``knowledge_base`` with the newest model
    in ``models`` (trained on it)."""
    with running_redis(work) as redis_port, _stores(redis_port) as stores:
        env = {**stores, "MICROCRED_KNOWLEDGE_BASE": str(knowledge_base), **(extra_env or {})}
        with _running_servers(work, redis_port, env, knowledge_base, models) as servers:
            yield servers


@contextmanager
def _stores(redis_port: int) -> Iterator[dict]:
    """The environment that points the servers at the topology's stores: nothing more for
    "host"; for "production" a fresh PostgreSQL server and the variables deploy/endpoints.yml reads."""
    if TOPOLOGY != "production":
        yield {}
        return
    with running_postgres(TRACKER_DATABASE) as url:
        database = make_url(url)
        yield {
            "MICROCRED_DATABASE_URL": url,
            "MICROCRED_REDIS_HOST": "127.0.0.1",
            "MICROCRED_REDIS_PORT": str(redis_port),
            "MICROCRED_REDIS_PASSWORD": "",
            "MICROCRED_POSTGRES_HOST": database.host,
            "MICROCRED_POSTGRES_PORT": str(database.port),
            "RASA_TRACKER_DB": TRACKER_DATABASE,
            "RASA_TRACKER_DB_USER": database.username,
            "RASA_TRACKER_DB_PASSWORD": "",
        }


@contextmanager
def _running_servers(
    work: Path, redis_port: int, extra_env: dict, knowledge_base: Path, models: Path
) -> Iterator[BotServers]:
    if not any(models.glob("*.tar.gz")):
        raise RuntimeError(f"no trained model in {models}: run `make train` (make test does)")
    previous = os.environ.get("MICROCRED_DATABASE_URL")
    database_url = os.environ["MICROCRED_DATABASE_URL"] = fresh_database(
        work / "servers.db", extra_env.get("MICROCRED_DATABASE_URL"), knowledge_base
    )
    get_engine.cache_clear()

    rasa_port, actions_port, web_port, second_port = free_port(), free_port(), free_port(), free_port()
    servers = BotServers(
        rasa_url=f"http://127.0.0.1:{rasa_port}",
        actions_url=f"http://127.0.0.1:{actions_port}",
        web_url=f"http://127.0.0.1:{web_port}",
        second_site_port=second_port,
        database_url=database_url,
        api_token=uuid.uuid4().hex,
        jwt_secret=TEST_JWT_SECRET,
        logs=work,
    )
    if TOPOLOGY == "production":
        endpoints = PRODUCTION_ENDPOINTS
        extra_env = {"MICROCRED_ACTIONS_URL": f"{servers.actions_url}/webhook", **extra_env}
    else:
        endpoints = work / "endpoints.yml"
        endpoints.write_text(endpoints_for(servers.actions_url, redis_port))
    env = {
        **os.environ,
        "MICROCRED_DATABASE_URL": database_url,
        "MICROCRED_JWT_SECRET": TEST_JWT_SECRET,
        "RASA_URL": servers.rasa_url,
        "RASA_API_TOKEN": servers.api_token,
        "MICROCRED_DEMO_SIGNIN": "1",
        "MICROCRED_SITE_URL": servers.web_url,  # replies link credentials to this web service's pages
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "SANIC_WORKERS": str(RASA_WORKERS),
        "MICROCRED_SOCKETIO_REDIS_URL": f"redis://127.0.0.1:{redis_port}/2",
        # The local site, as `make run` sets it (scripts/run.sh), and a second copy of it that a
        # test may start (tests/browser/test_connection.py) on a port kept for it.
        "MICROCRED_ALLOWED_ORIGINS": f"{servers.web_url} http://127.0.0.1:{second_port}",
        # Every test talks from 127.0.0.1: the per-address limit is tested on servers of its own
        # (tests/e2e/test_make_run.py). A test conversation types faster than a person does
        # (forty messages in tests/support/long_conversation.py), so its limit is CONVERSATION_LIMIT.
        "MICROCRED_RATE_LIMIT_ADDRESS": "100000/60",
        "MICROCRED_RATE_LIMIT_CONVERSATION": f"{CONVERSATION_LIMIT}/60",
        **extra_env,
    }
    commands = {
        "action server": (
            [
                str(BIN / "python"),
                "-m",
                "bot.action_server",
                "--actions",
                "actions",
                "--port",
                str(actions_port),
            ],
            f"{servers.actions_url}/health",
        ),
        "Rasa server": (
            [
                str(BIN / "rasa"),
                "run",
                "-m",
                str(models),
                "--enable-api",
                "--auth-token",
                servers.api_token,
                "--port",
                str(rasa_port),
                "--endpoints",
                str(endpoints),
                "--credentials",
                "credentials.yml",
                "--cors",
                *env["MICROCRED_ALLOWED_ORIGINS"].split(),
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
            process = start(command, log, env)
            started.append((name, process, log, url))
            servers.processes[name] = process
            servers.launches[name] = (command, log, env, url)
        for name, process, log, url in started:
            _wait(url, name, process, log)
        yield servers
    finally:
        stop(*servers.processes.values())
        if previous is None:
            os.environ.pop("MICROCRED_DATABASE_URL", None)
        else:
            os.environ["MICROCRED_DATABASE_URL"] = previous
        get_engine.cache_clear()
