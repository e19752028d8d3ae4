"""Handover tables.

A handover keeps a snapshot of who it went to (ids and name) instead of a foreign key into the
social map: the map is re-imported and pruned, the history of a case must survive that.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, String, Text

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
