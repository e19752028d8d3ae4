"""What coordinators need to keep the map alive: stale entries, coverage, and the gaps.

Figures stay simple on purpose (see DOMAIN.md): which entries to check, which municipalities
lack a desk or an urgent line, and which needs found no local service.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.geo import default_registry
from bot.socialmap import settings, vocab
from bot.socialmap.models import Gap, Service, ServiceArea


@dataclass(frozen=True)
class StaleEntry:
    service_id: str
    service_name: str
    municipalities: str
    last_verified_at: str
    days: int
    verified_by: str
    expired: bool  # no longer offered


@dataclass(frozen=True)
class Coverage:
    municipality_code: str
    municipality_name: str
    services: int
    routes: dict[str, int]
    has_desk: bool
    has_urgent_line: bool


@dataclass(frozen=True)
class GapCount:
    municipality_code: str
    route: str
    need: str | None
    language: str
    reason: str
    count: int


@dataclass
class Report:
    today: str
    stale_days: int
    expire_days: int
    gaps_since: str
    services: int = 0
    national_services: int = 0
    examples: int = 0
    coverage: list[Coverage] = field(default_factory=list)
    stale: list[StaleEntry] = field(default_factory=list)
    gaps: list[GapCount] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def build_report(
    session: Session, *, today: date | None = None, since: date | None = None
) -> Report:
    """Everything the report shows; gaps are counted from ``since`` (default: 90 days)."""
    today = today or date.today()
    since = since or today - timedelta(days=90)
    stale_after, expire_after = settings.stale_days(), settings.expire_days()
    report = Report(today.isoformat(), stale_after, expire_after, since.isoformat())
    services = session.execute(
        select(
            Service.id,
            Service.name,
            Service.routes,
            Service.municipal_desk,
            Service.last_verified_at,
            Service.verified_by,
            Service.is_example,
        ).where(Service.status == "active")
    ).all()
    areas: dict[str, list[str]] = defaultdict(list)
    for service_id, code in session.execute(
        select(ServiceArea.service_id, ServiceArea.municipality_code)
    ):
        areas[service_id].append(code or "national")
    _coverage(report, services, areas)
    for service_id, name, _routes, _desk, verified, verified_by, _example in services:
        days = (today - verified).days
        if days > stale_after:
            entry = StaleEntry(
                service_id,
                name,
                ", ".join(sorted(areas[service_id])),
                verified.isoformat(),
                days,
                verified_by,
                days > expire_after,
            )
            report.stale.append(entry)
    report.stale.sort(key=lambda entry: (-entry.days, entry.service_id))
    start = datetime.combine(since, time(), tzinfo=timezone.utc)
    gap_rows = session.execute(
        select(Gap.municipality_code, Gap.route, Gap.need, Gap.language, Gap.reason, func.count())
        .where(Gap.at >= start)
        .group_by(Gap.municipality_code, Gap.route, Gap.need, Gap.language, Gap.reason)
    ).all()
    report.gaps = sorted(
        (GapCount(*row) for row in gap_rows), key=lambda g: (-g.count, g.municipality_code)
    )
    return report


def _coverage(report: Report, services: list, areas: dict[str, list[str]]) -> None:
    report.services = len(services)
    report.examples = sum(1 for row in services if row.is_example)
    per_code: dict[str, list] = defaultdict(list)
    for row in services:
        for code in areas[row.id]:
            per_code[code].append(row)
    report.national_services = len(per_code.pop("national", []))
    registry = default_registry()
    for code, rows in sorted(per_code.items()):
        municipality = registry.by_code(code)
        routes = Counter(route for row in rows for route in row.routes)
        report.coverage.append(
            Coverage(
                code,
                municipality.name if municipality else code,
                len(rows),
                {route: routes[route] for route in vocab.ROUTES},
                any(row.municipal_desk and "professional" in row.routes for row in rows),
                any(row.municipal_desk and "urgent" in row.routes for row in rows),
            )
        )


def render_text(report: Report) -> str:
    """The report as plain text for a terminal or an e-mail."""
    lines = [
        f"Social map report, {report.today}",
        f"{report.services} active services ({report.national_services} national, "
        f"{report.examples} examples); check after {report.stale_days} days, "
        f"no longer offered after {report.expire_days} days.",
        "",
        "Coverage per municipality:",
    ]
    for c in report.coverage:
        routes = ", ".join(f"{route} {n}" for route, n in c.routes.items())
        missing = [
            label
            for label, present in (("debt desk", c.has_desk), ("urgent line", c.has_urgent_line))
            if not present
        ]
        warning = f"  MISSING: {', '.join(missing)}" if missing else ""
        lines.append(
            f"  {c.municipality_code} {c.municipality_name}: {c.services} ({routes}){warning}"
        )
    if not report.coverage:
        lines.append("  (no local services)")
    lines += ["", f"To check (not verified for more than {report.stale_days} days):"]
    for s in report.stale:
        state = "NOT OFFERED" if s.expired else "stale"
        lines.append(
            f"  [{state}] {s.service_id} ({s.service_name}) in {s.municipalities}: "
            f"last verified {s.last_verified_at} by {s.verified_by}, {s.days} days ago"
        )
    if not report.stale:
        lines.append("  none")
    lines += ["", f"Gaps since {report.gaps_since} (what residents needed and did not find):"]
    for g in report.gaps:
        need = g.need or "-"
        lines.append(
            f"  {g.count:>4}x {g.municipality_code} route={g.route} need={need} "
            f"language={g.language} ({g.reason})"
        )
    if not report.gaps:
        lines.append("  none")
    return "\n".join(lines) + "\n"
