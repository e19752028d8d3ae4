"""SMS and WhatsApp through the real twilio client, against a fake Twilio API on loopback."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.handover.delivery.endpoints import set_endpoint
from bot.handover.delivery.senders import Senders
from bot.handover.delivery.settings import TwilioSettings
from bot.handover.models import Handover, OutboxMessage
from bot.handover.outbox import ORGANIZATION, OutboxSettings
from bot.handover.status import change_status
from bot.handover.worker import Worker
from bot.storage.db import session_scope
from tests.fakes.handovers import make_handover
from tests.fakes.twilio_api import FakeTwilio

SID, TOKEN = "AC0123456789abcdef0123456789abcdef", "twilio-auth-token"
SMS_FROM, WHATSAPP_FROM = "+3197010203040", "+14155238886"


async def test_organisation_sms_and_resident_whatsapp_go_through_twilio(db_url: str) -> None:
    twilio = await FakeTwilio(fail_first=1).start()
    with session_scope(db_url) as session:
        set_endpoint(session, ORGANIZATION, "org-1", "sms", "06 11111111")
    handover_id = make_handover(
        db_url,
        channel="whatsapp",
        language="tr",
        contact_value="+31612345678",
        receiver_name="SchuldHulpMaatje Utrecht",
    )
    with session_scope(db_url) as session:
        change_status(session, session.get(Handover, handover_id), "accepted", actor="org-1")

    settings = TwilioSettings(SID, TOKEN, SMS_FROM, WHATSAPP_FROM, api_url=twilio.url, timeout=5)
    outbox = OutboxSettings(backoff_base_seconds=0.05, backoff_jitter=0)
    try:
        async with Senders(twilio=settings) as senders:
            worker = Worker(db_url, senders, outbox)
            for _ in range(100):
                await worker.run_once()
                if len(twilio.messages) == 2:
                    break
                await asyncio.sleep(0.05)
            assert (await worker.run_once()).claimed == 0
    finally:
        await twilio.stop()

    assert twilio.requests == 3  # one HTTP 500, retried
    by_to = {message.to: message for message in twilio.messages}
    organisation = by_to["+31611111111"]
    assert organisation.from_ == SMS_FROM
    assert "Bel +31612345678" in organisation.body and "(taal: Turks)" in organisation.body
    resident = by_to["whatsapp:+31612345678"]
    assert resident.from_ == f"whatsapp:{WHATSAPP_FROM}"
    assert resident.body.startswith("İyi haber: SchuldHulpMaatje Utrecht başvurunuzu kabul etti.")
    for message in twilio.messages:
        assert message.auth == (SID, TOKEN) and message.account_sid == SID
    with session_scope(db_url) as session:
        rows = session.execute(select(OutboxMessage)).scalars().all()
        assert {(row.kind, row.state, row.channel) for row in rows} == {
            ("handover_created", "delivered", "sms"),
            ("resident_notice", "delivered", "whatsapp"),
        }
        assert sum(row.attempts for row in rows) == 3


async def test_without_twilio_settings_sms_deliveries_wait(db_url: str) -> None:
    handover_id = make_handover(db_url, channel="sms")
    with session_scope(db_url) as session:
        change_status(session, session.get(Handover, handover_id), "accepted", actor="org-1")
    async with Senders() as senders:
        result = await Worker(db_url, senders, OutboxSettings()).run_once()
    assert result.waiting == 2 and result.claimed == 0
    with session_scope(db_url) as session:
        notice = session.execute(
            select(OutboxMessage).where(OutboxMessage.kind == "resident_notice")
        ).scalar_one()
        assert notice.state == "pending" and "Twilio is not configured" in notice.last_error


def test_twilio_settings_come_from_the_channels_variables_and_stay_on_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "WEGWIJS_TWILIO_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    assert TwilioSettings.from_env() is None
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", TOKEN)
    monkeypatch.setenv("TWILIO_WHATSAPP_NUMBER", f"whatsapp:{WHATSAPP_FROM}")
    monkeypatch.setenv("WEGWIJS_TWILIO_API_BASE", "http://127.0.0.1:9")
    settings = TwilioSettings.from_env()
    assert settings.sender_for("whatsapp") == f"whatsapp:{WHATSAPP_FROM}"
    assert TOKEN not in repr(settings)
    monkeypatch.setenv("WEGWIJS_TWILIO_API_BASE", "https://evil.example")
    with pytest.raises(ValueError, match="loopback"):
        TwilioSettings.from_env()
