"""Alembic environment: the metadata of every Wegwijs table, online migrations only."""

from __future__ import annotations

from alembic import context

import bot.storage.models  # noqa: F401  (registers every table on Base.metadata)
from bot.storage.base import Base
from bot.storage.db import get_engine

config = context.config
# Rasa's tracker store shares the database: leave its tables alone.
RASA_TABLES = {"events"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "table" and name in RASA_TABLES)


def run_migrations_online() -> None:
    engine = get_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
