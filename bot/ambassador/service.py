"""Ambassador sign-in on the web chat, and the overview of handovers made at a meeting.

The ambassador's token (``wegwijs token create --role ambassador``) is checked on every
message: a revoked token stops working at once, and the token itself never reaches the
conversation history, only the ambassador id does. The overview shows the ambassador's own
referrals at one meeting with their current status; no contact details, no summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.ambassador.meetings import find_meeting, open_for_intakes
from bot.api.tokens import authenticate
from bot.geo.municipalities import default_registry
from bot.handover.delivery.notices import pending_ambassador_notifications
from bot.handover.models import AmbassadorNotification, Handover, HandoverStatusEvent
from bot.handover.outbox import as_utc
from bot.storage.base import utcnow

AMBASSADOR = "ambassador"


class SignInError(ValueError):
    """Why an ambassador cannot go on: ``reason`` is "token", "meeting" or "closed"."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class AmbassadorSession:
    """Who is signed in, at which meeting; what the page shows in its ambassador bar."""

    ambassador_id: str
    name: str
    meeting_code: str
    municipality_code: str
    municipality_name: str
    community: str
    meeting_date: date
    open_for_intakes: bool

    def as_json(self) -> dict:
        return {
            "ambassador_id": self.ambassador_id,
            "name": self.name,
            "meeting_code": self.meeting_code,
            "municipality_code": self.municipality_code,
            "municipality_name": self.municipality_name,
            "community": self.community,
            "meeting_date": self.meeting_date.isoformat(),
            "open_for_intakes": self.open_for_intakes,
        }


@dataclass(frozen=True)
class HandoverLine:
    """One case in the overview: enough to follow it up, nothing about the resident."""

    reference: str
    created_at: datetime
    receiver_name: str
    route: str
    urgent: bool
    status: str
    status_changed_at: datetime
    due_at: datetime
    updated: bool

    def as_json(self) -> dict:
        return {
            "reference": self.reference,
            "created_at": as_utc(self.created_at).isoformat(),
            "receiver_name": self.receiver_name,
            "route": self.route,
            "urgent": self.urgent,
            "status": self.status,
            "status_changed_at": as_utc(self.status_changed_at).isoformat(),
            "due_at": as_utc(self.due_at).isoformat(),
            "updated": self.updated,
        }


def sign_in(
    session: Session, token: str, meeting_code: str, today: date, *, for_intake: bool = True
) -> AmbassadorSession:
    """Check token and meeting; raises SignInError with a reason the page can explain."""
    principal = authenticate(session, (token or "").strip())
    if principal is None or principal.role != AMBASSADOR or not principal.subject:
        raise SignInError("token", "unknown or revoked ambassador token")
    meeting = find_meeting(session, meeting_code)
    if meeting is None:
        raise SignInError("meeting", "unknown meeting code")
    is_open = open_for_intakes(meeting, today)
    if for_intake and not is_open:
        raise SignInError("closed", f"meeting {meeting.code} is not open for intakes today")
    municipality = default_registry().by_code(meeting.municipality_code)
    return AmbassadorSession(
        ambassador_id=principal.subject,
        name=principal.name,
        meeting_code=meeting.code,
        municipality_code=meeting.municipality_code,
        municipality_name=municipality.name if municipality else meeting.municipality_code,
        community=meeting.community,
        meeting_date=meeting.date,
        open_for_intakes=is_open,
    )


def meeting_handovers(
    session: Session, ambassador_id: str, meeting_code: str, *, mark_seen: bool = True
) -> list[HandoverLine]:
    """The ambassador's handovers at the meeting, newest first, with their current status.

    ``updated`` flags cases with status news the ambassador has not seen yet (their
    terugkoppeling); showing the overview marks that news as seen.
    """
    last_change = (
        select(
            HandoverStatusEvent.handover_id,
            func.max(HandoverStatusEvent.at).label("at"),
        )
        .group_by(HandoverStatusEvent.handover_id)
        .subquery()
    )
    rows = session.execute(
        select(Handover, last_change.c.at)
        .outerjoin(last_change, last_change.c.handover_id == Handover.id)
        .where(
            Handover.referrer_ambassador_id == ambassador_id,
            Handover.referrer_meeting_code == meeting_code,
        )
        .order_by(Handover.created_at.desc(), Handover.id)
    ).all()
    ids = {handover.id for handover, _at in rows}
    unseen = [
        note
        for note in pending_ambassador_notifications(session, ambassador_id)
        if note.handover_id in ids
    ]
    news = {note.handover_id for note in unseen}
    if mark_seen and unseen:
        session.execute(
            update(AmbassadorNotification)
            .where(AmbassadorNotification.id.in_([note.id for note in unseen]))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    return [
        HandoverLine(
            reference=handover.id[:8].upper(),
            created_at=handover.created_at,
            receiver_name=handover.receiver_name,
            route=handover.route,
            urgent=handover.urgent,
            status=handover.status,
            status_changed_at=changed_at or handover.created_at,
            due_at=handover.due_at,
            updated=handover.id in news,
        )
        for handover, changed_at in rows
    ]
