"""Check a whole import file before anything is written: every problem, not just the first.

Field rules (``SPECS``) turn raw values into typed ones; the cross-row rules check what one row
cannot know alone: ids unique, references resolvable, every service reachable (an area, a
language, a route). A file with any problem is rejected whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.socialmap import fields, models, vocab
from bot.socialmap.records import (
    SERVICE_CHILD_TABLES,
    MapData,
    Problem,
    Row,
    SocialMapFileError,
)
from bot.socialmap.store import chunks


@dataclass(frozen=True)
class Spec:
    """How one column is read: its parser, whether it must be given, its default."""

    parse: Callable[[Any], Any]
    required: bool = False
    default: Any = None


def _text(length: int | None = None, *, required: bool = False) -> Spec:
    return Spec(fields.text(length), required=required, default=None if required else "")


_ID = Spec(fields.identifier, required=True)
_OPTIONAL_ID = Spec(fields.identifier)
_FLAG = Spec(fields.boolean, default=False)


def _words(allowed: tuple[str, ...], what: str) -> Spec:
    return Spec(fields.list_of(allowed, what), default=[])


SPECS: dict[str, dict[str, Spec]] = {
    "organization": {
        "id": _ID,
        "name": _text(200, required=True),
        "description": _text(),
        "email": Spec(fields.email),
        "website": Spec(fields.web_address),
        "agreement_with_municipality": _FLAG,
        "agreement_note": _text(),
        "is_example": _FLAG,
    },
    "location": {
        "id": _ID,
        "organization_id": _ID,
        "name": _text(200),
        "description": _text(),
        "address_1": _text(200),
        "postal_code": Spec(fields.postcode, default=""),
        "city": _text(100),
    },
    "service": {
        "id": _ID,
        "organization_id": _ID,
        "name": _text(200, required=True),
        "description": _text(),
        "url": Spec(fields.web_address),
        "email": Spec(fields.email),
        "status": Spec(fields.one_of(("active", "inactive"), "status"), default="active"),
        "application_process": _text(),
        "help_kinds": _words(vocab.HELP_KINDS, "help kind"),
        "not_done": _words(vocab.HELP_KINDS, "help kind"),
        "routes": Spec(fields.list_of(vocab.ROUTES, "route"), required=True),
        "target_groups": _words(vocab.TARGET_GROUPS, "target group"),
        "phases": _words(vocab.PHASES, "phase"),
        "waiting_days": Spec(fields.whole_days),
        "municipal_desk": _FLAG,
        "last_verified_at": Spec(fields.iso_date, required=True),
        "verified_by": _text(200, required=True),
        "is_example": _FLAG,
    },
    "service_at_location": {"id": _ID, "service_id": _ID, "location_id": _ID},
    "service_area": {
        "id": _ID,
        "service_id": _ID,
        "scope": Spec(fields.one_of(vocab.SCOPES, "scope"), required=True),
        "municipality_code": Spec(fields.municipality_code),
        "name": _text(200),
    },
    "language": {
        "id": _ID,
        "service_id": _ID,
        "code": Spec(fields.language_code, required=True),
        "name": _text(64),
        "note": _text(),
    },
    "contact": {
        "id": _ID,
        "service_id": _ID,
        "name": _text(200, required=True),
        "title": _text(200),
        "email": Spec(fields.email),
    },
    "phone": {
        "id": _ID,
        "service_id": _ID,
        "contact_id": _OPTIONAL_ID,
        "number": Spec(fields.phone_number, required=True),
        "type": Spec(fields.one_of(("voice", "text", "fax"), "phone type"), default="voice"),
        "description": _text(),
    },
    "schedule": {
        "id": _ID,
        "service_id": _ID,
        "location_id": _OPTIONAL_ID,
        "freq": Spec(fields.frequency, default="WEEKLY"),
        "byday": Spec(fields.days_of_week, required=True),
        "opens_at": Spec(fields.clock_time, required=True),
        "closes_at": Spec(fields.clock_time, required=True),
        "description": _text(),
    },
}


class _Checker:
    """Collects problems while typing rows and checking them against each other."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.problems: list[Problem] = []
        # Ids of rows that could not be read: references to them are not reported again.
        self.unreadable: dict[str, set[str]] = defaultdict(set)

    def fail(self, row: Row, field: str | None, message: str) -> None:
        self.problems.append(Problem(row.origin.describe(field), message, row.origin.line))

    def typed(self, row: Row) -> Row | None:
        """The row with typed values, or None when a field could not be read."""
        specs = SPECS[row.table]
        values: dict[str, Any] = {}
        ok = True
        for name in row.values.keys() - specs.keys():
            self.fail(row, name, "unknown field")
            ok = False
        for name, spec in specs.items():
            raw = row.values.get(name)
            if fields.is_empty(raw):
                if spec.required:
                    self.fail(row, name, "is required")
                    ok = False
                values[name] = spec.default
                continue
            try:
                values[name] = spec.parse(raw)
            except ValueError as error:
                self.fail(row, name, str(error))
                ok = False
                continue
            if spec.required and fields.is_empty(values[name]):  # e.g. a list cell of ";"
                self.fail(row, name, "is required")
                ok = False
        if not ok:
            self.unreadable[row.table].add(str(row.values.get("id") or "").strip())
            return None
        return Row(row.table, values, row.origin)

    def existing_ids(self, model: type, ids: set[str]) -> set[str]:
        found: set[str] = set()
        for part in chunks(sorted(ids)):
            found.update(self.session.scalars(select(model.id).where(model.id.in_(part))))
        return found


def validate(session: Session, data: MapData, *, today: date | None = None) -> MapData:
    """Typed, checked rows; raises :class:`SocialMapFileError` listing every problem.

    Problems the reader already found (``data.problems``) are reported along with these.
    """
    checker = _Checker(session, today or date.today())
    checker.problems.extend(data.problems)
    typed = MapData()
    for row in data:
        result = checker.typed(row)
        if result is not None:
            typed.rows[row.table].append(result)
    for row in typed.rows["language"]:  # HSDS wants a name; a sheet gives only the code
        row.values["name"] = row.values["name"] or vocab.LANGUAGE_NAMES.get(
            row.values["code"], row.values["code"]
        )
    _check_unique_ids(checker, typed)
    _check_rows(checker, typed)
    _check_references(checker, typed)
    _check_services_complete(checker, typed, data)
    if checker.problems:
        file = next((r.origin.file for r in data), "")
        unique = list(dict.fromkeys(checker.problems))  # derived rows repeat their row's
        problems = sorted(unique, key=lambda problem: problem.line or 0)
        raise SocialMapFileError(file, problems)
    return typed


def _check_unique_ids(checker: _Checker, data: MapData) -> None:
    for table, rows in data.rows.items():
        first: dict[str, Row] = {}
        for row in rows:
            if row.id in first:
                where = first[row.id].origin.describe()
                checker.fail(row, "id", f"{table} id {row.id!r} is also used at {where}")
            else:
                first[row.id] = row


def _check_rows(checker: _Checker, data: MapData) -> None:
    for row in data.rows["service"]:
        both = set(row.values["help_kinds"]) & set(row.values["not_done"])
        if both:
            checker.fail(row, "not_done", f"says it both does and does not do {sorted(both)}")
        if row.values["last_verified_at"] > checker.today:
            checker.fail(row, "last_verified_at", "lies in the future")
    for row in data.rows["service_area"]:
        scope, code = row.values["scope"], row.values["municipality_code"]
        if scope == "national" and code:
            checker.fail(row, "municipality_code", "a national area has no municipality code")
        if scope != "national" and not code:
            checker.fail(row, "municipality_code", f"a {scope} area needs a municipality code")
    for row in data.rows["schedule"]:
        if row.values["opens_at"] >= row.values["closes_at"]:
            checker.fail(row, "closes_at", "closes before it opens")


def _check_references(checker: _Checker, data: MapData) -> None:
    """Parents must be in the file (or, for organisations and locations, already stored)."""
    ids = {
        table: {row.id for row in rows} | checker.unreadable[table]
        for table, rows in data.rows.items()
    }
    wanted_orgs = {
        row.values["organization_id"] for row in data.rows["service"] + data.rows["location"]
    }
    known_orgs = ids["organization"] | checker.existing_ids(
        models.Organization, wanted_orgs - ids["organization"]
    )
    wanted_locations = {
        row.values["location_id"]
        for row in data.rows["service_at_location"] + data.rows["schedule"]
        if row.values["location_id"]
    }
    known_locations = ids["location"] | checker.existing_ids(
        models.Location, wanted_locations - ids["location"]
    )
    for row in data.rows["service"] + data.rows["location"]:
        if row.values["organization_id"] not in known_orgs:
            message = f"organization {row.values['organization_id']!r} is not in the file"
            checker.fail(row, "organization_id", message)
    for table in SERVICE_CHILD_TABLES:
        for row in data.rows[table]:
            if row.values["service_id"] not in ids["service"]:
                message = f"service {row.values['service_id']!r} is not in the file"
                checker.fail(row, "service_id", message)
            location_id = row.values.get("location_id")
            if location_id and location_id not in known_locations:
                checker.fail(row, "location_id", f"location {location_id!r} is not known")
    contacts = {row.id: row.values["service_id"] for row in data.rows["contact"]}
    for row in data.rows["phone"]:
        contact_id = row.values["contact_id"]
        if contact_id in checker.unreadable["contact"]:
            continue
        if contact_id and contacts.get(contact_id) != row.values["service_id"]:
            message = f"contact {contact_id!r} is not a contact of this phone's service"
            checker.fail(row, "contact_id", message)
    _check_child_ids_not_taken(checker, data, ids["service"])


def _check_child_ids_not_taken(checker: _Checker, data: MapData, services: set[str]) -> None:
    """A child id may not already belong to a stored service that this file leaves alone."""
    tables = {model.__tablename__: model for model in models.SERVICE_CHILDREN}
    for table in SERVICE_CHILD_TABLES:
        model = tables[table]
        rows = {row.id: row for row in data.rows[table]}
        for part in chunks(sorted(rows)):
            statement = select(model.id, model.service_id).where(model.id.in_(part))
            for child_id, owner in checker.session.execute(statement):
                if owner not in services:
                    message = f"{table} id {child_id!r} already belongs to service {owner!r}"
                    checker.fail(rows[child_id], "id", message)


def _check_services_complete(checker: _Checker, data: MapData, raw: MapData) -> None:
    """A service without an area, language or route could never be offered: say so.

    Counted over the file as read, so a bad area row is reported once, not twice.
    """
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for table in ("service_area", "language"):
        for row in raw.rows[table]:
            counts[str(row.values.get("service_id") or "").strip()][table] += 1
    seen_areas: set[tuple[str, str | None]] = set()
    for row in data.rows["service_area"]:
        key = (row.values["service_id"], row.values["municipality_code"])
        if key in seen_areas:
            checker.fail(row, "municipality_code", "this service already has this area")
        seen_areas.add(key)
    for row in data.rows["service"]:
        if not counts[row.id]["service_area"]:
            checker.fail(row, None, f"service {row.id!r} has no service area")
        if not counts[row.id]["language"]:
            checker.fail(row, None, f"service {row.id!r} has no language")
