"""The transactional outbox: deliveries owed, claimed with a lease, settled after the receipt.

Why an outbox: the handover and "send it to the organisation" must be one fact. Writing the
outbox row in the handover's own transaction means there is never a handover nobody will
deliver, nor a delivery of a handover that was rolled back. A worker then claims due rows by
setting a lease (``locked_until``); a worker that crashes simply lets its lease run out and
another one takes the row. A row is marked delivered only after the receiver acknowledged.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from bot.handover.models import Handover, OutboxMessage
from bot.storage.base import utcnow

# What is delivered, and to whom.
HANDOVER_CREATED = "handover_created"  # the case, to the receiving organisation
RESIDENT_NOTICE = "resident_notice"  # "X will contact you by <day>", to the resident
ESCALATION = "escalation"  # overdue case, to the municipality's coordinator

ORGANIZATION = "organization"
COORDINATOR = "coordinator"
RESIDENT = "resident"


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, str(default)))


@dataclass(frozen=True)
class OutboxSettings:
    """Lease and backoff; the lease must outlast the slowest delivery (its timeout)."""

    lease_seconds: float = 120.0
    backoff_base_seconds: float = 30.0
    backoff_max_seconds: float = 6 * 3600.0
    backoff_jitter: float = 0.1
    # How soon a row waiting for delivery settings is looked at again.
    waiting_recheck_seconds: float = 300.0
    batch_size: int = 20

    @classmethod
    def from_env(cls) -> OutboxSettings:
        return cls(
            lease_seconds=_env_float("WEGWIJS_OUTBOX_LEASE_SECONDS", cls.lease_seconds),
            backoff_base_seconds=_env_float(
                "WEGWIJS_OUTBOX_BACKOFF_BASE_SECONDS", cls.backoff_base_seconds
            ),
            backoff_max_seconds=_env_float(
                "WEGWIJS_OUTBOX_BACKOFF_MAX_SECONDS", cls.backoff_max_seconds
            ),
            waiting_recheck_seconds=_env_float(
                "WEGWIJS_OUTBOX_WAITING_RECHECK_SECONDS", cls.waiting_recheck_seconds
            ),
        )

    def backoff(self, attempts: int) -> timedelta:
        """Exponential: base, 2x base, 4x base ... capped; jitter only ever adds time."""
        delay = min(self.backoff_max_seconds, self.backoff_base_seconds * 2 ** max(0, attempts - 1))
        delay *= 1 + random.uniform(0, self.backoff_jitter)  # not for security
        return timedelta(seconds=delay)


def enqueue(
    session: Session,
    *,
    dedupe_key: str,
    handover_id: str,
    kind: str,
    recipient_kind: str,
    recipient_id: str,
    payload: dict | None = None,
) -> OutboxMessage:
    """Add a delivery to the caller's transaction (once per ``dedupe_key``)."""
    existing = session.execute(
        select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    now = utcnow()
    message = OutboxMessage(
        dedupe_key=dedupe_key,
        handover_id=handover_id,
        kind=kind,
        recipient_kind=recipient_kind,
        recipient_id=recipient_id,
        payload=payload or {},
        state="pending",
        created_at=now,
        next_attempt_at=now,
        attempts=0,
        last_error="",
    )
    session.add(message)
    return message


def enqueue_handover_created(session: Session, handover: Handover) -> OutboxMessage:
    """The case itself, owed to the organisation it was handed to."""
    return enqueue(
        session,
        dedupe_key=f"{HANDOVER_CREATED}:{handover.id}",
        handover_id=handover.id,
        kind=HANDOVER_CREATED,
        recipient_kind=ORGANIZATION,
        recipient_id=handover.organization_id,
    )


def claim_due(
    session: Session, worker_id: str, settings: OutboxSettings, now: datetime | None = None
) -> list[OutboxMessage]:
    """Lease up to ``batch_size`` due rows for this worker; the caller commits at once.

    The lease is taken with a compare-and-set UPDATE (same WHERE as the SELECT), so two
    workers never hold one row, on SQLite and PostgreSQL alike; on PostgreSQL SKIP LOCKED also
    keeps them from queueing behind each other.
    """
    now = now or utcnow()
    claimable = (
        (OutboxMessage.state == "pending")
        & (OutboxMessage.next_attempt_at <= now)
        & or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now)
    )
    candidates = (
        session.execute(
            select(OutboxMessage.id)
            .where(claimable)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(settings.batch_size)
            .with_for_update(skip_locked=True)
        )
        .scalars()
        .all()
    )
    lease = now + timedelta(seconds=settings.lease_seconds)
    claimed_ids = []
    for message_id in candidates:
        result = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, claimable)
            .values(locked_until=lease, locked_by=worker_id)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            claimed_ids.append(message_id)
    if not claimed_ids:
        return []
    return list(
        session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.id.in_(claimed_ids))
            .order_by(OutboxMessage.id)
            .execution_options(populate_existing=True)
        ).scalars()
    )


def start_attempt(message: OutboxMessage, channel: str, now: datetime) -> None:
    """Count the attempt before sending: a crash mid-send still shows in the count."""
    message.attempts += 1
    message.last_attempt_at = now
    message.channel = channel


def wait_for_settings(
    message: OutboxMessage, reason: str, settings: OutboxSettings, now: datetime
) -> None:
    """No way to deliver yet (no endpoint configured): release without counting an attempt."""
    message.locked_until = None
    message.locked_by = None
    message.last_error = f"waiting: {reason}"
    message.next_attempt_at = now + timedelta(seconds=settings.waiting_recheck_seconds)


def mark_delivered(session: Session, message_id: int, now: datetime | None = None) -> bool:
    """The receiver acknowledged: never send this row again (whoever holds the lease)."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.state == "pending")
        .values(
            state="delivered",
            delivered_at=now or utcnow(),
            locked_until=None,
            locked_by=None,
            last_error="",
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def mark_failed(
    session: Session,
    message_id: int,
    worker_id: str,
    error: str,
    settings: OutboxSettings,
    now: datetime | None = None,
) -> bool:
    """Schedule the next try with backoff; only the lease holder may (a late loser may not)."""
    now = now or utcnow()
    message = session.execute(
        select(OutboxMessage).where(
            OutboxMessage.id == message_id,
            OutboxMessage.state == "pending",
            OutboxMessage.locked_by == worker_id,
        )
    ).scalar_one_or_none()
    if message is None:
        return False
    record_failure(message, error, settings, now)
    return True


def record_failure(
    message: OutboxMessage, error: str, settings: OutboxSettings, now: datetime
) -> None:
    """Release the lease and back off according to the attempts made so far."""
    message.locked_until = None
    message.locked_by = None
    message.last_error = error[:2000]
    message.next_attempt_at = now + settings.backoff(message.attempts)


def release_waiting(
    session: Session, recipient_kind: str, recipient_id: str, now: datetime | None = None
) -> int:
    """Delivery settings just arrived: rows waiting for them go out on the next round."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.state == "pending",
            OutboxMessage.recipient_kind == recipient_kind,
            OutboxMessage.recipient_id == recipient_id,
        )
        .values(next_attempt_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def undelivered(session: Session) -> list[OutboxMessage]:
    """Everything still owed, oldest first: nothing is ever silently dropped."""
    return list(
        session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.state == "pending")
            .order_by(OutboxMessage.created_at, OutboxMessage.id)
        ).scalars()
    )
