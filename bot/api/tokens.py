"""Creating, revoking and checking API tokens.

A token is ``wgw_`` + 32 random bytes (URL-safe); only its SHA-256 is stored, so a leaked
database does not leak usable tokens. The prefix lets secret scanners recognise one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.api.models import ROLES, ApiToken
from bot.storage.base import utcnow

TOKEN_PREFIX = "wgw_"
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")


class TokenError(ValueError):
    """The token cannot be created or revoked as asked; nothing changed."""


@dataclass(frozen=True)
class Principal:
    """Who is calling, as far as the API is concerned."""

    token_id: int
    role: str
    subject: str | None
    name: str

    @property
    def actor(self) -> str:
        """What goes into the status history as "who made this change"."""
        who = self.subject or self.name or self.role
        return f"{self.role}:{who} (token {self.token_id})"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64]


def create_token(
    session: Session, role: str, subject: str | None = None, name: str = ""
) -> tuple[ApiToken, str]:
    """Store a new token; returns the row and the token itself (shown once, never stored)."""
    subject, name = _check(role, (subject or "").strip() or None, name.strip())
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        token_hash=hash_token(token), role=role, subject=subject, name=name, created_at=utcnow()
    )
    session.add(row)
    session.flush()
    return row, token


def _check(role: str, subject: str | None, name: str) -> tuple[str | None, str]:
    if role not in ROLES:
        raise TokenError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if role == "organization" and not subject:
        raise TokenError("an organisation token needs --org ORG_ID")
    if role == "coordinator" and not (subject and MUNICIPALITY_CODE.match(subject)):
        raise TokenError("a coordinator token needs --municipality GMxxxx")
    if role == "ambassador":
        if not name:
            raise TokenError("an ambassador token needs --name NAME")
        subject = subject or slug(name)
        if not subject:
            raise TokenError("the ambassador name must contain letters or digits")
    if role == "admin":
        subject = None
    if subject and len(subject) > 64:
        raise TokenError("id longer than 64 characters")
    return subject, name[:100]


def revoke_token(session: Session, token_id: int) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise TokenError(f"no token with id {token_id}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    return row


def authenticate(session: Session, token: str) -> Principal | None:
    """The principal for a presented bearer token, or None (unknown, malformed or revoked)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = hash_token(token)
    row = session.execute(
        select(ApiToken).where(ApiToken.token_hash == digest)
    ).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.token_hash, digest):
        return None
    return Principal(token_id=row.id, role=row.role, subject=row.subject, name=row.name)


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.execute(select(ApiToken).order_by(ApiToken.id)).scalars())
