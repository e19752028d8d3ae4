"""E-mail over SMTP to a real (tiny) SMTP server on loopback: the case to the organisation,
an escalation to the coordinator (who never gets the resident's contact details)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from bot.handover.delivery.endpoints import set_endpoint
from bot.handover.delivery.senders import Senders
from bot.handover.delivery.settings import SmtpSettings
from bot.handover.models import Handover, OutboxMessage
from bot.handover.outbox import COORDINATOR, ORGANIZATION, OutboxSettings
from bot.handover.worker import Worker
from bot.intake.triage import Route
from bot.storage.base import utcnow
from bot.storage.db import session_scope
from tests.fakes.handovers import make_handover
from tests.fakes.smtp_sink import SmtpSink


async def test_case_and_escalation_are_mailed_to_the_right_people(db_url: str) -> None:
    sink = await SmtpSink().start()
    with session_scope(db_url) as session:
        set_endpoint(session, ORGANIZATION, "org-1", "email", "intake@humanitas.test")
        set_endpoint(session, COORDINATOR, "GM0344", "email", "schuldhulp@utrecht.test")
    handover_id = make_handover(
        db_url,
        route=Route.URGENT,
        threats=("eviction",),
        contact_value="+31612345678",
        summary="Brief van de deurwaarder: ontruiming op 2 december.",
    )
    with session_scope(db_url) as session:
        session.execute(
            update(Handover)
            .where(Handover.id == handover_id)
            .values(due_at=utcnow() - timedelta(hours=1))
        )
    smtp = SmtpSettings(
        host="127.0.0.1", port=sink.port, sender="wegwijs@gemeente.test", starttls=False
    )
    try:
        async with Senders(smtp=smtp) as senders:
            result = await Worker(db_url, senders, OutboxSettings()).run_once()
    finally:
        await sink.stop()

    assert (result.escalated, result.delivered, result.failed) == (1, 2, 0)
    by_recipient = {tuple(mail.rcpt_to): mail for mail in sink.mails}
    case = by_recipient[("intake@humanitas.test",)]
    assert case.mail_from == "wegwijs@gemeente.test"
    assert case.message["Subject"].startswith("Wegwijs: nieuwe aanmelding (SPOED")
    assert case.message["X-Wegwijs-Delivery"] == f"handover_created:{handover_id}"
    body = case.message.get_content()
    assert "+31612345678" in body and "ontruiming op 2 december" in body
    assert "Dreiging: eviction" in body

    escalation = by_recipient[("schuldhulp@utrecht.test",)]
    assert "zonder contact na de termijn (GM0344)" in escalation.message["Subject"]
    text = escalation.message.get_content()
    assert handover_id in text
    assert "+31612345678" not in text and "ontruiming" not in text
    with session_scope(db_url) as session:
        states = session.execute(select(OutboxMessage.state)).scalars().all()
        assert states == ["delivered", "delivered"]
