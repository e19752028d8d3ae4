"""``wegwijs db upgrade|current``: schema migrations for the configured database."""

from __future__ import annotations

import argparse

from bot.config import database_url
from bot.storage import migrate


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="migrate to the newest schema")
    upgrade.add_argument("--revision", default="head")
    upgrade.set_defaults(func=_upgrade)
    current = db_sub.add_parser("current", help="show the schema revision")
    current.set_defaults(func=_current)


def _upgrade(args: argparse.Namespace) -> int:
    migrate.upgrade(revision=args.revision)
    print(f"database at {migrate.current_revision()} ({_redacted(database_url())})")
    return 0


def _current(_args: argparse.Namespace) -> int:
    print(migrate.current_revision() or "empty (never migrated)")
    return 0


def _redacted(url: str) -> str:
    """The URL without its password: operators see where, never the secret."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
