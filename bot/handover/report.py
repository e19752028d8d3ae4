"""The simple figures coordinators ask for, and the gaps in delivery.

Counts by status, overdue cases, urgent cases with contact within the 3 working days of the
Wgs, time to first contact, split by municipality, language and channel. Deliberately no
ranking of "residents helped per organisation": that rewards holding on to cases.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.handover.delivery.escalation import NO_CONTACT_YET
from bot.handover.models import Handover, HandoverEscalation, HandoverStatusEvent, OutboxMessage
from bot.handover.outbox import as_utc
from bot.handover.status import STATUSES
from bot.storage.base import utcnow

SPLITS = ("municipality_code", "language", "channel")


@dataclass
class Counts:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    overdue: int = 0

    def add(self, status: str, overdue: bool) -> None:
        self.total += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        self.overdue += overdue


@dataclass
class UrgentFigures:
    total: int = 0
    contacted_in_time: int = 0
    contacted_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    # Declined or unreachable without contact: handled, but not "contact made".
    ended_without_contact: int = 0


@dataclass
class Report:
    generated_at: datetime
    since: datetime | None
    all: Counts = field(default_factory=Counts)
    urgent: UrgentFigures = field(default_factory=UrgentFigures)
    median_hours_to_first_contact: float | None = None
    escalated: int = 0
    splits: dict[str, dict[str, Counts]] = field(default_factory=dict)
    undelivered: int = 0
    waiting_for_settings: int = 0
    failing: int = 0

    def as_dict(self) -> dict:
        def counts(value: Counts) -> dict:
            return {"total": value.total, "overdue": value.overdue, **value.by_status}

        return {
            "generated_at": self.generated_at.isoformat(),
            "since": self.since.isoformat() if self.since else None,
            "handovers": counts(self.all),
            "urgent": vars(self.urgent).copy(),
            "median_hours_to_first_contact": self.median_hours_to_first_contact,
            "escalated": self.escalated,
            "by": {
                split: {key: counts(value) for key, value in sorted(groups.items())}
                for split, groups in self.splits.items()
            },
            "delivery": {
                "undelivered": self.undelivered,
                "waiting_for_settings": self.waiting_for_settings,
                "failing": self.failing,
            },
        }


def build_report(
    session: Session, now: datetime | None = None, since: datetime | None = None
) -> Report:
    now = now or utcnow()
    report = Report(generated_at=now, since=since, splits={split: {} for split in SPLITS})
    query = select(Handover)
    if since is not None:
        query = query.where(Handover.created_at >= since)
    handovers = list(session.execute(query).scalars())
    first_contact = _first_contact_times(session)
    hours_to_contact: list[float] = []
    for handover in handovers:
        overdue = handover.status in NO_CONTACT_YET and as_utc(handover.due_at) < now
        report.all.add(handover.status, overdue)
        for split in SPLITS:
            key = getattr(handover, split)
            report.splits[split].setdefault(key, Counts()).add(handover.status, overdue)
        contacted_at = first_contact.get(handover.id)
        if contacted_at is not None:
            delta = as_utc(contacted_at) - as_utc(handover.created_at)
            hours_to_contact.append(delta.total_seconds() / 3600)
        if handover.urgent:
            _count_urgent(report.urgent, handover, contacted_at, now)
    if hours_to_contact:
        report.median_hours_to_first_contact = round(statistics.median(hours_to_contact), 1)
    ids = {handover.id for handover in handovers}
    escalated = session.execute(select(HandoverEscalation.handover_id)).scalars()
    report.escalated = sum(1 for handover_id in escalated if handover_id in ids)
    _count_delivery(session, report)
    return report


def _first_contact_times(session: Session) -> dict[str, datetime]:
    rows = session.execute(
        select(HandoverStatusEvent.handover_id, func.min(HandoverStatusEvent.at))
        .where(HandoverStatusEvent.status == "contacted")
        .group_by(HandoverStatusEvent.handover_id)
    )
    return {handover_id: at for handover_id, at in rows}


def _count_urgent(
    figures: UrgentFigures, handover: Handover, contacted_at: datetime | None, now: datetime
) -> None:
    """Urgent due dates are the end of the 3rd working day, so "in time" is "by due_at"."""
    figures.total += 1
    due = as_utc(handover.due_at)
    if contacted_at is not None:
        if as_utc(contacted_at) <= due:
            figures.contacted_in_time += 1
        else:
            figures.contacted_late += 1
    elif handover.status in NO_CONTACT_YET:
        if due < now:
            figures.open_overdue += 1
        else:
            figures.open_in_time += 1
    else:
        figures.ended_without_contact += 1


def _count_delivery(session: Session, report: Report) -> None:
    pending = session.execute(
        select(OutboxMessage.last_error, OutboxMessage.attempts).where(
            OutboxMessage.state == "pending"
        )
    ).all()
    report.undelivered = len(pending)
    report.waiting_for_settings = sum(1 for error, _ in pending if error.startswith("waiting:"))
    report.failing = sum(
        1 for error, attempts in pending if attempts and error and not error.startswith("waiting:")
    )


def format_report(report: Report) -> str:
    """The report as plain text for the terminal."""
    since = f" since {report.since.date().isoformat()}" if report.since else ""
    lines = [f"Handovers{since}"]
    lines.append(_counts_line("all", report.all))
    urgent = report.urgent
    lines.append(
        f"urgent: {urgent.total}, contact within 3 working days {urgent.contacted_in_time}, "
        f"late {urgent.contacted_late}, open in time {urgent.open_in_time}, "
        f"open overdue {urgent.open_overdue}, ended without contact {urgent.ended_without_contact}"
    )
    median = report.median_hours_to_first_contact
    lines.append(
        "median time to first contact: "
        + (f"{median} hours" if median is not None else "no contact reported yet")
    )
    lines.append(f"escalated to coordinators: {report.escalated}")
    labels = {"municipality_code": "municipality", "language": "language", "channel": "channel"}
    for split, groups in report.splits.items():
        lines.append(f"\nby {labels[split]}:")
        lines.extend(_counts_line(key, value) for key, value in sorted(groups.items()))
    lines.append(
        f"\ndelivery: {report.undelivered} undelivered "
        f"({report.waiting_for_settings} waiting for delivery settings, "
        f"{report.failing} failing and retrying)"
    )
    if report.undelivered:
        lines.append("  details: wegwijs handover list --undelivered")
    return "\n".join(lines)


def _counts_line(name: str, counts: Counts) -> str:
    statuses = " ".join(f"{status}={count}" for status, count in counts.by_status.items() if count)
    return f"  {name:<12} total={counts.total} overdue={counts.overdue} {statuses}".rstrip()
