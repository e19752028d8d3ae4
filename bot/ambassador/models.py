"""The community meeting ("bijeenkomst") table.

Kept apart from the services so Alembic and the CLI can import the table alone. The meeting
code is what an ambassador types on the chat page and what every handover carries as
``referrer_meeting_code``: short, readable, no personal data.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Date, DateTime, String

from bot.storage.base import Base, utcnow

COMMUNITIES = ("tr", "ma")


class Meeting(Base):
    """One community meeting: where (municipality), for whom (community) and when."""

    __tablename__ = "meeting"

    code: str = Column(String(32), primary_key=True)
    municipality_code: str = Column(String(6), nullable=False, index=True)
    community: str = Column(String(2), nullable=False)
    date: date = Column(Date, nullable=False, index=True)
    created_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (CheckConstraint("community IN ('tr', 'ma')", name="community"),)
