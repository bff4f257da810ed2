"""`make run` as a developer runs it: scripts/run.sh on free ports, its servers under the supervisor.

A killed server is reported by name and restarted while the others keep answering; a Rasa
worker process that dies is replaced; Redis going away gets a clear error, not a hang, and
the assistant answers again once Redis is back; the per-address rate limit; CORS for the
local site only. Redis here is the test's own (run.sh uses a Redis already answering as it is).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot.supervisor import live_children
from tests.support.processes import children, free_port, start, stop
from tests.support.redis_server import running_redis
from tests.support.servers import TEST_JWT_SECRET, fresh_database, new_sender, texts
from tests.support.socketio_learner import SocketLearner

STARTUP_SECONDS = 420
UNAVAILABLE = "part of the assistant is not available"
QUESTION = "What do I need for the SQL badge?"


@dataclass
class MakeRun:
    process: subprocess.Popen
    log: Path
    work: Path
    redis: ExitStack
    redis_port: int
    ports: dict

    def url(self, server: str) -> str:
        return f"http://127.0.0.1:{self.ports[server]}"

    def chat(self, text: str, sender: str | None = None) -> requests.Response:
        return requests.post(
            f"{self.url('rasa')}/webhooks/rest/webhook",
            timeout=120,
            json={"sender": sender or new_sender(), "message": text},
        )

    def reported(self, text: str) -> bool:
        return text in self.log.read_text()

    def server_pid(self, command_part: str) -> int:
        """The pid of the supervised server whose command line contains ``command_part``."""
        for supervisor in children(self.process.pid):
            for pid in children(supervisor):
                if command_part in Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " "):
                    return pid
        raise AssertionError(f"no server running {command_part!r}")


def wait_until(condition, what: str, seconds: float = STARTUP_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if value := condition():
                return value
        except requests.RequestException:
            pass
        time.sleep(1)
    raise AssertionError(f"{what} within {seconds:.0f} s")


def answers(run: MakeRun) -> bool:
    reply = run.chat(QUESTION)
    return reply.status_code == 200 and "SQL" in texts(reply.json())


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("make_run")
    redis = ExitStack()
    redis_port = redis.enter_context(running_redis(work))
    ports = {"rasa": free_port(), "actions": free_port(), "web": free_port()}
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"MICROCRED_ALLOWED_ORIGINS", "MICROCRED_SOCKETIO_REDIS_URL", "RASA_URL", "MICROCRED_ENV"}
    }
    env.update(
        {
            "RASA_PORT": str(ports["rasa"]),
            "ACTIONS_PORT": str(ports["actions"]),
            "WEB_PORT": str(ports["web"]),
            "REDIS_PORT": str(redis_port),
            "RUN_DIR": str(work),
            "MICROCRED_DATABASE_URL": fresh_database(work / "run.db"),
            "MICROCRED_JWT_SECRET": TEST_JWT_SECRET,
            "RASA_API_TOKEN": uuid.uuid4().hex,
            "MICROCRED_RATE_LIMIT_ADDRESS": "10/60",
            "RASA_TELEMETRY_ENABLED": "false",
        }
    )
    log = work / "run.log"
    process = start(["bash", "scripts/run.sh"], log, env)
    run = MakeRun(process, log, work, redis, redis_port, ports)
    try:
        wait_until(
            lambda: process.poll() is not None or run.reported("The assistant is running."),
            "make run started",
        )
        assert process.poll() is None, log.read_text()[-4000:]
        yield run
    finally:
        servers = [pid for supervisor in children(process.pid) for pid in children(supervisor)]
        stop(process)
        for pid in servers:  # in case the supervisor had no time to stop them
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        redis.close()


def test_make_run_allows_only_the_local_site(make_run):
    site = f"http://localhost:{make_run.ports['web']}"
    for origin, allowed in ((site, site), ("https://attacker.example", None)):
        reply = requests.options(
            f"{make_run.url('rasa')}/webhooks/rest/webhook",
            timeout=10,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        assert reply.headers.get("Access-Control-Allow-Origin") == allowed


def post_from(make_run: MakeRun, address: str, text: str) -> tuple[int, str]:
    """POST to the REST channel from the local ``address`` (127.0.0.x), as another client would."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", make_run.ports["rasa"], timeout=120, source_address=(address, 0)
    )
    try:
        connection.request(
            "POST",
            "/webhooks/rest/webhook",
            json.dumps({"sender": new_sender(), "message": text}),
            {"Content-Type": "application/json"},
        )
        reply = connection.getresponse()
        return reply.status, texts(json.loads(reply.read()))
    finally:
        connection.close()


def test_an_address_sending_too_fast_is_told_to_wait_and_other_addresses_go_on(make_run):
    statuses = [post_from(make_run, "127.0.0.3", "x" * 5_000)[0] for _ in range(10)]  # the limit: 10 a minute
    assert set(statuses) == {413}
    status, text = post_from(make_run, "127.0.0.3", QUESTION)
    assert (status, "sending messages faster than I can answer" in text) == (429, True)
    status, text = post_from(make_run, "127.0.0.4", QUESTION)
    assert status == 200 and "SQL" in text


def test_a_killed_server_is_reported_and_restarted_and_the_others_keep_answering(make_run):
    os.killpg(make_run.server_pid("bot.action_server"), signal.SIGKILL)
    wait_until(
        lambda: make_run.reported("the action server stopped (exit code -9); restarting it"), "reported"
    )
    assert requests.get(f"{make_run.url('web')}/", timeout=10).status_code == 200
    wait_until(lambda: make_run.reported("the action server restarted"), "the action server restarted")
    wait_until(
        lambda: requests.get(f"{make_run.url('actions')}/health", timeout=5).ok, "the action server answers"
    )
    wait_until(lambda: answers(make_run), "the assistant answers with the restarted action server")


def test_redis_going_away_gets_a_clear_error_and_the_assistant_recovers(make_run):
    with SocketLearner(make_run.url("rasa")) as learner:
        make_run.redis.close()
        assert UNAVAILABLE in learner.reply_to(QUESTION)
    reply = make_run.chat(QUESTION)
    assert reply.status_code == 503
    assert UNAVAILABLE in texts(reply.json())
    assert requests.get(f"{make_run.url('web')}/", timeout=10).status_code == 200
    assert requests.get(f"{make_run.url('actions')}/health", timeout=10).ok
    make_run.redis.enter_context(running_redis(make_run.work, make_run.redis_port))
    wait_until(lambda: answers(make_run), "the assistant answers once Redis is back")
    assert not make_run.reported("the Rasa server stopped")


def test_a_rasa_process_that_dies_is_replaced(make_run):
    rasa = make_run.server_pid("rasa run -m models")
    worker = wait_until(lambda: live_children(rasa) >= 2 and children(rasa)[0], "Rasa's two worker processes")
    os.kill(worker, signal.SIGKILL)
    wait_until(
        lambda: (
            make_run.reported("the Rasa server lost a worker process")
            or make_run.reported("the Rasa server stopped")
        ),
        "the lost Rasa process reported",
    )
    wait_until(lambda: make_run.reported("the Rasa server restarted"), "the Rasa server restarted")
    wait_until(lambda: answers(make_run), "the restarted Rasa server answers")
