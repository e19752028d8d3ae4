"""The JSON form of a handover: one shape for the API and for webhook deliveries.

Field names are a contract partners integrate on; add fields, never rename. ``contact`` is
only ever put in for the organisation the case was handed to.
"""

from __future__ import annotations

from datetime import datetime

from bot.handover.models import Handover
from bot.handover.outbox import as_utc
from bot.privacy.sealing import unseal

FIELDS = (
    "id",
    "created_at",
    "channel",
    "language",
    "municipality_code",
    "route",
    "urgent",
    "threats",
    "organization_id",
    "service_id",
    "status",
    "due_at",
    "contact_method",
    "summary",
    "referrer",
    "consent",
)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with an explicit offset."""
    return as_utc(moment).isoformat()


def handover_document(handover: Handover, *, include_contact: bool) -> dict:
    referrer = None
    if handover.referrer_ambassador_id or handover.referrer_meeting_code:
        referrer = {
            "ambassador_id": handover.referrer_ambassador_id,
            "meeting_code": handover.referrer_meeting_code,
        }
    document = {
        "id": handover.id,
        "created_at": iso(handover.created_at),
        "channel": handover.channel,
        "language": handover.language,
        "municipality_code": handover.municipality_code,
        "route": handover.route,
        "urgent": bool(handover.urgent),
        "threats": list(handover.threats or []),
        "organization_id": handover.organization_id,
        "service_id": handover.service_id,
        "status": handover.status,
        "due_at": iso(handover.due_at),
        "contact_method": handover.contact_method,
        "summary": handover.summary,
        "referrer": referrer,
        "consent": {
            "given_at": iso(handover.consent_given_at),
            "text_version": handover.consent_text_version,
        },
    }
    if include_contact:
        document["contact"] = {
            "method": handover.contact_method,
            "value": unseal(handover.contact_encrypted),
        }
    return document
