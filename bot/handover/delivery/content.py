"""Turns a claimed outbox row into an envelope: whom, over which channel, saying what.

Rendering happens at delivery time, in memory: the outbox stores no contact details, and a
message to a resident is only unsealed the moment it is sent.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.api.views import handover_document, iso
from bot.handover.delivery.endpoints import endpoint_secret, get_endpoint
from bot.handover.delivery.envelope import Envelope, Waiting
from bot.handover.delivery.texts import dutch_moment, label, resident_accepted, text, word
from bot.handover.models import Handover, HandoverEscalation, OutboxMessage
from bot.handover.outbox import (
    ESCALATION,
    HANDOVER_CREATED,
    ORGANIZATION,
    RESIDENT,
    RESIDENT_NOTICE,
)
from bot.privacy.sealing import unseal
from bot.storage.base import utcnow

EVENTS = {
    HANDOVER_CREATED: "handover.created",
    ESCALATION: "handover.escalated",
    RESIDENT_NOTICE: "resident.notice",
}
INBOX = "inbox"


def resident_channel(handover: Handover) -> str:
    """The resident's own channel: where they talked to us, else how they want contact."""
    if handover.channel in {"sms", "whatsapp"}:
        return handover.channel
    if handover.channel == "ambassador":
        return {"whatsapp": "whatsapp", "email": "email"}.get(handover.contact_method, "sms")
    return INBOX


def prepare(
    session: Session, message: OutboxMessage, unavailable: Callable[[str], str | None]
) -> Envelope | Waiting:
    """The envelope for ``message``, or why it has to wait (nothing configured to send it)."""
    handover = session.get(Handover, message.handover_id)
    if message.recipient_kind == RESIDENT:
        channel, target, secret = resident_channel(handover), None, None
    else:
        endpoint = get_endpoint(session, message.recipient_kind, message.recipient_id)
        if endpoint is None:
            flag = "--org" if message.recipient_kind == ORGANIZATION else "--coordinator"
            return Waiting(
                f"no delivery settings for {message.recipient_kind} {message.recipient_id} "
                f"(wegwijs delivery set {flag} {message.recipient_id} ...)"
            )
        channel, target, secret = endpoint.channel, endpoint.target, endpoint_secret(endpoint)
    reason = unavailable(channel)
    if reason:
        return Waiting(reason)
    if target is None:
        target = unseal(handover.contact_encrypted)
    subject, body, document = _render(session, message, handover, channel)
    return Envelope(
        message_id=message.id,
        delivery_id=message.dedupe_key,
        event=EVENTS[message.kind],
        channel=channel,
        target=target,
        subject=subject,
        text=body,
        document=document,
        secret=secret,
    )


def _render(
    session: Session, message: OutboxMessage, handover: Handover, channel: str
) -> tuple[str, str, dict]:
    short = "sms" if channel in {"sms", "whatsapp"} else "body"
    if message.kind == RESIDENT_NOTICE:
        body = resident_accepted(handover.language, handover.receiver_name, handover.due_at)
        return "Wegwijs", body, {}
    values = _dutch_values(handover)
    if message.kind == HANDOVER_CREATED:
        document = _event(message, handover, include_contact=True)
        values["contact"] = document["handover"]["contact"]["value"]
        return (
            text("organization.new_handover.subject", **values),
            text(f"organization.new_handover.{short}", **values),
            document,
        )
    if message.kind == ESCALATION:
        escalation = session.execute(
            select(HandoverEscalation).where(HandoverEscalation.handover_id == handover.id)
        ).scalar_one()
        document = _event(message, handover, include_contact=False)
        document["escalation"] = {
            "escalated_at": iso(escalation.escalated_at),
            "status_at_escalation": escalation.status_at_escalation,
            "due_at": iso(escalation.due_at),
        }
        return (
            text("coordinator.escalation.subject", **values),
            text(f"coordinator.escalation.{short}", **values),
            document,
        )
    raise ValueError(f"unknown outbox kind {message.kind!r}")


def _event(message: OutboxMessage, handover: Handover, *, include_contact: bool) -> dict:
    return {
        "event": EVENTS[message.kind],
        "delivery_id": message.dedupe_key,
        "sent_at": iso(utcnow()),
        "handover": handover_document(handover, include_contact=include_contact),
    }


def _dutch_values(handover: Handover) -> dict[str, str]:
    """Everything the Dutch templates may use (coordinators' texts never get the contact)."""
    parts = []
    if handover.referrer_ambassador_id:
        parts.append(f"ambassadeur {handover.referrer_ambassador_id}")
    if handover.referrer_meeting_code:
        parts.append(f"bijeenkomst {handover.referrer_meeting_code}")
    referrer = "; ".join(parts)
    return {
        "handover_id": handover.id,
        "short_id": handover.id[:8],
        "receiver": handover.receiver_name,
        "due": dutch_moment(handover.due_at),
        "created": dutch_moment(handover.created_at),
        "language": label("languages", handover.language),
        "municipality": handover.municipality_code,
        "route": label("routes", handover.route),
        "urgent_mark": word("urgent_mark") if handover.urgent else "",
        "threats": ", ".join(handover.threats or []) or word("none"),
        "summary": handover.summary or "-",
        "referrer": referrer or word("self_referred"),
        "status": label("statuses", handover.status),
        "contact_method": label("contact_methods", handover.contact_method),
        "consent_given_at": dutch_moment(handover.consent_given_at),
        "consent_text_version": handover.consent_text_version,
    }
