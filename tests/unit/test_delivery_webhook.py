"""Webhook delivery to a real receiver on loopback that is down, then failing, then fine."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest
from sqlalchemy import select

from bot.handover.delivery.endpoints import EndpointError, set_endpoint, validate_target
from bot.handover.delivery.senders import Senders
from bot.handover.delivery.webhook import signature, verify
from bot.handover.models import OutboxMessage
from bot.handover.outbox import ORGANIZATION, OutboxSettings
from bot.handover.worker import Worker
from bot.storage.db import session_scope
from tests.fakes.handovers import make_handover
from tests.fakes.net import free_port
from tests.fakes.webhook_receiver import WebhookReceiver

BASE = 0.2  # seconds: backoff 0.2, 0.4, 0.8 ...
FAST = OutboxSettings(lease_seconds=10, backoff_base_seconds=BASE, backoff_jitter=0)


async def _until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def _rows(url: str) -> list[OutboxMessage]:
    with session_scope(url) as session:
        return list(session.execute(select(OutboxMessage)).scalars())


async def test_a_receiver_that_is_down_then_failing_gets_the_case_exactly_once(
    db_url: str,
) -> None:
    port = free_port()
    with session_scope(db_url) as session:
        _endpoint, secret, _ = set_endpoint(
            session, ORGANIZATION, "org-1", "webhook", f"http://127.0.0.1:{port}/wegwijs"
        )
    handover_id = make_handover(db_url, contact_value="+31612345678")
    receiver = WebhookReceiver(secret=secret, fail_first=2, port=port)
    stop = asyncio.Event()
    async with Senders(http_timeout=5) as senders:
        worker = Worker(db_url, senders, FAST, interval=0.02)
        running = asyncio.create_task(worker.run(stop))
        # Attempt 1: nothing listens on the port (connection refused).
        await _until(lambda: _rows(db_url)[0].attempts == 1 and _rows(db_url)[0].last_error)
        refused_at = time.monotonic()
        assert "unreachable" in _rows(db_url)[0].last_error
        await receiver.start()
        try:
            # Attempts 2 and 3 get HTTP 503, attempt 4 is acknowledged.
            await _until(lambda: len(receiver.acknowledged) == 1)
            await asyncio.sleep(BASE * 2)  # a few more rounds: nothing more may arrive
        finally:
            stop.set()
            await running
            await receiver.stop()

    assert [request.status for request in receiver.requests] == [503, 503, 200]
    assert all(request.signature_ok for request in receiver.requests)
    assert {request.delivery_id for request in receiver.requests} == {
        f"handover_created:{handover_id}"
    }
    gaps = [b.at - a.at for a, b in itertools.pairwise(receiver.requests)]
    # The backoff after attempt n is BASE * 2 ** (n - 1): 0.4 s after 2, 0.8 s after 3.
    assert gaps[0] >= BASE * 2 - 0.02 and gaps[1] >= BASE * 4 - 0.02, gaps
    assert receiver.requests[0].at - refused_at < BASE * 2 + 1.0
    [row] = _rows(db_url)
    assert row.state == "delivered" and row.attempts == 4 and row.channel == "webhook"
    assert row.locked_by is None and row.delivered_at is not None

    body = receiver.requests[-1].body
    assert body["event"] == "handover.created"
    assert body["handover"]["id"] == handover_id
    assert body["handover"]["contact"] == {"method": "phone", "value": "+31612345678"}


def test_signatures_cover_timestamp_and_body_and_expire() -> None:
    signed = signature("s3cret", "1700000000", b'{"a":1}')
    assert signed.startswith("sha256=") and len(signed) == len("sha256=") + 64
    assert verify("s3cret", "1700000000", b'{"a":1}', signed, now=1700000100)
    assert not verify("s3cret", "1700000000", b'{"a":2}', signed, now=1700000100)
    assert not verify("other", "1700000000", b'{"a":1}', signed, now=1700000100)
    assert not verify("s3cret", "1700000000", b'{"a":1}', signed, now=1700009999)


@pytest.mark.parametrize(
    ("channel", "target", "error"),
    [
        ("webhook", "http://example.org/hook", "https"),
        ("webhook", "ftp://example.org", "http(s) URL"),
        ("email", "not-an-address", "e-mail"),
        ("sms", "12", "phone number"),
        ("fax", "+31301234567", "unknown channel"),
    ],
)
def test_unusable_delivery_settings_are_refused(channel: str, target: str, error: str) -> None:
    with pytest.raises(EndpointError, match=error.replace("(", r"\(").replace(")", r"\)")):
        validate_target(channel, target)
