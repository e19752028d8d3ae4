"""Find the best next step on the social map for one resident (runs once per conversation).

One indexed query fetches the services whose area covers the municipality (or the whole
country) with their languages and phones; ranking happens in Python on those few rows: the
resident's language first, then the needs it meets, then how local it is, a direct contact,
the wait. When nothing fits, the municipality's own debt desk is the answer and the miss is
stored as a gap for the coordinators' report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, Text, bindparam, cast, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.functions import FunctionElement

from bot.socialmap import settings, vocab
from bot.socialmap.models import Contact, Gap, Language, Organization, Phone, Service, ServiceArea

SCOPE_ORDER = {"local": 0, "regional": 1, "national": 2}
SCOPE_BONUS = {"local": 1.0, "regional": 0.5, "national": 0.0}
LANGUAGE_BONUS = 3.0  # a helper who speaks the resident's language matters most
NEED_BONUS = 1.5
DIRECT_CONTACT_BONUS = 0.5  # a warm handover needs a person, not a general line
DESK_BONUS = 1.0  # on the professional route the Wgs desk is the door
AGREEMENT_BONUS = 0.25
STALE_PENALTY = 0.5
WAIT_PENALTY = 1.0  # at most, reached at four weeks
WAIT_HORIZON_DAYS = 28
DESK_FIRST_BONUS = 100.0  # keeps scores in list order when a desk is put first


@dataclass(frozen=True)
class ServiceMatch:
    """One service to offer the resident, with why it was chosen."""

    service_id: str
    organization_id: str
    organization_name: str
    service_name: str
    phone: str | None  # the direct number (contact's, else the service's), E.164
    contact_name: str | None
    languages: tuple[str, ...]  # ISO 639-1
    routes: tuple[str, ...]
    scope: str  # "local" | "regional" | "national"
    waiting_days: int | None
    reason: str  # short human-readable reason, e.g. "speaks tr; serves volunteer route; local"
    score: float


@dataclass
class _Candidate:
    """One row of the lookup query: a service, its area and its contact details."""

    service_id: str
    organization_id: str
    organization_name: str
    service_name: str
    routes: list[str]
    help_kinds: list[str]
    not_done: list[str]
    waiting_days: int | None
    municipal_desk: bool
    agreement: bool
    last_verified_at: date
    scope: str
    area_name: str
    language_codes: str | None  # comma-joined
    direct_phone: str | None
    direct_contact: str | None
    general_phone: str | None
    any_contact: str | None
    languages: list[str] = field(init=False)
    phone: str | None = field(init=False)
    contact_name: str | None = field(init=False)
    direct: bool = field(init=False)

    def __post_init__(self) -> None:
        self.languages = sorted(set((self.language_codes or "").split(",")) - {""})
        self.direct = self.direct_phone is not None
        self.phone = self.direct_phone or self.general_phone
        self.contact_name = self.direct_contact if self.direct else self.any_contact


class _JoinedCodes(FunctionElement):
    """The group's values joined by commas: group_concat (SQLite), string_agg (PostgreSQL)."""

    type = String()
    name = "joined_codes"
    inherit_cache = True


@compiles(_JoinedCodes)
def _group_concat(element: _JoinedCodes, compiler: Any, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)}, ',')"


@compiles(_JoinedCodes, "postgresql")
def _string_agg(element: _JoinedCodes, compiler: Any, **kw: Any) -> str:
    return f"string_agg({compiler.process(element.clauses, **kw)}, ',')"


def _lookup_statement() -> Select:
    """The one lookup query: services of one municipality plus the national ones, each with
    its languages, its first direct (contact) phone, general phone and contact.

    Correlated subqueries keep it to one round trip; each is an index lookup on service_id.
    """
    service, organization, area = Service.__table__, Organization.__table__, ServiceArea.__table__
    language, phone, contact = Language.__table__, Phone.__table__, Contact.__table__

    def first(column: Any, *where: Any, order: Any, from_: Any = None) -> Any:
        query = select(column).where(*where).order_by(order).limit(1)
        return (query.select_from(from_) if from_ is not None else query).scalar_subquery()

    of_service = phone.c.service_id == service.c.id
    return (
        select(
            service.c.id,
            service.c.organization_id,
            organization.c.name,
            service.c.name,
            service.c.routes,
            service.c.help_kinds,
            service.c.not_done,
            service.c.waiting_days,
            service.c.municipal_desk,
            organization.c.agreement_with_municipality,
            service.c.last_verified_at,
            area.c.scope,
            area.c.name,
            select(_JoinedCodes(language.c.code))
            .where(language.c.service_id == service.c.id)
            .scalar_subquery(),
            first(phone.c.number, of_service, phone.c.contact_id.is_not(None), order=phone.c.id),
            first(
                contact.c.name,
                of_service,
                order=phone.c.id,
                from_=phone.join(contact, contact.c.id == phone.c.contact_id),
            ),
            first(phone.c.number, of_service, phone.c.contact_id.is_(None), order=phone.c.id),
            first(contact.c.name, contact.c.service_id == service.c.id, order=contact.c.id),
        )
        .select_from(
            area.join(service, service.c.id == area.c.service_id).join(
                organization, organization.c.id == service.c.organization_id
            )
        )
        .where(
            or_(area.c.municipality_code == bindparam("code"), area.c.scope == "national"),
            service.c.status == "active",
            service.c.last_verified_at >= bindparam("cutoff"),
            # Only what serves the route, plus the desks (urgent answer and fallback). The JSON
            # list is matched as text: route names are plain words in quotes, never substrings
            # of one another, so '%"volunteer"%' is exact on both databases.
            or_(
                cast(service.c.routes, Text).like(bindparam("route_pattern")),
                service.c.municipal_desk,
            ),
        )
    )


# Built once per process: constructing the SQL expression costs more than running it.
LOOKUP = _lookup_statement()


def _candidates(
    session: Session, municipality_code: str, route: str, today: date
) -> list[_Candidate]:
    """Active, unexpired services covering the municipality or the whole country that serve
    ``route``, plus the municipality's desks."""
    cutoff = today - timedelta(days=settings.expire_days())
    found: dict[str, _Candidate] = {}
    parameters = {"code": municipality_code, "cutoff": cutoff, "route_pattern": f'%"{route}"%'}
    for row in session.execute(LOOKUP, parameters):
        candidate = _Candidate(*row)
        known = found.get(candidate.service_id)
        if known is None or SCOPE_ORDER[candidate.scope] < SCOPE_ORDER[known.scope]:
            found[candidate.service_id] = candidate
    return list(found.values())


def _refuses_all(candidate: _Candidate, needs: Sequence[str]) -> bool:
    """True when the service explicitly does NOT do any of what the resident needs."""
    return bool(needs) and all(need in candidate.not_done for need in needs)


def _score(
    candidate: _Candidate,
    *,
    route: str,
    language: str,
    needs: Sequence[str],
    today: date,
    stale_after: int,
) -> tuple[float, list[str]]:
    """The ranking score and the reasons behind it, in the order a helper would say them."""
    score, reasons = 0.0, []
    if language in candidate.languages:
        score += LANGUAGE_BONUS
        reasons.append(f"speaks {language}")
    else:
        reasons.append(f"does not speak {language}")
    reasons.append(f"serves {route} route")
    met = [need for need in needs if need in candidate.help_kinds]
    if met:
        score += NEED_BONUS * len(met)
        reasons.append(f"helps with {', '.join(met)}")
    refused = [need for need in needs if need in candidate.not_done]
    if refused:
        reasons.append(f"does not do {', '.join(refused)}")
    score += SCOPE_BONUS[candidate.scope]
    scope = candidate.scope
    reasons.append(
        f"{scope} ({candidate.area_name})" if scope != "local" and candidate.area_name else scope
    )
    if candidate.direct:
        score += DIRECT_CONTACT_BONUS
    if candidate.municipal_desk and route in ("professional", "urgent"):
        score += DESK_BONUS
        reasons.append("municipal debt desk")
    if candidate.agreement:
        score += AGREEMENT_BONUS
    if candidate.waiting_days:
        score -= WAIT_PENALTY * min(candidate.waiting_days, WAIT_HORIZON_DAYS) / WAIT_HORIZON_DAYS
        reasons.append(f"waits about {candidate.waiting_days} days")
    age = (today - candidate.last_verified_at).days
    if age > stale_after:
        score -= STALE_PENALTY
        reasons.append(f"last checked {age} days ago")
    return score, reasons


def _match(candidate: _Candidate, score: float, reasons: list[str]) -> ServiceMatch:
    return ServiceMatch(
        service_id=candidate.service_id,
        organization_id=candidate.organization_id,
        organization_name=candidate.organization_name,
        service_name=candidate.service_name,
        phone=candidate.phone,
        contact_name=candidate.contact_name,
        languages=tuple(candidate.languages),
        routes=tuple(candidate.routes),
        scope=candidate.scope,
        waiting_days=candidate.waiting_days,
        reason="; ".join(reasons),
        score=round(score, 3),
    )


def _desk(candidates: Iterable[_Candidate], *, urgent: bool) -> _Candidate | None:
    """The municipality's own desk: its urgent line when urgent, else its debt desk.

    A regional desk (a kredietbank or social service shared by several municipalities)
    counts too, after a local one; a national line never does.
    """
    desks = [c for c in candidates if c.municipal_desk and c.scope != "national"]

    def preference(c: _Candidate) -> tuple:
        if urgent:
            kind = ("urgent" not in c.routes, "professional" not in c.routes)
        else:
            kind = ("professional" not in c.routes, "urgent" in c.routes)
        return (*kind, SCOPE_ORDER[c.scope], c.service_id)

    return min(desks, key=preference, default=None)


def _desk_match(candidate: _Candidate, *, why: str, **context: Any) -> ServiceMatch:
    """A desk offered because of urgency or as the fallback: ``why`` says which."""
    route = "urgent" if "urgent" in candidate.routes else "professional"
    score, reasons = _score(candidate, route=route, **context)
    return _match(candidate, score + DESK_FIRST_BONUS, [why, *reasons])


def _record_gaps(
    session: Session,
    *,
    municipality_code: str,
    route: str,
    language: str,
    needs: Sequence[str],
    fitting: list[_Candidate],
) -> None:
    """Store what the map could not offer, so coordinators see where help is missing."""

    def gap(need: str | None, reason: str) -> None:
        session.add(
            Gap(
                municipality_code=municipality_code,
                route=route,
                need=need,
                language=language,
                reason=reason,
            )
        )

    if not fitting:
        for need in needs or [None]:
            gap(need, "no_service")
        return
    for need in needs:
        if not any(need in c.help_kinds for c in fitting):
            gap(need, "need_not_met")
    if not any(language in c.languages for c in fitting):
        gap(None, "language_not_met")


def find_services(
    session: Session,
    *,
    municipality_code: str,
    route: str,
    language: str = "nl",
    needs: Sequence[str] = (),
    urgent: bool = False,
    today: date | None = None,
    limit: int = 3,
) -> list[ServiceMatch]:
    """Up to ``limit`` services for this resident, best first.

    Only services whose area covers the municipality (or the country) and that serve
    ``route`` are offered; one that explicitly does NOT do any of ``needs`` is left out.
    ``urgent`` (or route "urgent") puts the municipality's urgent desk first. When nothing
    fits, the municipal debt desk is returned and a gap is added to the session (committed
    with the caller's transaction).
    """
    if route not in vocab.ROUTES:
        raise ValueError(f"unknown route {route!r} (expected one of {', '.join(vocab.ROUTES)})")
    today = today or date.today()
    code = municipality_code.strip().upper()
    language = language.strip().lower()
    needs = list(dict.fromkeys(needs))
    urgent = urgent or route == "urgent"
    candidates = _candidates(session, code, route, today)
    fitting = [c for c in candidates if route in c.routes and not _refuses_all(c, needs)]
    first = _desk(candidates, urgent=True) if urgent else None
    fallback = None if fitting or first else _desk(candidates, urgent=False)
    _record_gaps(
        session,
        municipality_code=code,
        route=route,
        language=language,
        needs=needs,
        fitting=fitting,
    )
    context = {
        "language": language,
        "needs": needs,
        "today": today,
        "stale_after": settings.stale_days(),
    }
    if fallback is not None:
        return [_desk_match(fallback, why="nothing else fits", **context)][:limit]
    matches = []
    if first is not None:
        why = "urgent: municipality acts within 3 working days"
        matches.append(_desk_match(first, why=why, **context))
    scored = []
    for candidate in fitting:
        if candidate is not first:
            score, reasons = _score(candidate, route=route, **context)
            scored.append((-score, candidate.service_id, candidate, reasons))
    scored.sort(key=lambda item: item[:2])
    for negative_score, _, candidate, reasons in scored[: max(limit - len(matches), 0)]:
        matches.append(_match(candidate, -negative_score, reasons))
    return matches[:limit]


def municipal_desk(
    session: Session, municipality_code: str, *, urgent: bool = False, today: date | None = None
) -> ServiceMatch | None:
    """The municipality's debt desk (its urgent line when ``urgent``), or None if unknown."""
    today = today or date.today()
    route = "urgent" if urgent else "professional"
    candidates = _candidates(session, municipality_code.strip().upper(), route, today)
    desk = _desk(candidates, urgent=urgent)
    if desk is None:
        return None
    why = "urgent line of the municipality" if "urgent" in desk.routes else "municipal desk"
    context = {"language": "nl", "needs": (), "today": today, "stale_after": settings.stale_days()}
    return _desk_match(desk, why=why, **context)
