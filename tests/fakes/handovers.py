"""Handovers for tests, made through the real service (so the outbox row is there too)."""

from __future__ import annotations

import uuid

from bot.handover.models import Handover
from bot.handover.service import HandoverRequest, create_handover
from bot.intake.triage import Route
from bot.storage.db import session_scope


def handover_request(**changes: object) -> HandoverRequest:
    fields: dict[str, object] = dict(
        conversation_id=f"conversation-{uuid.uuid4().hex}",
        intake_id="intake-1",
        channel="web",
        language="nl",
        municipality_code="GM0344",
        route=Route.VOLUNTEER,
        route_reason="debts or arrears without signs of problem debts",
        organization_id="org-1",
        service_id="svc-1",
        receiver_name="Thuisadministratie Utrecht",
        contact_method="phone",
        contact_value="+31612345678",
        consent_given=True,
        summary="Ik heb achterstand met de huur en de energie.",
    )
    fields.update(changes)
    return HandoverRequest(**fields)  # type: ignore[arg-type]


def make_handover(url: str, **changes: object) -> str:
    """Create a handover (and its outbox row) in one transaction; returns its id."""
    with session_scope(url) as session:
        handover, _ = create_handover(session, handover_request(**changes))
        return handover.id


def load(url: str, handover_id: str) -> Handover:
    with session_scope(url) as session:
        return session.get(Handover, handover_id)
