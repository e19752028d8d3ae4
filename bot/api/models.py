"""API tokens: only the SHA-256 of a token is stored, the token itself is shown once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, DateTime, Integer, String

from bot.storage.base import Base, utcnow

ROLES = ("organization", "coordinator", "admin", "ambassador")


class ApiToken(Base):
    __tablename__ = "api_token"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    token_hash: str = Column(String(64), nullable=False, unique=True)
    role: str = Column(String(16), nullable=False)
    # organization: the organisation id; coordinator: the GMxxxx code; ambassador: their id.
    subject: str | None = Column(String(64), nullable=True)
    name: str = Column(String(100), nullable=False, default="")
    created_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    revoked_at: datetime | None = Column(DateTime(timezone=True), nullable=True)

    __table_args__ = (
        CheckConstraint(
            "role IN ('organization', 'coordinator', 'admin', 'ambassador')", name="role"
        ),
    )
