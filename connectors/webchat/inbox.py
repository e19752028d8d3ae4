"""The web chat resident's inbox: news about their handover, fetched by the chat page.

A web chat resident left no number we may text, so when an organisation accepts the case the
"who contacts you, by when" message waits in ``resident_message`` (bot.handover) until the page
asks. The handover table does not store who the resident is; the link is recomputed from the
conversation: a handover's idempotency key is derived from the sender and the intake id, and
the intake ids are in the conversation's own history. So only the page that held the
conversation can read its inbox, and nothing new about the resident is stored.

Messages are marked read only when the page acknowledges them (it shows them first), so a
reply lost on the way is fetched again, and one shown is never shown twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.handover.delivery.content import INBOX, resident_channel
from bot.handover.delivery.notices import mark_resident_messages_read, pending_resident_messages
from bot.handover.models import Handover, ResidentMessage
from bot.handover.service import idempotency_key

INTAKE_SLOT = "intake_id"


def intake_ids(sender: str, events: Iterable[dict[str, Any]]) -> set[str]:
    """Every intake id the conversation used (the sender itself is the fallback id)."""
    found = {sender}
    for event in events:
        if event.get("event") == "slot" and event.get("name") == INTAKE_SLOT and event.get("value"):
            found.add(str(event["value"]))
    return found


def inbox_handovers(session: Session, sender: str, intakes: Iterable[str]) -> list[Handover]:
    """The conversation's handovers whose resident messages wait in the inbox."""
    keys = [idempotency_key(sender, intake) for intake in sorted(intakes)]
    handovers = session.execute(
        select(Handover).where(Handover.idempotency_key.in_(keys))
    ).scalars()
    return [handover for handover in handovers if resident_channel(handover) == INBOX]


def fetch_inbox(
    session: Session, sender: str, events: Iterable[dict[str, Any]], ack: Sequence[int]
) -> list[dict[str, Any]]:
    """Mark the acknowledged messages read, then return the ones still waiting."""
    handover_ids = [h.id for h in inbox_handovers(session, sender, intake_ids(sender, events))]
    if not handover_ids:
        return []
    if ack:
        own = session.execute(
            select(ResidentMessage.id).where(
                ResidentMessage.id.in_(list(ack)),
                ResidentMessage.handover_id.in_(handover_ids),
            )
        ).scalars()
        mark_resident_messages_read(session, list(own))
    waiting = [
        message
        for handover_id in handover_ids
        for message in pending_resident_messages(session, handover_id)
    ]
    waiting.sort(key=lambda message: (message.created_at, message.id))
    return [
        {"id": message.id, "text": message.text, "language": message.language}
        for message in waiting
    ]
