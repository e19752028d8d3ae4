"""Server-side dedupe of chat messages: each numbered message is answered once.

The page numbers every message (``client_message_id``) and keeps it in its outbox until it has
the reply. On a flaky network the same message can therefore arrive twice: the reply was sent
but never reached the page, or the page retried while the first try was still running. Only
the primary key decides who processes a message (insert first, no check-then-insert race);
a repeat gets the stored reply back, so the assistant never sees the message twice.

A claim that is never completed (the process died mid-message) expires after LEASE, so the
message is not lost; that rare case is the only one in which a message can run twice.
Replies are kept for KEEP (the page gives up long before), then purged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from bot.handover.outbox import as_utc
from bot.privacy.sealing import keyed_digest
from bot.storage.base import utcnow
from bot.storage.db import session_scope
from connectors.webchat.models import DONE, PROCESSING, WebchatReply

LEASE = timedelta(minutes=2)
KEEP = timedelta(days=7)
PURGE_EVERY = timedelta(hours=1)
NEW, REPLAY, BUSY = "new", "replay", "busy"


def reply_key(sender: str, client_message_id: str) -> str:
    """Per sender: two pages that happen to pick the same id do not share replies."""
    return keyed_digest("webchat-reply", sender, client_message_id)


@dataclass(frozen=True)
class Claim:
    """``new``: process it; ``replay``: send ``reply`` again; ``busy``: another try runs."""

    outcome: str
    key: str
    reply: dict[str, Any] | None = None


class ReplyStore:
    """Claims and stored replies in the Wegwijs database (or ``url``); synchronous."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url
        self._purged_at: datetime | None = None

    def claim(self, sender: str, client_message_id: str, now: datetime | None = None) -> Claim:
        now = now or utcnow()
        self._maybe_purge(now)
        key = reply_key(sender, client_message_id)
        for _attempt in range(2):  # a second round only if the holder released meanwhile
            if self._insert(key, now):
                return Claim(NEW, key)
            existing = self._existing(key, now)
            if existing is not None:
                return existing
        return Claim(BUSY, key)

    def _insert(self, key: str, now: datetime) -> bool:
        try:
            with session_scope(self.url) as session:
                session.add(WebchatReply(key=key, state=PROCESSING, claimed_at=now, created_at=now))
        except IntegrityError:
            return False
        return True

    def _existing(self, key: str, now: datetime) -> Claim | None:
        """The claim already there: its reply, still running, or expired (taken over)."""
        with session_scope(self.url) as session:
            row = session.get(WebchatReply, key)
            if row is None:
                return None
            if row.state == DONE:
                return Claim(REPLAY, key, row.reply)
            if as_utc(row.claimed_at) > now - LEASE:
                return Claim(BUSY, key)
            taken = session.execute(
                update(WebchatReply)
                .where(
                    WebchatReply.key == key,
                    WebchatReply.state == PROCESSING,
                    WebchatReply.claimed_at == row.claimed_at,
                )
                .values(claimed_at=now)
                .execution_options(synchronize_session=False)
            )
            return Claim(NEW if taken.rowcount == 1 else BUSY, key)

    def lookup(self, key: str) -> Claim:
        """The state of a claim someone else holds (used while waiting for it)."""
        with session_scope(self.url) as session:
            row = session.get(WebchatReply, key)
            if row is not None and row.state == DONE:
                return Claim(REPLAY, key, row.reply)
            return Claim(BUSY, key)

    def complete(self, key: str, reply: dict[str, Any]) -> None:
        with session_scope(self.url) as session:
            session.execute(
                update(WebchatReply)
                .where(WebchatReply.key == key)
                .values(state=DONE, reply=reply)
                .execution_options(synchronize_session=False)
            )

    def release(self, key: str) -> None:
        """Processing failed before the assistant answered: let the page's retry run it."""
        with session_scope(self.url) as session:
            session.execute(
                delete(WebchatReply).where(
                    WebchatReply.key == key, WebchatReply.state == PROCESSING
                )
            )

    def purge(self, before: datetime) -> int:
        """Retention: stored replies older than ``before`` serve no purpose."""
        with session_scope(self.url) as session:
            result = session.execute(delete(WebchatReply).where(WebchatReply.created_at < before))
            return result.rowcount or 0

    def _maybe_purge(self, now: datetime) -> None:
        if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
            self._purged_at = now
            self.purge(now - KEEP)
