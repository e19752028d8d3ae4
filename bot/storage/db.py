"""Engines and sessions (SQLAlchemy 1.4 in 2.0 style)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import database_url


def _enable_sqlite_wal(dbapi_connection, _record) -> None:
    """The Rasa server and the action server write the same SQLite file: WAL lets them."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """One pooled engine per database URL (the configured one by default) per process."""
    return _engine_for(url or database_url())


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_wal)
    return engine


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back on any error."""
    factory = sessionmaker(get_engine(url), future=True, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session
