"""Overdue cases go to the coordinator once; reports and the CLI show what is still owed."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.cli.main import main as wegwijs
from bot.handover.delivery.notices import pending_ambassador_notifications
from bot.handover.delivery.senders import Senders
from bot.handover.models import (
    Handover,
    HandoverEscalation,
    HandoverStatusEvent,
    OutboxMessage,
)
from bot.handover.outbox import COORDINATOR, ESCALATION, OutboxSettings
from bot.handover.report import build_report
from bot.handover.status import change_status
from bot.handover.worker import Worker
from bot.intake.triage import Route
from bot.storage.base import utcnow
from bot.storage.db import session_scope
from tests.fakes.handovers import make_handover


def _set_due(url: str, handover_id: str, delta: timedelta) -> None:
    with session_scope(url) as session:
        session.execute(
            update(Handover).where(Handover.id == handover_id).values(due_at=utcnow() + delta)
        )


def _advance(url: str, handover_id: str, *statuses: str) -> None:
    for status in statuses:
        with session_scope(url) as session:
            change_status(session, session.get(Handover, handover_id), status, actor="org-1")


async def test_an_overdue_case_is_escalated_once_and_waits_visibly_for_settings(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    overdue = make_handover(db_url, route=Route.URGENT, referrer_ambassador_id="amb-1")
    _set_due(db_url, overdue, timedelta(hours=-1))
    contacted = make_handover(db_url)
    _advance(db_url, contacted, "accepted", "contacted")
    _set_due(db_url, contacted, timedelta(hours=-1))
    not_yet = make_handover(db_url)

    async with Senders() as senders:
        worker = Worker(db_url, senders, OutboxSettings(), interval=0.01)
        first = await worker.run_once()
        second = await worker.run_once()
    assert (first.escalated, second.escalated) == (1, 0)
    # Nobody has delivery settings: the three cases and the escalation all wait.
    assert first.waiting == 4 and first.claimed == 0

    with session_scope(db_url) as session:
        [escalation] = session.execute(select(HandoverEscalation)).scalars()
        assert (escalation.handover_id, escalation.status_at_escalation) == (overdue, "new")
        [row] = session.execute(
            select(OutboxMessage).where(OutboxMessage.kind == ESCALATION)
        ).scalars()
        assert (row.recipient_kind, row.recipient_id) == (COORDINATOR, "GM0344")
        assert row.last_error.startswith("waiting: no delivery settings for coordinator GM0344")
        assert row.attempts == 0
        assert [n.status for n in pending_ambassador_notifications(session, "amb-1")] == ["overdue"]
        report = build_report(session)
    assert report.all.total == 3 and report.all.overdue == 1
    assert report.escalated == 1
    assert report.urgent.total == 1 and report.urgent.open_overdue == 1
    assert report.undelivered == 4 and report.waiting_for_settings == 4
    assert not_yet in {row.handover_id for row in _pending(db_url)}

    monkeypatch.setenv("WEGWIJS_DATABASE_URL", db_url)
    assert wegwijs(["handover", "list", "--undelivered"]) == 0
    listed = capsys.readouterr().out
    assert "to coordinator GM0344" in listed and "wegwijs delivery set --coordinator" in listed
    assert "4 undelivered" in listed
    assert wegwijs(["handover", "report", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["handovers"]["overdue"] == 1 and figures["escalated"] == 1
    assert figures["by"]["municipality_code"]["GM0344"]["total"] == 3
    assert figures["delivery"]["waiting_for_settings"] == 4
    assert wegwijs(["handover", "report"]) == 0
    assert "urgent: 1" in capsys.readouterr().out


def _pending(url: str) -> list[OutboxMessage]:
    with session_scope(url) as session:
        return list(
            session.execute(select(OutboxMessage).where(OutboxMessage.state == "pending")).scalars()
        )


def test_report_counts_urgent_contact_within_three_working_days(db_url: str) -> None:
    in_time = make_handover(db_url, route=Route.URGENT, language="tr", channel="whatsapp")
    late = make_handover(db_url, route=Route.URGENT, language="ar")
    declined = make_handover(db_url, route=Route.URGENT)
    _advance(db_url, in_time, "accepted", "contacted")
    _advance(db_url, late, "accepted", "contacted")
    with session_scope(db_url) as session:
        change_status(
            session, session.get(Handover, declined), "declined", actor="x", reason="elsewhere"
        )
        late_due = session.get(Handover, late).due_at
        session.execute(
            update(HandoverStatusEvent)
            .where(
                HandoverStatusEvent.handover_id == late, HandoverStatusEvent.status == "contacted"
            )
            .values(at=late_due + timedelta(hours=2))
        )
    with session_scope(db_url) as session:
        report = build_report(session)
    urgent = report.urgent
    assert (urgent.total, urgent.contacted_in_time, urgent.contacted_late) == (3, 1, 1)
    assert urgent.ended_without_contact == 1
    assert report.all.by_status["contacted"] == 2 and report.all.by_status["declined"] == 1
    assert report.splits["language"]["tr"].total == 1
    assert report.splits["channel"]["whatsapp"].by_status["contacted"] == 1
    assert report.median_hours_to_first_contact is not None
