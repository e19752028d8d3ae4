"""Shared fixtures: a fresh, migrated database on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from bot.storage import migrate

POSTGRES_URL = os.environ.get(
    "WEGWIJS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def _postgres_unreachable_reason() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, future=True, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as error:
        return f"PostgreSQL at {POSTGRES_URL} unreachable: {type(error).__name__}: {error}"
    return None


@pytest.fixture(scope="session")
def postgres_schema_url() -> Iterator[str]:
    """A throw-away schema in the real PostgreSQL ``test`` database, dropped afterwards."""
    reason = _postgres_unreachable_reason()
    if reason:
        pytest.skip(reason)
    schema = f"wegwijs_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, future=True)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A migrated, empty database; every storage test runs once per backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        migrate.upgrade(url)
        yield url
        return
    base_url = request.getfixturevalue("postgres_schema_url")
    migrate.upgrade(base_url)
    yield base_url
    migrate.downgrade(base_url, "base")


@pytest.fixture()
def sqlite_url(tmp_path) -> str:
    """A migrated SQLite database for tests that need only one backend."""
    url = f"sqlite:///{tmp_path / 'test.db'}"
    migrate.upgrade(url)
    return url
