"""Retention: forget chat histories once nobody needs them any more (AVG storage limitation).

Why a limit: Rasa's tracker store keeps every message a resident typed, including what they
said about debts, health or self-harm. What a handover needs is copied into the handover
when it is made (summary, consent, sealed contact details), and a resident who comes back
after a while starts a new session anyway, so the raw conversation is only worth keeping
while it may still continue. After ``WEGWIJS_CONVERSATION_RETENTION_DAYS`` (default 30)
without a new event, every event of that conversation is deleted: a resident who returns
later starts afresh (Rasa runs ``action_session_start`` for a conversation without events).
The web chat inbox finds a handover through the conversation's intake ids
(connectors/webchat/inbox.py), so a web chat notice still unread by then is no longer shown
in the chat; it stays on the handover for the organisation. Report figures come from the
handover tables, not from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Column, Float, MetaData, String, Table, delete, func, inspect, select
from sqlalchemy.sql import Select

from bot.storage.db import session_scope

DEFAULT_RETENTION_DAYS = 30
BATCH = 500
"""Conversations per delete statement and transaction: a short lock, a bounded IN list."""

# Only the columns this module needs of Rasa's table (rasa.core.tracker_store.SQLEvent).
EVENTS = Table(
    "events",
    MetaData(),
    Column("sender_id", String),
    Column("timestamp", Float),
)


@dataclass(frozen=True)
class PurgeResult:
    conversations: int = 0
    events: int = 0


def parse_days(raw: str, what: str = "WEGWIJS_CONVERSATION_RETENTION_DAYS") -> int:
    """A retention limit in whole days, at least 1; a clear ValueError naming ``what``."""
    try:
        days = int(raw)
    except ValueError:
        raise ValueError(f"{what} must be a whole number of days, not {raw!r}") from None
    if days < 1:
        raise ValueError(f"{what} must be at least 1, not {days}")
    return days


def retention_days() -> int:
    """``WEGWIJS_CONVERSATION_RETENTION_DAYS``, default 30."""
    return parse_days(
        os.environ.get("WEGWIJS_CONVERSATION_RETENTION_DAYS", str(DEFAULT_RETENTION_DAYS))
    )


def _quiet_since(cutoff: float) -> Select:
    """Conversations whose newest event is older than ``cutoff`` (a Unix time, as Rasa stores)."""
    return (
        select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(func.max(EVENTS.c.timestamp) < cutoff)
    )


def purge_conversations(database_url: str, older_than: timedelta, now: datetime) -> PurgeResult:
    """Delete every event of the conversations with no event since ``now - older_than``.

    Each batch commits on its own. The delete checks again that a conversation is still
    quiet, so one that gets a message while the purge runs is left whole. (Rasa writes a
    tracker back only after handling a message, within seconds; a message arriving at that
    very moment for a 30-day-old conversation can write its history back once.) Before Rasa
    has stored its first conversation there is no table yet: nothing to do.
    """
    cutoff = (now - older_than).timestamp()
    with session_scope(database_url) as session:
        if not inspect(session.connection()).has_table(EVENTS.name):
            return PurgeResult()
        senders = list(session.execute(_quiet_since(cutoff)).scalars())
    conversations = events = 0
    for start in range(0, len(senders), BATCH):
        still_quiet = (
            EVENTS.c.sender_id.in_(senders[start : start + BATCH]),
            EVENTS.c.sender_id.in_(_quiet_since(cutoff)),
        )
        with session_scope(database_url) as session:
            conversations += session.execute(
                select(func.count(func.distinct(EVENTS.c.sender_id))).where(*still_quiet)
            ).scalar_one()
            events += session.execute(delete(EVENTS).where(*still_quiet)).rowcount
    return PurgeResult(conversations=conversations, events=events)
