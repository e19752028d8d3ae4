"""Telling the resident and the referring ambassador what happened to the case.

The resident hears once, when the organisation accepts: who will contact them and by when,
in their language, on their own channel. A web chat resident has no number we may text, so
the message waits in their inbox (keyed by handover id) for the chat page to fetch. The
ambassador who brought the case hears every status change (terugkoppeling), and a signal
when the case stalls.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.handover.delivery.content import INBOX, resident_channel
from bot.handover.delivery.texts import resident_accepted
from bot.handover.models import AmbassadorNotification, Handover, ResidentMessage
from bot.handover.outbox import RESIDENT, RESIDENT_NOTICE, enqueue
from bot.storage.base import utcnow

ACCEPTED = "accepted"
OVERDUE = "overdue"


def notify_resident_accepted(session: Session, handover: Handover) -> None:
    """Queue the "who contacts you, by when" message on the resident's own channel."""
    if resident_channel(handover) == INBOX:
        exists = session.execute(
            select(ResidentMessage.id).where(
                ResidentMessage.handover_id == handover.id, ResidentMessage.kind == ACCEPTED
            )
        ).first()
        if exists is None:
            session.add(
                ResidentMessage(
                    handover_id=handover.id,
                    kind=ACCEPTED,
                    language=handover.language,
                    text=resident_accepted(
                        handover.language, handover.receiver_name, handover.due_at
                    ),
                    created_at=utcnow(),
                )
            )
        return
    enqueue(
        session,
        dedupe_key=f"{RESIDENT_NOTICE}:{ACCEPTED}:{handover.id}",
        handover_id=handover.id,
        kind=RESIDENT_NOTICE,
        recipient_kind=RESIDENT,
        recipient_id=handover.id,
        payload={"notice": ACCEPTED},
    )


def notify_ambassador(
    session: Session, handover: Handover, status: str, now: datetime | None = None
) -> AmbassadorNotification | None:
    """A feedback row for the referring ambassador, if an ambassador referred the case."""
    if not handover.referrer_ambassador_id:
        return None
    notification = AmbassadorNotification(
        ambassador_id=handover.referrer_ambassador_id,
        handover_id=handover.id,
        status=status,
        meeting_code=handover.referrer_meeting_code,
        created_at=now or utcnow(),
    )
    session.add(notification)
    return notification


def pending_resident_messages(session: Session, handover_id: str) -> list[ResidentMessage]:
    """Unread inbox messages of one web chat resident, oldest first (for the chat page)."""
    return list(
        session.execute(
            select(ResidentMessage)
            .where(ResidentMessage.handover_id == handover_id, ResidentMessage.read_at.is_(None))
            .order_by(ResidentMessage.created_at, ResidentMessage.id)
        ).scalars()
    )


def mark_resident_messages_read(session: Session, message_ids: Sequence[int]) -> int:
    """The page showed them: they are no longer pending."""
    if not message_ids:
        return 0
    result = session.execute(
        update(ResidentMessage)
        .where(ResidentMessage.id.in_(list(message_ids)), ResidentMessage.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def pending_ambassador_notifications(
    session: Session, ambassador_id: str
) -> list[AmbassadorNotification]:
    """Unread feedback for one ambassador, oldest first (for the ambassador mode)."""
    return list(
        session.execute(
            select(AmbassadorNotification)
            .where(
                AmbassadorNotification.ambassador_id == ambassador_id,
                AmbassadorNotification.read_at.is_(None),
            )
            .order_by(AmbassadorNotification.created_at, AmbassadorNotification.id)
        ).scalars()
    )
