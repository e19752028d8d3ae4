"""Creating and finding community meetings.

Codes look like ``TR-4K7PXQ``: the community, then six characters from an alphabet without
look-alikes (no 0/O, 1/I/L), so an ambassador can read one off a flyer and type it on a phone.
A code works for intakes only around the meeting date: a code on an old flyer cannot keep
attributing new cases to a meeting long past.
"""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.ambassador.models import COMMUNITIES, Meeting
from bot.geo.municipalities import default_registry
from bot.intake.deadlines import AMSTERDAM
from bot.storage.base import utcnow

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
CODE_PATTERN = re.compile(r"^(TR|MA)-[2-9A-HJKMNP-Z]{6}$")
# Intakes may be done from the day before the meeting (setting up) to a few days after
# (residents who come back to finish); the overview of handovers stays available for good.
DAYS_BEFORE = 1
DAYS_AFTER = 3


class MeetingError(ValueError):
    """The meeting cannot be created as asked; nothing was stored."""


def today_in_amsterdam(now: datetime | None = None) -> date:
    """Meeting dates are Dutch calendar days, whatever the server's time zone."""
    return (now or utcnow()).astimezone(AMSTERDAM).date()


def normalise_code(text: str) -> str:
    """What people type ("tr 4k7pxq", "TR4K7PXQ") in the stored form ("TR-4K7PXQ")."""
    compact = re.sub(r"[\s\-_.]+", "", text or "").upper()[:40]
    if len(compact) == 2 + CODE_LENGTH:
        return f"{compact[:2]}-{compact[2:]}"
    return compact


def new_code(community: str) -> str:
    suffix = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{community.upper()}-{suffix}"


def create_meeting(session: Session, municipality_code: str, community: str, day: date) -> Meeting:
    """Store a new meeting with a fresh code; the municipality must be a real CBS code."""
    municipality = default_registry().by_code(municipality_code or "")
    if municipality is None:
        raise MeetingError(f"{municipality_code!r} is not a municipality code like GM0344")
    if community not in COMMUNITIES:
        raise MeetingError(f"unknown community {community!r}; use one of {', '.join(COMMUNITIES)}")
    for _attempt in range(10):
        code = new_code(community)
        if session.get(Meeting, code) is None:
            break
    else:  # pragma: no cover - 31^6 codes; ten collisions in a row means something is wrong
        raise MeetingError("could not find a free meeting code")
    meeting = Meeting(
        code=code,
        municipality_code=municipality.code,
        community=community,
        date=day,
        created_at=utcnow(),
    )
    session.add(meeting)
    session.flush()
    return meeting


def find_meeting(session: Session, code: str) -> Meeting | None:
    normalised = normalise_code(code)
    if not CODE_PATTERN.match(normalised):
        return None
    return session.get(Meeting, normalised)


def open_for_intakes(meeting: Meeting, today: date) -> bool:
    """True from the day before the meeting to DAYS_AFTER days after it."""
    return (
        meeting.date - timedelta(days=DAYS_BEFORE)
        <= today
        <= meeting.date + timedelta(days=DAYS_AFTER)
    )


def list_meetings(session: Session, since: date | None = None) -> list[Meeting]:
    query = select(Meeting).order_by(Meeting.date.desc(), Meeting.code)
    if since is not None:
        query = query.where(Meeting.date >= since)
    return list(session.execute(query).scalars())
