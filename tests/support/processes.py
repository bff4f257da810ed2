"""Starting and stopping the server processes the tests run: free ports, process groups."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

from bot.config import PROJECT_ROOT

STOP_SECONDS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """The pids of ``pid``'s child processes (none once it has exited), from /proc."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def start(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Run ``command`` from the project folder, output to ``log``, in a process group of its
    own, so that ``stop`` also reaches what it forks (Rasa's worker processes)."""
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def stop(*processes: subprocess.Popen) -> None:
    """Ask each process group to stop, wait, then kill what is left."""
    for process in processes:
        _signal_group(process, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pass
        _signal_group(process, signal.SIGKILL)
