"""The closed loop's statuses and which changes are allowed.

Field statuses (DOMAIN.md): received, contact made, helped, closed, could not reach,
declined. Only forward moves are allowed, so a report can trust that e.g. ``helped`` was
preceded by ``contacted``; ``unreachable`` and ``declined`` need a reason, because "why" is
exactly what a coordinator asks next. Every change is an event with who made it and when.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bot.handover.delivery.notices import ACCEPTED, notify_ambassador, notify_resident_accepted
from bot.handover.models import Handover, HandoverStatusEvent
from bot.storage.base import utcnow

STATUSES = ("new", "accepted", "contacted", "helped", "closed", "unreachable", "declined")
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"accepted", "declined"}),
    "accepted": frozenset({"contacted", "unreachable", "declined"}),
    "contacted": frozenset({"helped", "closed", "declined"}),
    "helped": frozenset({"closed"}),
    "unreachable": frozenset({"contacted", "closed"}),
    "declined": frozenset(),
    "closed": frozenset(),
}
REASON_REQUIRED = frozenset({"unreachable", "declined"})
MAX_REASON = 1000


class StatusChangeError(ValueError):
    """A status change that cannot be made; ``http_status`` says how the API answers."""

    http_status = 422


class InvalidStatusChangeError(StatusChangeError):
    """Unknown status, or a reason missing where one is required (422)."""


class TransitionNotAllowedError(StatusChangeError):
    """The change does not follow from the current status (409)."""

    http_status = 409


def allowed_next(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def check_change(current: str, new: str, reason: str) -> None:
    if new not in STATUSES:
        raise InvalidStatusChangeError(f"unknown status {new!r}; use one of {', '.join(STATUSES)}")
    if new in REASON_REQUIRED and not reason.strip():
        raise InvalidStatusChangeError(f"status {new!r} needs a reason")
    if len(reason) > MAX_REASON:
        raise InvalidStatusChangeError(f"reason longer than {MAX_REASON} characters")
    if new not in allowed_next(current):
        options = ", ".join(sorted(allowed_next(current))) or "none (final status)"
        raise TransitionNotAllowedError(
            f"cannot go from {current!r} to {new!r}; allowed: {options}"
        )


def change_status(
    session: Session,
    handover: Handover,
    new_status: str,
    *,
    actor: str,
    reason: str = "",
    now: datetime | None = None,
) -> HandoverStatusEvent:
    """Move the case on, record who did it, and tell the resident and ambassador.

    The UPDATE only matches while the status is still the one we checked, so two partners
    changing the same case at once cannot both win (the loser gets TransitionNotAllowedError).
    """
    now = now or utcnow()
    reason = reason.strip()
    current = handover.status
    check_change(current, new_status, reason)
    result = session.execute(
        update(Handover)
        .where(Handover.id == handover.id, Handover.status == current)
        .values(status=new_status)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise TransitionNotAllowedError("the status was changed meanwhile; fetch the case again")
    set_committed_value(handover, "status", new_status)
    event = HandoverStatusEvent(
        handover_id=handover.id, status=new_status, reason=reason, actor=actor[:100], at=now
    )
    session.add(event)
    if new_status == ACCEPTED:
        notify_resident_accepted(session, handover)
    notify_ambassador(session, handover, new_status, now)
    session.flush()
    return event


def history(session: Session, handover_id: str) -> list[HandoverStatusEvent]:
    """The audit trail of one case, oldest first."""
    return list(
        session.execute(
            select(HandoverStatusEvent)
            .where(HandoverStatusEvent.handover_id == handover_id)
            .order_by(HandoverStatusEvent.at, HandoverStatusEvent.id)
        ).scalars()
    )
