"""Engines and sessions (SQLAlchemy 1.4 in 2.0 style)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

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
    if make_url(url).get_backend_name() == "sqlite":
        # SQLAlchemy 1.4 gives file SQLite a NullPool: a new connection (and its PRAGMAs)
        # per session. A small queue pool, as 2.0 does by default, keeps lookups fast.
        engine = create_engine(
            url,
            future=True,
            poolclass=QueuePool,
            pool_size=5,
            connect_args={"check_same_thread": False},
        )
        event.listen(engine, "connect", _enable_sqlite_wal)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back on any error."""
    factory = sessionmaker(get_engine(url), future=True, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session
