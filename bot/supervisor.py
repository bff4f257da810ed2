"""Keep a set of named servers running: what ``make run`` starts (scripts/run.sh).

``python -m bot supervise --server NAME LOG COMMAND ... [--workers NAME=N]`` starts each
command in a process group of its own, output appended to LOG. When one stops (or, with
``--workers NAME=N``, once it has run N worker processes, loses one) it is reported by
name and restarted after a back-off that doubles from 1 s up to 30 s, and goes back to 1 s
once it has run for a minute; the other servers keep running. SIGINT or SIGTERM stops them all.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MIN_BACKOFF = 1.0
MAX_BACKOFF = 30.0
STABLE_SECONDS = 60.0
STOP_SECONDS = 20.0
POLL_SECONDS = 0.5


@dataclass
class Server:
    name: str
    command: list[str]
    log: Path
    #: Worker processes the server forks and must keep (Rasa's SANIC_WORKERS); 0: not watched.
    workers: int = 0
    process: subprocess.Popen | None = field(default=None, repr=False)
    started_at: float = 0.0
    failures: int = 0
    restart_at: float | None = None
    workers_seen: bool = False


def live_children(pid: int) -> int:
    """How many of ``pid``'s child processes are alive (not zombies), from /proc."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0
    alive = 0
    for child in children:
        try:
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        alive += state != "Z"
    return alive


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


class Supervisor:
    def __init__(self, servers: list[Server], report: Callable[[str], None] = print) -> None:
        self.servers = servers
        self.report = report
        self.stopping = False

    def start(self, server: Server, now: float) -> None:
        with server.log.open("a") as log:
            server.process = subprocess.Popen(
                server.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        server.started_at, server.restart_at, server.workers_seen = now, None, False

    def _why_down(self, server: Server, now: float) -> str | None:
        process = server.process
        if process is None:
            return "not started"
        code = process.poll()
        if code is not None:
            return f"stopped (exit code {code})"
        if server.workers:
            running = live_children(process.pid) >= server.workers
            if server.workers_seen and not running:
                return f"lost a worker process (fewer than {server.workers} running)"
            server.workers_seen = server.workers_seen or running
        return None

    def check(self, now: float) -> None:
        """One round: note servers that went down, restart those whose back-off has passed."""
        for server in self.servers:
            if server.restart_at is not None:
                if now >= server.restart_at:
                    self.start(server, now)
                    self.report(f"{server.name} restarted (log: {server.log})")
                continue
            why = self._why_down(server, now)
            if why is None:
                if now - server.started_at > STABLE_SECONDS:
                    server.failures = 0
                continue
            self.stop(server)
            delay = min(MAX_BACKOFF, MIN_BACKOFF * 2**server.failures)
            server.failures += 1
            server.restart_at = now + delay
            self.report(
                f"{server.name} {why}; restarting it in {delay:.0f} s, the other servers keep running "
                f"(log: {server.log})"
            )

    def stop(self, *servers: Server) -> None:
        """Stop the servers' process groups: SIGTERM, then SIGKILL what is left."""
        running = [s.process for s in servers if s.process is not None]
        for process in running:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(process, signal.SIGKILL)
            process.wait()

    def run(self) -> int:
        def request_stop(_signum, _frame) -> None:
            self.stopping = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        for server in self.servers:
            self.start(server, time.monotonic())
        try:
            while not self.stopping:
                self.check(time.monotonic())
                time.sleep(POLL_SECONDS)
        finally:
            self.stop(*self.servers)
        return 0


def _report(line: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {line}", file=sys.stderr, flush=True)


def _supervise(args) -> int:
    workers = dict(item.rsplit("=", 1) for item in args.workers)
    servers = [
        Server(name, shlex.split(command), Path(log), int(workers.get(name, 0)))
        for name, log, command in args.server
    ]
    return Supervisor(servers, _report).run()


def register(subparsers) -> None:
    parser = subparsers.add_parser("supervise", help="run servers, restarting any that stops")
    parser.add_argument(
        "--server",
        nargs=3,
        action="append",
        required=True,
        metavar=("NAME", "LOG", "COMMAND"),
        help="a server to run: its name, log file and command line",
    )
    parser.add_argument(
        "--workers",
        action="append",
        default=[],
        metavar="NAME=N",
        help="the server NAME forks N worker processes and must keep them all",
    )
    parser.set_defaults(handler=_supervise)
