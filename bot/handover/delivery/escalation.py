"""Escalating a case that is past its due date without contact to the coordinator.

"Without contact" means still ``new`` or ``accepted``. Each case escalates once (a unique
row per handover); the coordinator's message goes through the outbox like every other one,
so a coordinator without delivery settings shows up as waiting instead of being skipped.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.handover.delivery.notices import OVERDUE, notify_ambassador
from bot.handover.models import Handover, HandoverEscalation
from bot.handover.outbox import COORDINATOR, ESCALATION, enqueue
from bot.storage.base import utcnow

NO_CONTACT_YET = ("new", "accepted")


def overdue_clause(now: datetime) -> ColumnElement[bool]:
    return Handover.status.in_(NO_CONTACT_YET) & (Handover.due_at < now)


def find_unescalated_overdue(session: Session, now: datetime, limit: int = 100) -> list[str]:
    """Ids of overdue cases that were not escalated yet."""
    return list(
        session.execute(
            select(Handover.id)
            .outerjoin(HandoverEscalation, HandoverEscalation.handover_id == Handover.id)
            .where(overdue_clause(now), HandoverEscalation.id.is_(None))
            .order_by(Handover.due_at)
            .limit(limit)
        ).scalars()
    )


def escalate(session: Session, handover_id: str, now: datetime | None = None) -> bool:
    """Record the escalation and queue the coordinator's message; False if not (or no longer)
    overdue. Two workers racing here collide on the unique handover_id: one wins."""
    now = now or utcnow()
    handover = session.execute(
        select(Handover).where(Handover.id == handover_id, overdue_clause(now))
    ).scalar_one_or_none()
    if handover is None:
        return False
    session.add(
        HandoverEscalation(
            handover_id=handover.id,
            municipality_code=handover.municipality_code,
            status_at_escalation=handover.status,
            due_at=handover.due_at,
            escalated_at=now,
        )
    )
    enqueue(
        session,
        dedupe_key=f"{ESCALATION}:{handover.id}",
        handover_id=handover.id,
        kind=ESCALATION,
        recipient_kind=COORDINATOR,
        recipient_id=handover.municipality_code,
    )
    notify_ambassador(session, handover, OVERDUE, now)
    session.flush()
    return True
