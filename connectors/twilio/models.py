"""Tables of the Twilio channel: seen MessageSids and one row per resident conversation.

Kept apart from the channel class so Alembic and the CLI can import the tables without
pulling in Rasa, Sanic and the Twilio SDK.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Column, DateTime, String, Text

from bot.storage.base import Base, utcnow

CHANNELS = ("whatsapp", "sms")


class TwilioMessageSeen(Base):
    """One row per inbound MessageSid: the primary key makes a Twilio retry a no-op."""

    __tablename__ = "twilio_message_seen"

    message_sid: str = Column(String(64), primary_key=True)
    received_at: datetime = Column(
        DateTime(timezone=True), nullable=False, default=utcnow, index=True
    )


class ChannelConversation(Base):
    """How to reach a resident again, keyed by the pseudonym Rasa knows them by.

    The phone number is only stored sealed; the tracker store never sees it.
    """

    __tablename__ = "channel_conversation"

    # keyed_digest("twilio", channel, number): also the Rasa sender_id.
    pseudonym: str = Column(String(64), primary_key=True)
    channel: str = Column(String(16), nullable=False)
    address_sealed: str = Column(Text, nullable=False)
    language: str | None = Column(String(2), nullable=True)
    opted_out: bool = Column(Boolean, nullable=False, default=False)
    opted_out_at: datetime | None = Column(DateTime(timezone=True), nullable=True)
    # [{"title": ..., "payload": ...}] offered with the last bot message, for "1"/"2" replies.
    offered_buttons: list | None = Column(JSON, nullable=True)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (CheckConstraint("channel IN ('whatsapp', 'sms')", name="channel"),)
