"""The supervisor `make run` uses: a server that stops is reported by name and restarted; the others keep running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from bot.config import PROJECT_ROOT

WAIT_SECONDS = 60


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} within {WAIT_SECONDS} s")


def pid_in(path):
    text = path.read_text().split() if path.exists() else []
    return int(text[-1]) if text else None


def test_a_stopped_server_is_restarted_and_reported_while_the_other_keeps_running(tmp_path):
    # Each server writes its pid on start, then sleeps.
    def server(name):
        return [
            "--server",
            name,
            str(tmp_path / f"{name}.log"),
            f"sh -c 'echo $$ >> {tmp_path / name}.pid; exec sleep 300'",
        ]

    supervisor = subprocess.Popen(
        [sys.executable, "-m", "bot", "supervise", *server("first"), *server("second")],
        cwd=PROJECT_ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = wait_for(lambda: pid_in(tmp_path / "first.pid"), "the first server started")
        second = wait_for(lambda: pid_in(tmp_path / "second.pid"), "the second server started")
        os.kill(first, signal.SIGKILL)
        restarted = wait_for(
            lambda: (p := pid_in(tmp_path / "first.pid")) != first and p, "the first server restarted"
        )
        assert restarted != first
        assert pid_in(tmp_path / "second.pid") == second
        os.kill(second, 0)  # still running
    finally:
        supervisor.send_signal(signal.SIGTERM)
        _, report = supervisor.communicate(timeout=60)
    assert "first stopped (exit code -9); restarting it in 1 s, the other servers keep running" in report
    assert "first restarted" in report
    assert "second" not in report
    for pid in (restarted, second):  # Ctrl-C / SIGTERM stops every server
        wait_for(
            lambda pid=pid: subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0,
            f"server {pid} stopped",
        )
