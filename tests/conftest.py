"""Fixtures shared by every test: a fresh database with the real knowledge base loaded, and
(once per test session, for the end-to-end and browser tests) the real servers.

``bot_servers`` starts the Rasa server, action server and web service on free ports with
the trained model in ``models/`` (``make test`` trains it first) and a fresh database
holding the catalog and the demo student records (see ``tests/support/servers.py``). Tests talk
to them over HTTP exactly as the website would. ``second_catalog_servers`` does the same for
the second, differently named catalog of ``tests/catalogs/``, with a model trained on it
(once, and again only when its inputs change: ``tests/support/second_catalog.py``).
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
import requests

from bot.catalog.loader import load_knowledge_base
from bot.config import Settings
from bot.db import create_schema, get_engine
from bot.identity.tokens import issue_token
from tests.support.advisor_api import cli
from tests.support.second_catalog import SECOND_CATALOG, trained_models
from tests.support.servers import KNOWLEDGE_BASE, TEST_JWT_SECRET, BotServers, running_servers
from tests.support.webhook_receiver import WebhookReceiver

os.environ.setdefault("MICROCRED_JWT_SECRET", TEST_JWT_SECRET)
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


def use_database(monkeypatch: pytest.MonkeyPatch, path: Path) -> str:
    """Point the domain layer at a new SQLite database file for this test."""
    url = f"sqlite:///{path}"
    monkeypatch.setenv("MICROCRED_DATABASE_URL", url)
    get_engine.cache_clear()
    return url


@pytest.fixture
def catalog_db(tmp_path, monkeypatch) -> str:
    """A fresh database holding the project's real catalog; returns its URL."""
    url = use_database(monkeypatch, tmp_path / "catalog.db")
    load_knowledge_base(KNOWLEDGE_BASE)
    yield url
    get_engine.cache_clear()


@pytest.fixture
def handoff_db(tmp_path, monkeypatch) -> str:
    """A fresh database with every table and no data; returns its URL."""
    url = use_database(monkeypatch, tmp_path / "handoff.db")
    create_schema()
    yield url
    get_engine.cache_clear()


@pytest.fixture
def records_db(catalog_db) -> str:
    """The real catalog plus the demo student records (demo/records/); returns the database URL."""
    from bot.records.demo import load_demo_records

    load_demo_records()
    return catalog_db


@pytest.fixture(scope="session")
def bot_servers(tmp_path_factory) -> BotServers:
    """The servers, notifying a real webhook receiver on localhost of every handoff case."""
    with WebhookReceiver() as webhook:
        try:
            with running_servers(
                tmp_path_factory.mktemp("e2e"), {"MICROCRED_ADVISOR_WEBHOOK_URL": webhook.url}
            ) as servers:
                servers.webhook = webhook
                yield servers
        except RuntimeError as error:
            pytest.fail(str(error))


def _use_database_url(url: str | None) -> None:
    if url is None:
        os.environ.pop("MICROCRED_DATABASE_URL", None)
    else:
        os.environ["MICROCRED_DATABASE_URL"] = url
    get_engine.cache_clear()


@pytest.fixture(scope="session")
def second_catalog_servers(tmp_path_factory) -> BotServers:
    """The servers with another institution's catalog loaded and a model trained on it."""
    try:
        models = trained_models()
        previous = os.environ.get("MICROCRED_DATABASE_URL")
        with running_servers(
            tmp_path_factory.mktemp("e2e-second-catalog"), knowledge_base=SECOND_CATALOG, models=models
        ) as servers:
            # Its database is its servers' alone: the tests in this process go on reading the
            # demo catalog's (bot_servers may have started before it, and run after it).
            _use_database_url(previous)
            yield servers
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def advisor(bot_servers) -> requests.Session:
    """An advisor signed in to the console's API, with an account made by the CLI."""
    email, password = "casey.advisor@hvu.example.edu", "e2e advisor password"
    made = cli(
        bot_servers,
        "advisors",
        "create",
        email,
        "--name",
        "Casey Ng",
        "--password-stdin",
        stdin=password + "\n",
    )
    assert made.returncode == 0, made.stderr
    session = requests.Session()
    session.headers["Origin"] = bot_servers.web_url  # as the console's own page sends it
    signed_in = session.post(
        f"{bot_servers.web_url}/advisor/api/session", json={"email": email, "password": password}, timeout=10
    )
    assert signed_in.status_code == 200, signed_in.text
    return session


@pytest.fixture(scope="session")
def sign_in(bot_servers):
    """Issue a session token the way the student-services website does."""
    settings = replace(Settings.from_env(), jwt_secret=bot_servers.jwt_secret)
    engine = get_engine(bot_servers.database_url)

    def token(student_id: str, now: datetime | None = None, secret: str | None = None) -> str:
        chosen = replace(settings, jwt_secret=secret) if secret else settings
        return issue_token(student_id, settings=chosen, engine=engine, now=now)

    return token
