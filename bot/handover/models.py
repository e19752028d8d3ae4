"""Handover tables.

A handover keeps a snapshot of who it went to (ids and name) instead of a foreign key into the
social map: the map is re-imported and pruned, the history of a case must survive that.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)

from bot.storage.base import Base, utcnow


def new_id() -> str:
    return str(uuid.uuid4())


class Handover(Base):
    __tablename__ = "handover"

    id: str = Column(String(36), primary_key=True, default=new_id)
    # HMAC of the conversation and intake: makes retries idempotent without storing the sender.
    idempotency_key: str = Column(String(64), nullable=False, unique=True)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    channel: str = Column(String(16), nullable=False)
    language: str = Column(String(2), nullable=False)
    municipality_code: str = Column(String(6), nullable=False, index=True)
    route: str = Column(String(16), nullable=False)
    route_reason: str = Column(Text, nullable=False, default="")
    urgent: bool = Column(Boolean, nullable=False, default=False)
    threats: list = Column(JSON, nullable=False, default=list)
    organization_id: str = Column(String(64), nullable=False, index=True)
    service_id: str = Column(String(64), nullable=False)
    receiver_name: str = Column(String(200), nullable=False)
    status: str = Column(String(16), nullable=False, default="new", index=True)
    due_at: datetime = Column(DateTime(timezone=True), nullable=False)
    contact_method: str = Column(String(16), nullable=False)
    # Fernet token of the contact details (phone number, e-mail); never stored in the clear.
    contact_encrypted: str = Column(Text, nullable=False)
    summary: str = Column(Text, nullable=False, default="")
    referrer_ambassador_id: str | None = Column(String(64), nullable=True)
    referrer_meeting_code: str | None = Column(String(32), nullable=True)
    consent_given_at: datetime = Column(DateTime(timezone=True), nullable=False)
    consent_text_version: str = Column(String(64), nullable=False)


class HandoverStatusEvent(Base):
    """Every status change with who made it: the closed loop's audit trail."""

    __tablename__ = "handover_status_event"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    handover_id: str = Column(
        String(36), ForeignKey("handover.id", ondelete="CASCADE"), nullable=False, index=True
    )
    status: str = Column(String(16), nullable=False)
    reason: str = Column(Text, nullable=False, default="")
    actor: str = Column(String(100), nullable=False)
    at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)


def _handover_fk() -> Column:
    """Everything about a case goes when the case goes (erasure): ON DELETE CASCADE."""
    return Column(
        String(36), ForeignKey("handover.id", ondelete="CASCADE"), nullable=False, index=True
    )


class OutboxMessage(Base):
    """A delivery still owed (or done), written in the same transaction as its cause.

    Only references and non-personal parameters are stored; the message itself (with the
    unsealed contact) is rendered in memory at delivery time. ``locked_until`` is a lease: a
    worker that dies mid-delivery loses its claim when the lease runs out.
    """

    __tablename__ = "outbox_message"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    # One row per cause (e.g. "handover-created:<id>"): enqueueing twice is harmless, and the
    # key travels to the receiver as the delivery id so it can drop a repeat.
    dedupe_key: str = Column(String(200), nullable=False, unique=True)
    handover_id: str = _handover_fk()
    kind: str = Column(String(32), nullable=False)
    recipient_kind: str = Column(String(16), nullable=False)
    recipient_id: str = Column(String(64), nullable=False, index=True)
    payload: dict = Column(JSON, nullable=False, default=dict)
    state: str = Column(String(16), nullable=False, default="pending")
    created_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    next_attempt_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    locked_until: datetime | None = Column(DateTime(timezone=True), nullable=True)
    locked_by: str | None = Column(String(64), nullable=True)
    attempts: int = Column(Integer, nullable=False, default=0)
    last_attempt_at: datetime | None = Column(DateTime(timezone=True), nullable=True)
    last_error: str = Column(Text, nullable=False, default="")
    channel: str | None = Column(String(16), nullable=True)
    delivered_at: datetime | None = Column(DateTime(timezone=True), nullable=True)

    __table_args__ = (
        Index("ix_outbox_message_state_next_attempt_at", "state", "next_attempt_at"),
        CheckConstraint("state IN ('pending', 'delivered')", name="state"),
    )


class DeliveryEndpoint(Base):
    """How an organisation (or a municipality's coordinator) wants to receive cases.

    Organisations are referenced by id string, not by foreign key: the social map is
    re-imported and pruned, delivery settings must survive that.
    """

    __tablename__ = "delivery_endpoint"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    owner_kind: str = Column(String(16), nullable=False)
    owner_id: str = Column(String(64), nullable=False)
    channel: str = Column(String(16), nullable=False)
    target: str = Column(String(300), nullable=False)
    # Fernet token of the webhook signing secret; NULL for other channels.
    secret_sealed: str | None = Column(Text, nullable=True)
    updated_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("owner_kind", "owner_id"),
        CheckConstraint("channel IN ('webhook', 'email', 'sms', 'whatsapp')", name="channel"),
    )


class ResidentMessage(Base):
    """The web chat resident's inbox: messages the chat page fetches by handover id."""

    __tablename__ = "resident_message"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    handover_id: str = _handover_fk()
    kind: str = Column(String(32), nullable=False)
    language: str = Column(String(2), nullable=False)
    text: str = Column(Text, nullable=False)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    read_at: datetime | None = Column(DateTime(timezone=True), nullable=True)

    __table_args__ = (UniqueConstraint("handover_id", "kind"),)


class AmbassadorNotification(Base):
    """Terugkoppeling to the referring ambassador: what happened to the case they brought."""

    __tablename__ = "ambassador_notification"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    ambassador_id: str = Column(String(64), nullable=False, index=True)
    handover_id: str = _handover_fk()
    status: str = Column(String(16), nullable=False)
    meeting_code: str | None = Column(String(32), nullable=True)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    read_at: datetime | None = Column(DateTime(timezone=True), nullable=True)


class HandoverEscalation(Base):
    """A case past its due date without contact, raised to the municipality's coordinator."""

    __tablename__ = "handover_escalation"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    handover_id: str = Column(
        String(36), ForeignKey("handover.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    municipality_code: str = Column(String(6), nullable=False, index=True)
    status_at_escalation: str = Column(String(16), nullable=False)
    due_at: datetime = Column(DateTime(timezone=True), nullable=False)
    escalated_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
