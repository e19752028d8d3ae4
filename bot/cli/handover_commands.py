"""``wegwijs handover list|report``: the cases, what is still undelivered, and the figures."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from sqlalchemy import select

from bot.cli.errors import CommandError
from bot.config import database_url
from bot.handover.delivery.endpoints import MUNICIPALITY_CODE
from bot.handover.models import Handover
from bot.handover.outbox import as_utc, undelivered
from bot.handover.report import build_report, format_report
from bot.handover.status import STATUSES
from bot.storage.db import session_scope


def register(subparsers: argparse._SubParsersAction) -> None:
    handover = subparsers.add_parser("handover", help="handovers: list, undelivered, report")
    handover_sub = handover.add_subparsers(dest="handover_command", required=True)
    listing = handover_sub.add_parser("list", help="list handovers (or what is undelivered)")
    listing.add_argument(
        "--undelivered", action="store_true", help="deliveries still owed, with the reason"
    )
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--municipality", metavar="GMxxxx")
    listing.add_argument("--limit", type=int, default=200)
    listing.set_defaults(func=_list)
    report = handover_sub.add_parser("report", help="counts by status, overdue, urgent in time")
    report.add_argument("--since", metavar="YYYY-MM-DD", help="only handovers created since")
    report.add_argument("--json", action="store_true", help="machine-readable output")
    report.set_defaults(func=_report)


def _list(args: argparse.Namespace) -> int:
    if args.undelivered:
        return _list_undelivered()
    if args.municipality and not MUNICIPALITY_CODE.match(args.municipality):
        raise CommandError(f"{args.municipality!r} is not a municipality code like GM0344")
    with session_scope(database_url()) as session:
        query = select(Handover).order_by(Handover.created_at.desc()).limit(args.limit)
        if args.status:
            query = query.where(Handover.status == args.status)
        if args.municipality:
            query = query.where(Handover.municipality_code == args.municipality)
        handovers = list(session.execute(query).scalars())
        for handover in handovers:
            print(
                f"{handover.id}  {as_utc(handover.created_at):%Y-%m-%d %H:%M}  "
                f"{handover.municipality_code}  {handover.route:<12} {handover.status:<11} "
                f"due {as_utc(handover.due_at):%Y-%m-%d}  {handover.organization_id}"
            )
    if not handovers:
        print("no handovers")
    return 0


def _list_undelivered() -> int:
    with session_scope(database_url()) as session:
        rows = undelivered(session)
        for row in rows:
            reason = row.last_error or "not tried yet"
            print(
                f"#{row.id:<5} {row.kind:<17} to {row.recipient_kind} {row.recipient_id:<24} "
                f"handover {row.handover_id[:8]}  attempts {row.attempts}  "
                f"next {as_utc(row.next_attempt_at):%Y-%m-%d %H:%M}Z  {reason}"
            )
    print(f"{len(rows)} undelivered" if rows else "everything has been delivered")
    return 0


def _report(args: argparse.Namespace) -> int:
    since = None
    if args.since:
        try:
            since = as_utc(datetime.fromisoformat(args.since))
        except ValueError as error:
            raise CommandError(f"--since {args.since!r} is not a date like 2026-11-01") from error
    with session_scope(database_url()) as session:
        report = build_report(session, since=since)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0
