"""A worker killed mid-delivery loses nothing, and nothing is delivered twice.

A real `wegwijs worker` process claims the case and is SIGKILLed while the receiver has not
answered yet. Its lease keeps other workers off until it expires; then another worker
delivers, and once the receiver acknowledged, no worker sends it again.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

from sqlalchemy import select

from bot.config import PROJECT_ROOT
from bot.handover.delivery.endpoints import set_endpoint
from bot.handover.delivery.senders import Senders
from bot.handover.models import OutboxMessage
from bot.handover.outbox import ORGANIZATION, OutboxSettings, as_utc
from bot.handover.worker import Worker
from bot.storage.base import utcnow
from bot.storage.db import session_scope
from tests.fakes.handovers import make_handover
from tests.fakes.webhook_receiver import WebhookReceiver

LEASE = 1.5


def _row(url: str) -> OutboxMessage:
    with session_scope(url) as session:
        return session.execute(select(OutboxMessage)).scalar_one()


async def test_a_killed_workers_claim_expires_and_the_case_is_delivered_once(db_url: str) -> None:
    hang = asyncio.Event()
    hang.set()
    receiver = await WebhookReceiver(hang=hang).start()
    with session_scope(db_url) as session:
        _endpoint, receiver.secret, _ = set_endpoint(
            session, ORGANIZATION, "org-1", "webhook", receiver.url
        )
    handover_id = make_handover(db_url)
    env = dict(
        os.environ,
        WEGWIJS_DATABASE_URL=db_url,
        WEGWIJS_OUTBOX_LEASE_SECONDS=str(LEASE),
        PYTHONUNBUFFERED="1",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "worker", "--interval", "0.05"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        await asyncio.wait_for(receiver.arrived.wait(), timeout=20)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        process.stdout.close()

    claimed = _row(db_url)
    assert claimed.state == "pending" and claimed.attempts == 1
    assert f":{process.pid}:" in claimed.locked_by
    assert as_utc(claimed.locked_until) > utcnow()
    hang.clear()

    settings = OutboxSettings(lease_seconds=LEASE, backoff_base_seconds=0.1, backoff_jitter=0)
    async with Senders(http_timeout=5) as senders:
        survivor = Worker(db_url, senders, settings)
        early = await survivor.run_once()
        assert early.claimed == 0  # the dead worker's lease still holds
        while as_utc(_row(db_url).locked_until) > utcnow():
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.05)
        late = await survivor.run_once()
        assert late.delivered == 1
        for _ in range(3):
            assert (await survivor.run_once()).claimed == 0
    await receiver.stop()

    assert receiver.acknowledged == [f"handover_created:{handover_id}"]
    delivered = _row(db_url)
    assert delivered.state == "delivered" and delivered.attempts == 2
    assert delivered.locked_by is None
