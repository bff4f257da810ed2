"""The advisor's side of the end-to-end and browser tests: the project's command line, the
console's case queue, and answering a case through the console's API."""

from __future__ import annotations

import os
import subprocess
import sys

import requests

from bot.config import PROJECT_ROOT


def cli(servers, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    """Run ``python -m bot ARGS`` against the servers' database."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "MICROCRED_DATABASE_URL": servers.database_url, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def case_of(servers, session: requests.Session, sender: str) -> dict:
    """The newest case in the advisor's queue for the conversation ``sender``."""
    queue = session.get(f"{servers.web_url}/advisor/api/cases", timeout=10).json()["cases"]
    [case] = [c for c in queue if c["conversation_id"] == sender]
    return case


def open_case_holding(servers, session: requests.Session, words: str) -> dict:
    """The open case in the queue whose transcript holds ``words``."""
    queue = session.get(f"{servers.web_url}/advisor/api/cases", timeout=10).json()["cases"]
    for case in queue:
        shown = session.get(f"{servers.web_url}/advisor/api/cases/{case['id']}", timeout=30).json()
        if case["status"] != "resolved" and any(words in line["text"] for line in shown["transcript"]):
            return case
    raise AssertionError(f"no open case holds {words!r}")


def answer_and_resolve(servers, session: requests.Session, case: dict, reply: str) -> dict:
    """Claim ``case``, send the learner ``reply`` and resolve it; the resolved case."""
    base = f"{servers.web_url}/advisor/api/cases/{case['id']}"
    assert session.post(f"{base}/claim", json={}, timeout=10).status_code == 200
    sent = session.post(f"{base}/messages", json={"text": reply}, timeout=30)
    assert sent.status_code == 201, sent.text
    resolved = session.post(f"{base}/resolve", json={}, timeout=30)
    assert resolved.status_code == 200, resolved.text
    return resolved.json()["case"]
