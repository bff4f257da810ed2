"""Database engine and sessions (SQLAlchemy 1.4 in the 2.0 style)."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings


@lru_cache(maxsize=None)
def get_engine(url: str | None = None) -> Engine:
    """One engine per database URL for the life of the process."""
    url = url or Settings.from_env().database_url
    if url.startswith("sqlite"):
        engine = create_engine(
            url, future=True, connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def create_schema(engine: Engine | None = None) -> None:
    """Create every table that does not exist yet."""
    from bot.models import Base

    Base.metadata.create_all(engine or get_engine())


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose work is committed at the end of the block, or rolled back on error."""
    factory = sessionmaker(bind=engine or get_engine(), future=True, expire_on_commit=False)
    with factory() as session:
        with session.begin():
            yield session
