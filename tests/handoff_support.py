"""Helpers for the handoff tests: an empty database with every table, and an advisor account."""
from __future__ import annotations

import pytest

from bot.db import create_schema, get_engine
from bot.handoff.advisors import create_advisor
from bot.models import Advisor
from tests.conftest import use_database

PASSWORD = "a long enough password"


@pytest.fixture
def handoff_db(tmp_path, monkeypatch) -> str:
    """A fresh database with every table and no data; returns its URL."""
    url = use_database(monkeypatch, tmp_path / "handoff.db")
    create_schema()
    yield url
    get_engine.cache_clear()


def make_advisor(email: str = "ann.lee@hvu.example.edu", name: str = "Ann Lee") -> Advisor:
    return create_advisor(email, name, PASSWORD)
