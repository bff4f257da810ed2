"""Fixtures shared by every test: a fresh database with the real knowledge base loaded."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.catalog.loader import load_knowledge_base
from bot.db import get_engine
from tests.servers import KNOWLEDGE_BASE, TEST_JWT_SECRET

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
def records_db(catalog_db) -> str:
    """The real catalog plus the demo student records (demo/records/); returns the database URL."""
    from bot.records.demo import load_demo_records

    load_demo_records()
    return catalog_db
