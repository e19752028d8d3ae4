"""``wegwijs db upgrade|current|purge-conversations``: schema migrations and retention."""

from __future__ import annotations

import argparse
from datetime import timedelta

from bot.cli.errors import CommandError
from bot.config import database_url
from bot.privacy.retention import parse_days, purge_conversations, retention_days
from bot.storage import migrate
from bot.storage.base import utcnow


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="migrate to the newest schema")
    upgrade.add_argument("--revision", default="head")
    upgrade.set_defaults(func=_upgrade)
    current = db_sub.add_parser("current", help="show the schema revision")
    current.set_defaults(func=_current)
    purge = db_sub.add_parser(
        "purge-conversations",
        help="delete chat histories quiet for N days (the worker does this every 6 hours)",
    )
    purge.add_argument(
        "--older-than-days",
        type=_positive_days,
        help="default: WEGWIJS_CONVERSATION_RETENTION_DAYS or 30",
    )
    purge.set_defaults(func=_purge)


def _upgrade(args: argparse.Namespace) -> int:
    migrate.upgrade(revision=args.revision)
    print(f"database at {migrate.current_revision()} ({_redacted(database_url())})")
    return 0


def _current(_args: argparse.Namespace) -> int:
    print(migrate.current_revision() or "empty (never migrated)")
    return 0


def _positive_days(value: str) -> int:
    try:
        return parse_days(value, "--older-than-days")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _purge(args: argparse.Namespace) -> int:
    try:
        days = args.older_than_days or retention_days()
    except ValueError as error:
        raise CommandError(str(error)) from error
    now = utcnow()
    result = purge_conversations(database_url(), timedelta(days=days), now)
    since = (now - timedelta(days=days)).date().isoformat()
    print(
        f"deleted {result.conversations} conversations ({result.events} events) "
        f"without a message since {since}"
    )
    return 0


def _redacted(url: str) -> str:
    """The URL without its password: operators see where, never the secret."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
