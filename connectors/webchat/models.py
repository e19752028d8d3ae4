"""Tables of the web chat: the stored reply to every message the page numbered.

Kept apart from the channel class so Alembic and the CLI can import the tables without
pulling in Rasa and Sanic. Importing this module also registers the meeting table of
ambassador mode (``bot.ambassador.models``), which the chat signs ambassadors into.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, String

from bot.ambassador import models as ambassador_models  # noqa: F401  (registers "meeting")
from bot.storage.base import Base, utcnow

PROCESSING = "processing"
DONE = "done"


class WebchatReply(Base):
    """One row per (sender, client_message_id): a repeat gets the stored reply, not a rerun.

    The key is a keyed digest of both ids, so the table does not say who wrote what; the
    message itself is not stored, only the assistant's reply, and only for a few days.
    """

    __tablename__ = "webchat_reply"

    key: str = Column(String(64), primary_key=True)
    state: str = Column(String(16), nullable=False, default=PROCESSING)
    reply: list | None = Column(JSON, nullable=True)
    claimed_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    created_at: datetime = Column(
        DateTime(timezone=True), nullable=False, default=utcnow, index=True
    )

    __table_args__ = (CheckConstraint("state IN ('processing', 'done')", name="state"),)
