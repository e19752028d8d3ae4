"""Database access of the Twilio channel (synchronous; the channel runs it in a thread).

Why insert-first for MessageSids: Twilio retries a webhook it thinks failed, and two copies
can arrive at the same moment. Only the primary key decides who wins, so a check-then-insert
race cannot let a message through twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from bot.privacy.sealing import keyed_digest, seal, unseal
from bot.storage.base import utcnow
from bot.storage.db import session_scope
from connectors.twilio.models import CHANNELS, ChannelConversation, TwilioMessageSeen


def pseudonym_for(channel: str, number: str) -> str:
    """The Rasa sender_id of a resident: stable per channel and number, not reversible."""
    return keyed_digest("twilio", channel, number)


@dataclass(frozen=True)
class Conversation:
    """What the channel needs to know about a resident; ``number`` is unsealed in memory only."""

    pseudonym: str
    channel: str
    number: str
    language: str | None = None
    opted_out: bool = False
    offered_buttons: list[dict[str, Any]] = field(default_factory=list)


class TwilioStore:
    """Seen MessageSids and conversations, in the Wegwijs database (or ``url``)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url

    def claim_message(self, message_sid: str) -> bool:
        """True for the first delivery of ``message_sid``, False for every repeat."""
        try:
            with session_scope(self.url) as session:
                session.add(TwilioMessageSeen(message_sid=message_sid, received_at=utcnow()))
        except IntegrityError:
            return False
        return True

    def forget_seen_before(self, cutoff: datetime) -> int:
        """Retention: Twilio stops retrying within hours, old MessageSids serve no purpose."""
        with session_scope(self.url) as session:
            result = session.execute(
                delete(TwilioMessageSeen).where(TwilioMessageSeen.received_at < cutoff)
            )
            return result.rowcount or 0

    def open_conversation(self, channel: str, number: str) -> Conversation:
        """The resident's conversation, created (with the number sealed) on first contact."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        pseudonym = pseudonym_for(channel, number)
        existing = self.conversation(pseudonym)
        if existing is not None:
            return existing
        try:
            with session_scope(self.url) as session:
                now = utcnow()
                session.add(
                    ChannelConversation(
                        pseudonym=pseudonym,
                        channel=channel,
                        address_sealed=seal(number),
                        opted_out=False,
                        created_at=now,
                        updated_at=now,
                    )
                )
        except IntegrityError:
            pass  # created by a concurrent message of the same resident: read theirs
        found = self.conversation(pseudonym)
        if found is None:
            raise RuntimeError("conversation vanished right after it was created")
        return found

    def conversation(self, pseudonym: str) -> Conversation | None:
        """The conversation with its number unsealed, or None if we never heard from them."""
        with session_scope(self.url) as session:
            row = session.get(ChannelConversation, pseudonym)
            if row is None:
                return None
            return Conversation(
                pseudonym=row.pseudonym,
                channel=row.channel,
                number=unseal(row.address_sealed),
                language=row.language,
                opted_out=row.opted_out,
                offered_buttons=list(row.offered_buttons or []),
            )

    def take_offered_buttons(self, pseudonym: str) -> list[dict[str, Any]]:
        """The buttons of the last bot message, cleared: they answer only the next message."""
        with session_scope(self.url) as session:
            offered = session.execute(
                select(ChannelConversation.offered_buttons)
                .where(ChannelConversation.pseudonym == pseudonym)
                .with_for_update()
            ).scalar_one_or_none()
            if offered:
                self._update(session, pseudonym, offered_buttons=None)
            return list(offered or [])

    def remember_reply(
        self,
        pseudonym: str,
        *,
        language: str | None = None,
        buttons: list[dict[str, Any]] | None = None,
    ) -> None:
        """Keep the language the bot answered in and the buttons it offered (if any)."""
        values: dict[str, Any] = {}
        if language:
            values["language"] = language
        if buttons:
            values["offered_buttons"] = buttons
        if values:
            with session_scope(self.url) as session:
                self._update(session, pseudonym, **values)

    def set_opted_out(self, pseudonym: str, opted_out: bool) -> None:
        """STOP (True) or START (False); the moment of the opt-out is kept as evidence."""
        with session_scope(self.url) as session:
            self._update(
                session,
                pseudonym,
                opted_out=opted_out,
                opted_out_at=utcnow() if opted_out else None,
                offered_buttons=None,
            )

    def erase(self, pseudonym: str) -> bool:
        """Right to erasure: forget how to reach this resident."""
        with session_scope(self.url) as session:
            result = session.execute(
                delete(ChannelConversation).where(ChannelConversation.pseudonym == pseudonym)
            )
            return bool(result.rowcount)

    @staticmethod
    def _update(session: Any, pseudonym: str, **values: Any) -> None:
        session.execute(
            update(ChannelConversation)
            .where(ChannelConversation.pseudonym == pseudonym)
            .values(updated_at=utcnow(), **values)
        )
