"""Creating a handover: once, with consent, sealed contact details and a due date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import phonenumbers
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.handover.consent import consent_text_version
from bot.handover.models import Handover, HandoverStatusEvent
from bot.handover.outbox import enqueue_handover_created
from bot.intake.deadlines import due_date
from bot.intake.triage import Route
from bot.privacy.sealing import keyed_digest, seal
from bot.storage.base import utcnow
from bot.storage.db import session_scope

CHANNELS = frozenset({"web", "whatsapp", "sms", "ambassador"})
CONTACT_METHODS = frozenset({"phone", "whatsapp", "sms", "email"})


class HandoverError(ValueError):
    """The request cannot become a handover (no consent, bad field); nothing was stored."""


@dataclass(frozen=True)
class HandoverRequest:
    """Everything a completed intake passes on; the minimum DOMAIN.md lists, nothing more."""

    conversation_id: str
    intake_id: str
    channel: str
    language: str
    municipality_code: str
    route: Route
    route_reason: str
    organization_id: str
    service_id: str
    receiver_name: str
    contact_method: str
    contact_value: str
    consent_given: bool
    threats: tuple[str, ...] = ()
    summary: str = ""
    referrer_ambassador_id: str | None = None
    referrer_meeting_code: str | None = None
    consent_given_at: datetime = field(default_factory=utcnow)


def normalise_phone(text: str, region: str = "NL") -> str | None:
    """E.164 for a valid Dutch or international number, else None."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def idempotency_key(conversation_id: str, intake_id: str) -> str:
    """Same conversation and intake → same key, so retries never make a second handover."""
    return keyed_digest("handover", conversation_id, intake_id)


def create_handover(session: Session, request: HandoverRequest) -> tuple[Handover, bool]:
    """Store the handover (or find the one already stored); returns (handover, created)."""
    _check(request)
    key = idempotency_key(request.conversation_id, request.intake_id)
    existing = session.execute(
        select(Handover).where(Handover.idempotency_key == key)
    ).scalar_one_or_none()
    if existing is not None:
        return existing, False
    now = utcnow()
    handover = Handover(
        idempotency_key=key,
        created_at=now,
        channel=request.channel,
        language=request.language,
        municipality_code=request.municipality_code,
        route=Route(request.route).value,
        route_reason=request.route_reason,
        urgent=Route(request.route) is Route.URGENT,
        threats=sorted(set(request.threats)),
        organization_id=request.organization_id,
        service_id=request.service_id,
        receiver_name=request.receiver_name,
        status="new",
        due_at=due_date(request.route, now),
        contact_method=request.contact_method,
        contact_encrypted=seal(request.contact_value),
        summary=request.summary,
        referrer_ambassador_id=request.referrer_ambassador_id,
        referrer_meeting_code=request.referrer_meeting_code,
        consent_given_at=request.consent_given_at,
        consent_text_version=consent_text_version(request.language),
    )
    session.add(handover)
    session.flush()
    session.add(HandoverStatusEvent(handover_id=handover.id, status="new", actor="wegwijs"))
    # Same transaction as the handover: it exists if and only if its delivery is owed.
    enqueue_handover_created(session, handover)
    return handover, True


def submit_handover(request: HandoverRequest, url: str | None = None) -> tuple[Handover, bool]:
    """Create the handover in its own transaction; a concurrent twin yields the stored one.

    Two deliveries of the same message can race past the existence check; the unique key then
    rejects the second insert and we return the first, so the caller always gets one handover.
    """
    try:
        with session_scope(url) as session:
            return create_handover(session, request)
    except IntegrityError:
        key = idempotency_key(request.conversation_id, request.intake_id)
        with session_scope(url) as session:
            stored = session.execute(
                select(Handover).where(Handover.idempotency_key == key)
            ).scalar_one()
            return stored, False


def _check(request: HandoverRequest) -> None:
    if not request.consent_given:
        raise HandoverError("no consent: nothing may be passed on")
    if request.channel not in CHANNELS:
        raise HandoverError(f"unknown channel {request.channel!r}")
    if request.contact_method not in CONTACT_METHODS:
        raise HandoverError(f"unknown contact method {request.contact_method!r}")
    if request.language not in {"nl", "tr", "ar"}:
        raise HandoverError(f"unsupported language {request.language!r}")
    if not request.contact_value.strip():
        raise HandoverError("no contact details")
