"""``wegwijs meeting create|list|show``: community meetings for ambassador mode.

``create`` prints the code ambassadors type on the chat page; ``show`` lists the handovers made
at a meeting with their status, for the coordinator who follows the meeting up.
"""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import select

from bot.ambassador.meetings import (
    DAYS_AFTER,
    DAYS_BEFORE,
    MeetingError,
    create_meeting,
    find_meeting,
    list_meetings,
)
from bot.ambassador.models import COMMUNITIES
from bot.cli.errors import CommandError
from bot.config import database_url
from bot.handover.models import Handover
from bot.handover.outbox import as_utc
from bot.storage.db import session_scope


def register(subparsers: argparse._SubParsersAction) -> None:
    meeting = subparsers.add_parser("meeting", help="community meetings (ambassador mode)")
    meeting_sub = meeting.add_subparsers(dest="meeting_command", required=True)
    create = meeting_sub.add_parser(
        "create",
        help="create a meeting and print its code",
        description="Example: wegwijs meeting create --municipality GM0344 --community tr "
        "--date 2026-12-05",
    )
    create.add_argument("--municipality", required=True, metavar="GMxxxx")
    create.add_argument(
        "--community", required=True, choices=COMMUNITIES, help="tr: Turkish, ma: Moroccan"
    )
    create.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD")
    create.set_defaults(func=_create)
    listing = meeting_sub.add_parser("list", help="list meetings, newest first")
    listing.add_argument("--since", type=_day, metavar="YYYY-MM-DD")
    listing.set_defaults(func=_list)
    show = meeting_sub.add_parser("show", help="the handovers made at a meeting")
    show.add_argument("code")
    show.set_defaults(func=_show)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-05") from error


def _create(args: argparse.Namespace) -> int:
    try:
        with session_scope(database_url()) as session:
            meeting = create_meeting(session, args.municipality, args.community, args.date)
            code, municipality = meeting.code, meeting.municipality_code
    except MeetingError as error:
        raise CommandError(str(error)) from error
    print(f"Meeting {code} ({args.community}, {municipality}, {args.date:%Y-%m-%d}).")
    print(
        f"Ambassadors enter this code on the chat page; it works for intakes from "
        f"{DAYS_BEFORE} day before to {DAYS_AFTER} days after the meeting:"
    )
    print(code)
    return 0


def _list(args: argparse.Namespace) -> int:
    with session_scope(database_url()) as session:
        meetings = list_meetings(session, args.since)
        for meeting in meetings:
            print(
                f"{meeting.code:<10} {meeting.date:%Y-%m-%d}  {meeting.community}  "
                f"{meeting.municipality_code}"
            )
    if not meetings:
        print("no meetings yet")
    return 0


def _show(args: argparse.Namespace) -> int:
    with session_scope(database_url()) as session:
        meeting = find_meeting(session, args.code)
        if meeting is None:
            raise CommandError(f"no meeting with code {args.code!r}")
        handovers = list(
            session.execute(
                select(Handover)
                .where(Handover.referrer_meeting_code == meeting.code)
                .order_by(Handover.created_at)
            ).scalars()
        )
        print(
            f"Meeting {meeting.code} ({meeting.community}, {meeting.municipality_code}, "
            f"{meeting.date:%Y-%m-%d}): {len(handovers)} handover(s)"
        )
        for handover in handovers:
            print(
                f"{handover.id}  {as_utc(handover.created_at):%Y-%m-%d %H:%M}  "
                f"{handover.referrer_ambassador_id or '-':<20} {handover.status:<11} "
                f"{handover.receiver_name}"
            )
    return 0
