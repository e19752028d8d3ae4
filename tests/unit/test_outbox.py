"""The transactional outbox on SQLite and PostgreSQL: written with the handover, leased,
settled once, backed off, and never silently dropped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.handover.delivery.endpoints import set_endpoint
from bot.handover.models import Handover, OutboxMessage
from bot.handover.outbox import (
    HANDOVER_CREATED,
    ORGANIZATION,
    OutboxSettings,
    claim_due,
    enqueue_handover_created,
    mark_delivered,
    mark_failed,
    undelivered,
)
from bot.handover.service import create_handover
from bot.storage.base import utcnow
from bot.storage.db import session_scope
from tests.fakes.handovers import handover_request, make_handover

SETTINGS = OutboxSettings(lease_seconds=60, backoff_base_seconds=10, backoff_jitter=0)


def _rows(url: str) -> list[OutboxMessage]:
    with session_scope(url) as session:
        return list(session.execute(select(OutboxMessage)).scalars())


def test_the_outbox_row_is_written_once_in_the_handovers_own_transaction(db_url: str) -> None:
    handover_id = make_handover(db_url)
    [row] = _rows(db_url)
    assert (row.handover_id, row.kind, row.recipient_kind, row.recipient_id) == (
        handover_id,
        HANDOVER_CREATED,
        ORGANIZATION,
        "org-1",
    )
    assert row.state == "pending" and row.attempts == 0
    # No contact details in the outbox: they are rendered from the sealed handover on sending.
    assert "+316" not in repr(row.payload)
    with session_scope(db_url) as session:
        enqueue_handover_created(session, session.get(Handover, handover_id))
    assert len(_rows(db_url)) == 1, "the same cause is enqueued once"

    class BoomError(Exception):
        pass

    with pytest.raises(BoomError), session_scope(db_url) as session:
        create_handover(session, handover_request(conversation_id="rolled-back"))
        raise BoomError
    with session_scope(db_url) as session:
        assert session.execute(select(func.count()).select_from(Handover)).scalar_one() == 1
    assert len(_rows(db_url)) == 1


def test_a_leased_row_is_not_claimed_again_until_the_lease_runs_out(db_url: str) -> None:
    make_handover(db_url)
    now = utcnow()
    with session_scope(db_url) as session:
        [first] = claim_due(session, "worker-a", SETTINGS, now)
        first_id = first.id
    with session_scope(db_url) as session:
        assert claim_due(session, "worker-b", SETTINGS, now + timedelta(seconds=59)) == []
    with session_scope(db_url) as session:
        [again] = claim_due(session, "worker-b", SETTINGS, now + timedelta(seconds=61))
        assert (again.id, again.locked_by) == (first_id, "worker-b")
    # The crashed worker's late failure report must not undo worker-b's claim.
    with session_scope(db_url) as session:
        assert not mark_failed(session, first_id, "worker-a", "late", SETTINGS)
    with session_scope(db_url) as session:
        assert mark_delivered(session, first_id)
        assert not mark_delivered(session, first_id)
    with session_scope(db_url) as session:
        assert claim_due(session, "worker-c", SETTINGS, now + timedelta(days=1)) == []
        assert undelivered(session) == []


def test_a_failure_backs_off_exponentially(db_url: str) -> None:
    make_handover(db_url)
    now = utcnow()
    with session_scope(db_url) as session:
        [row] = claim_due(session, "w", SETTINGS, now)
        row.attempts = 3
        row_id = row.id
    with session_scope(db_url) as session:
        assert mark_failed(session, row_id, "w", "HTTP 503", SETTINGS, now)
    [row] = _rows(db_url)
    assert row.last_error == "HTTP 503" and row.locked_by is None
    delay = row.next_attempt_at.replace(tzinfo=None) - now.replace(tzinfo=None)
    assert delay == timedelta(seconds=40)  # 10 s * 2 ** (3 - 1)
    with session_scope(db_url) as session:
        assert claim_due(session, "w", SETTINGS, now + timedelta(seconds=39)) == []


def test_backoff_doubles_and_is_capped() -> None:
    settings = OutboxSettings(backoff_base_seconds=30, backoff_max_seconds=300, backoff_jitter=0)
    delays = [settings.backoff(attempt).total_seconds() for attempt in range(1, 7)]
    assert delays == [30, 60, 120, 240, 300, 300]
    jittered = OutboxSettings(backoff_base_seconds=30, backoff_jitter=0.1).backoff(1)
    assert 30 <= jittered.total_seconds() <= 33


def test_two_workers_never_hold_the_same_row(db_url: str) -> None:
    for _ in range(5):
        make_handover(db_url)
    now = utcnow()
    small = OutboxSettings(batch_size=3)
    with session_scope(db_url) as session:
        first = {row.id for row in claim_due(session, "a", small, now)}
    with session_scope(db_url) as session:
        second = {row.id for row in claim_due(session, "b", small, now)}
    assert len(first) == 3 and len(second) == 2 and not first & second


def test_setting_delivery_settings_releases_waiting_rows(db_url: str) -> None:
    make_handover(db_url)
    later = utcnow() + timedelta(hours=1)
    with session_scope(db_url) as session:
        for row in session.execute(select(OutboxMessage)).scalars():
            row.next_attempt_at = later
            row.last_error = "waiting: no delivery settings"
    with session_scope(db_url) as session:
        _endpoint, secret, released = set_endpoint(
            session, ORGANIZATION, "org-1", "webhook", "https://example.org/hook"
        )
    assert released == 1 and secret
    with session_scope(db_url) as session:
        assert len(claim_due(session, "w", SETTINGS)) == 1
