"""The delivery worker: escalate overdue cases, deliver what the outbox owes, sleep, repeat.

It also applies the conversation retention limit (bot/privacy/retention.py) every
``PURGE_EVERY``, so the limit holds on any installation that runs the worker.

Each round has three short transactions and the sending in between:
1. claim: lease due rows (``locked_until``), count the attempt, render envelopes; commit;
2. send: outside any transaction, each send bounded well inside the lease;
3. settle: delivered (after the receiver's 2xx / 250 / 201), or failed with backoff.
A crash after 1 leaves leased rows that another worker takes once the lease runs out; a crash
after the receiver acknowledged but before 3 is the one window in which a message can be sent
twice, which is why every message carries a stable delivery id for the receiver to dedupe on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from bot.handover.delivery.content import prepare
from bot.handover.delivery.envelope import DeliveryError, Envelope, Waiting
from bot.handover.delivery.escalation import escalate, find_unescalated_overdue
from bot.handover.delivery.senders import Senders
from bot.handover.outbox import (
    OutboxSettings,
    claim_due,
    mark_delivered,
    mark_failed,
    record_failure,
    start_attempt,
    wait_for_settings,
)
from bot.privacy.retention import purge_conversations
from bot.storage.base import utcnow
from bot.storage.db import session_scope

log = logging.getLogger("wegwijs.worker")
# Share of the lease a single send may take, so a slow send never outlives its claim.
SEND_SHARE_OF_LEASE = 0.8
PURGE_EVERY = timedelta(hours=6)
PURGE_RETRY = timedelta(minutes=10)


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class RoundResult:
    escalated: int = 0
    claimed: int = 0
    delivered: int = 0
    failed: int = 0
    waiting: int = 0
    purged: int = 0
    """Conversations deleted by the retention limit in this round."""


class Worker:
    def __init__(
        self,
        database_url: str,
        senders: Senders,
        settings: OutboxSettings | None = None,
        *,
        interval: float = 5.0,
        heartbeat: Path | None = None,
        worker_id: str | None = None,
        retention: timedelta | None = None,
    ) -> None:
        self.database_url = database_url
        self.senders = senders
        self.settings = settings or OutboxSettings.from_env()
        self.interval = interval
        self.heartbeat = heartbeat
        self.worker_id = worker_id or new_worker_id()
        self.retention = retention
        self._next_purge: datetime | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Rounds until ``stop`` is set; a failing round (database down) is logged and retried."""
        log.info("worker %s started", self.worker_id)
        while not stop.is_set():
            busy = False
            try:
                result = await self.run_once()
                busy = result.claimed >= self.settings.batch_size
            except Exception:
                log.exception("delivery round failed; trying again in %.0fs", self.interval)
            self.beat()
            if busy:
                continue
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.interval)
        log.info("worker %s stopped", self.worker_id)

    async def run_once(self) -> RoundResult:
        result = RoundResult()
        result.escalated = await asyncio.to_thread(self._escalate_overdue)
        envelopes, result.waiting = await asyncio.to_thread(self._claim)
        result.claimed = len(envelopes)
        outcomes = await asyncio.gather(*(self._deliver(envelope) for envelope in envelopes))
        result.delivered = sum(outcomes)
        result.failed = len(outcomes) - result.delivered
        result.purged = await asyncio.to_thread(self._purge_if_due)
        return result

    def _purge_if_due(self) -> int:
        """Apply the retention limit on the first round, then every ``PURGE_EVERY``.

        A failing purge must not stop deliveries: it is logged and tried again after
        ``PURGE_RETRY``, not on every round.
        """
        now = utcnow()
        if self.retention is None or (self._next_purge is not None and now < self._next_purge):
            return 0
        try:
            result = purge_conversations(self.database_url, self.retention, now)
        except Exception:
            log.exception("retention purge failed; trying again in %s", PURGE_RETRY)
            self._next_purge = now + PURGE_RETRY
            return 0
        self._next_purge = now + PURGE_EVERY
        if result.conversations:
            log.info(
                "retention: deleted %d conversations (%d events) quiet for more than %s",
                result.conversations,
                result.events,
                self.retention,
            )
        return result.conversations

    def beat(self) -> None:
        """Touch the heartbeat file: how a supervisor sees this worker is alive and looping."""
        if self.heartbeat is None:
            return
        temporary = self.heartbeat.with_suffix(".tmp")
        temporary.write_text(f"{utcnow().isoformat()} {self.worker_id}\n")
        temporary.replace(self.heartbeat)

    def _escalate_overdue(self) -> int:
        now = utcnow()
        with session_scope(self.database_url) as session:
            overdue = find_unescalated_overdue(session, now)
        escalated = 0
        for handover_id in overdue:
            try:
                with session_scope(self.database_url) as session:
                    escalated += escalate(session, handover_id, now)
            except IntegrityError:
                continue  # another worker escalated it a moment ago
            log.warning("handover %s is overdue without contact: escalated", handover_id)
        return escalated

    def _claim(self) -> tuple[list[Envelope], int]:
        envelopes: list[Envelope] = []
        waiting = 0
        with session_scope(self.database_url) as session:
            now = utcnow()
            for message in claim_due(session, self.worker_id, self.settings, now):
                try:
                    prepared = prepare(session, message, self.senders.unavailable)
                except Exception as error:  # one unrenderable row must not block the rest
                    log.exception("outbox #%s cannot be rendered", message.id)
                    start_attempt(message, message.channel or "", now)
                    record_failure(message, f"cannot render: {error!r}", self.settings, now)
                    continue
                if isinstance(prepared, Waiting):
                    wait_for_settings(message, prepared.reason, self.settings, now)
                    waiting += 1
                    continue
                start_attempt(message, prepared.channel, now)
                envelopes.append(prepared)
        return envelopes, waiting

    async def _deliver(self, envelope: Envelope) -> bool:
        budget = self.settings.lease_seconds * SEND_SHARE_OF_LEASE
        try:
            receipt = await asyncio.wait_for(self.senders.send(envelope), timeout=budget)
        except (DeliveryError, asyncio.TimeoutError) as error:
            reason = str(error) or f"no acknowledgement within {budget:.0f}s"
            await asyncio.to_thread(self._settle_failure, envelope, reason)
            return False
        except Exception as error:  # a bug in a sender: record it, keep the worker alive
            log.exception("outbox #%s: unexpected error", envelope.message_id)
            await asyncio.to_thread(self._settle_failure, envelope, repr(error))
            return False
        await asyncio.to_thread(self._settle_delivered, envelope, receipt)
        return True

    def _settle_delivered(self, envelope: Envelope, receipt: str) -> None:
        with session_scope(self.database_url) as session:
            mark_delivered(session, envelope.message_id)
        log.info(
            "outbox #%s delivered (%s via %s): %s",
            envelope.message_id,
            envelope.event,
            envelope.channel,
            receipt,
        )

    def _settle_failure(self, envelope: Envelope, reason: str) -> None:
        with session_scope(self.database_url) as session:
            mark_failed(session, envelope.message_id, self.worker_id, reason, self.settings)
        log.warning(
            "outbox #%s not delivered (%s via %s): %s",
            envelope.message_id,
            envelope.event,
            envelope.channel,
            reason,
        )
