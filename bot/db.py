"""Database engine and sessions (SQLAlchemy 1.4 in the 2.0 style)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.config import Settings


@cache
def get_engine(url: str | None = None) -> Engine:
    """One engine per database URL for the life of the process."""
    url = url or Settings.from_env().database_url
    if url.startswith("sqlite"):
        # SQLAlchemy 1.4 opens a new connection per session for a SQLite file (NullPool);
        # a pool keeps them, as 2.0 does, so a turn does not reopen the file.
        pool = {} if url in ("sqlite://", "sqlite:///:memory:") else {"poolclass": QueuePool}
        engine = create_engine(
            url, future=True, connect_args={"check_same_thread": False, "timeout": 30}, **pool
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
    """Create every table that does not exist yet, and add to an existing table the nullable
    columns a newer version of the models has (a database made before them keeps its data)."""
    from bot.models import Base

    engine = engine or get_engine()
    Base.metadata.create_all(engine)
    present = inspect(engine)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            existing = {c["name"] for c in present.get_columns(table.name)}
            for column in table.columns:
                if column.name not in existing and column.nullable and not column.primary_key:
                    kind = column.type.compile(dialect=engine.dialect)
                    connection.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


@lru_cache(maxsize=8)
def _session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose work is committed at the end of the block, or rolled back on error."""
    with _session_factory(engine or get_engine())() as session:
        with session.begin():
            yield session
