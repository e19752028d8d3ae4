"""The coordinators' spreadsheet: one row per service, lists as ``a; b`` inside a cell.

A service's organisation, area, languages, general phone, one named contact with a direct
number, one location and its walk-in hours all fit on its row; the ids of what hangs from the
service are derived from the service id, so re-importing the sheet updates instead of adding.
Columns may be separated by ``,`` or by ``;`` (Excel with Dutch settings); cells that contain
the separator are quoted, as every spreadsheet program does.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.socialmap.fields import LIST_SEPARATOR, identifier, words
from bot.socialmap.records import MapData, Origin, Problem, Row

ORGANIZATION_COLUMNS = {
    "organization_id": "id",
    "organization_name": "name",
    "organization_description": "description",
    "organization_email": "email",
    "organization_website": "website",
    "agreement_with_municipality": "agreement_with_municipality",
    "agreement_note": "agreement_note",
    "is_example": "is_example",
}
SERVICE_COLUMNS = {
    "service_id": "id",
    "organization_id": "organization_id",
    "service_name": "name",
    "description": "description",
    "help_kinds": "help_kinds",
    "not_done": "not_done",
    "routes": "routes",
    "target_groups": "target_groups",
    "phases": "phases",
    "application_process": "application_process",
    "waiting_days": "waiting_days",
    "municipal_desk": "municipal_desk",
    "status": "status",
    "email": "email",
    "url": "url",
    "last_verified_at": "last_verified_at",
    "verified_by": "verified_by",
    "is_example": "is_example",
}
LOCATION_COLUMNS = {
    "location_id": "id",
    "organization_id": "organization_id",
    "location_name": "name",
    "address": "address_1",
    "postal_code": "postal_code",
    "city": "city",
}
# Column order of an exported sheet; the README documents each column.
COLUMNS = (
    "service_id",
    "service_name",
    "organization_id",
    "organization_name",
    "description",
    "help_kinds",
    "not_done",
    "routes",
    "target_groups",
    "phases",
    "area_scope",
    "municipality_codes",
    "area_name",
    "languages",
    "phone",
    "contact_name",
    "contact_title",
    "contact_phone",
    "contact_email",
    "email",
    "url",
    "application_process",
    "waiting_days",
    "municipal_desk",
    "status",
    "location_id",
    "location_name",
    "address",
    "postal_code",
    "city",
    "walk_in_hours",
    "agreement_with_municipality",
    "agreement_note",
    "organization_description",
    "organization_email",
    "organization_website",
    "last_verified_at",
    "verified_by",
    "is_example",
)
REQUIRED_COLUMNS = (
    "service_id",
    "service_name",
    "organization_id",
    "organization_name",
    "routes",
    "area_scope",
    "municipality_codes",
    "languages",
    "last_verified_at",
    "verified_by",
)
_WALK_IN_RE = re.compile(
    r"^(?P<days>[A-Za-z][A-Za-z, ]*?)\s+(?P<opens>\S+?)\s*-\s*(?P<closes>\S+)$"
)
_LANGUAGE_RE = re.compile(r"^(?P<code>[^()\s]+)\s*(?:\((?P<note>[^()]*)\))?$")


def _labels(columns: dict[str, str]) -> dict[str, str]:
    """Canonical field -> the column a coordinator sees (for error messages)."""
    return {field: column for column, field in columns.items()}


def _derived_labels(**labels: str) -> dict[str, str]:
    return {"id": "service_id", "service_id": "service_id", **labels}


class _SheetReader:
    """Turns sheet rows into table rows, remembering the first row of each shared record."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.data = MapData()
        self.shared: dict[tuple[str, str], Row] = {}

    def problem(self, line: int, column: str, message: str) -> None:
        where = Origin(self.file, line).describe(column)
        self.data.problems.append(Problem(where, message, line))

    def read_row(self, line: int, cells: dict[str, str]) -> None:
        service_id = cells.get("service_id", "")
        self._shared("organization", line, cells, ORGANIZATION_COLUMNS)
        self._add("service", line, cells, SERVICE_COLUMNS)
        try:
            identifier(service_id)
        except ValueError:
            return  # reported once with the service; ids derived from it would repeat it
        self._areas(line, cells, service_id)
        self._languages(line, cells, service_id)
        self._phones(line, cells, service_id)
        location_id = self._location(line, cells, service_id)
        self._walk_in_hours(line, cells, service_id, location_id)

    def _values(self, cells: dict[str, str], columns: dict[str, str]) -> dict[str, Any]:
        return {field: cells[column] for column, field in columns.items() if column in cells}

    def _add(self, table: str, line: int, cells: dict[str, str], columns: dict[str, str]) -> Row:
        origin = Origin(self.file, line, labels=_labels(columns))
        return self.data.add(table, self._values(cells, columns), origin)

    def _shared(self, table: str, line: int, cells: dict[str, str], columns: dict) -> str:
        """Organisations and locations repeat on many rows; they must agree with the first."""
        values = self._values(cells, columns)
        key = (table, str(values.get("id", "")).strip())
        first = self.shared.get(key)
        if first is None:
            self.shared[key] = self._add(table, line, cells, columns)
            return key[1]
        for field, value in values.items():
            if str(first.values.get(field, "")).strip() != str(value).strip():
                column = _labels(columns)[field]
                message = (
                    f"differs from line {first.origin.line} for {table} {key[1]!r}"
                    f" ({first.values.get(field)!r} there, {value!r} here)"
                )
                self.problem(line, column, message)
        return key[1]

    def _areas(self, line: int, cells: dict[str, str], service_id: str) -> None:
        scope = cells.get("area_scope", "")
        codes = words(cells.get("municipality_codes", ""))
        labels = _derived_labels(
            scope="area_scope", municipality_code="municipality_codes", name="area_name"
        )
        if scope.strip().lower() == "local" and len(codes) > 1:
            message = "a local service has one municipality code; use regional for several"
            self.problem(line, "municipality_codes", message)
        for code in codes or [None]:
            key = "".join(code.split()).upper() if code else "national"
            values = {
                "id": f"{service_id}-area-{key}",
                "service_id": service_id,
                "scope": scope,
                "municipality_code": code,
                "name": cells.get("area_name", ""),
            }
            self.data.add("service_area", values, Origin(self.file, line, labels=labels))

    def _languages(self, line: int, cells: dict[str, str], service_id: str) -> None:
        labels = _derived_labels(code="languages", note="languages", name="languages")
        for item in words(cells.get("languages", "")):
            match = _LANGUAGE_RE.match(item)
            if match is None:
                self.problem(line, "languages", f"{item!r} is not like 'ar (Darija)'")
                continue
            code = match.group("code").lower()
            values = {
                "id": f"{service_id}-lang-{code}",
                "service_id": service_id,
                "code": code,
                "note": (match.group("note") or "").strip(),
            }
            self.data.add("language", values, Origin(self.file, line, labels=labels))

    def _phones(self, line: int, cells: dict[str, str], service_id: str) -> None:
        if cells.get("phone", "").strip():
            values = {"id": f"{service_id}-phone", "service_id": service_id}
            values["number"] = cells["phone"]
            labels = _derived_labels(number="phone")
            self.data.add("phone", values, Origin(self.file, line, labels=labels))
        contact = {c: cells.get(c, "").strip() for c in ("contact_name", "contact_title")}
        contact_phone = cells.get("contact_phone", "").strip()
        contact_email = cells.get("contact_email", "").strip()
        if not (contact["contact_name"] or contact["contact_title"] or contact_phone):
            if contact_email:
                self.problem(line, "contact_name", "a contact e-mail needs a contact name")
            return
        contact_id = f"{service_id}-contact"
        labels = _derived_labels(name="contact_name", title="contact_title", email="contact_email")
        values = {
            "id": contact_id,
            "service_id": service_id,
            "name": contact["contact_name"],
            "title": contact["contact_title"],
            "email": contact_email,
        }
        self.data.add("contact", values, Origin(self.file, line, labels=labels))
        if contact_phone:
            values = {
                "id": f"{contact_id}-phone",
                "service_id": service_id,
                "contact_id": contact_id,
                "number": contact_phone,
            }
            labels = _derived_labels(number="contact_phone", contact_id="contact_name")
            self.data.add("phone", values, Origin(self.file, line, labels=labels))

    def _location(self, line: int, cells: dict[str, str], service_id: str) -> str | None:
        given = {c: cells.get(c, "").strip() for c in LOCATION_COLUMNS if c != "organization_id"}
        if not any(given.values()):
            return None
        if not given["location_id"]:
            cells = {**cells, "location_id": f"{service_id}-location"}
        location_id = self._shared("location", line, cells, LOCATION_COLUMNS)
        values = {
            "id": f"{service_id}-at-{location_id}",
            "service_id": service_id,
            "location_id": location_id,
        }
        labels = _derived_labels(location_id="location_id")
        self.data.add("service_at_location", values, Origin(self.file, line, labels=labels))
        return location_id

    def _walk_in_hours(
        self, line: int, cells: dict[str, str], service_id: str, location_id: str | None
    ) -> None:
        labels = _derived_labels(
            byday="walk_in_hours", opens_at="walk_in_hours", closes_at="walk_in_hours"
        )
        for number, item in enumerate(words(cells.get("walk_in_hours", "")), start=1):
            match = _WALK_IN_RE.match(item)
            if match is None:
                message = f"{item!r} is not like 'ma,wo 09:00-12:00'"
                self.problem(line, "walk_in_hours", message)
                continue
            values = {
                "id": f"{service_id}-walk-in-{number}",
                "service_id": service_id,
                "location_id": location_id,
                "byday": match.group("days"),
                "opens_at": match.group("opens"),
                "closes_at": match.group("closes"),
                "description": "inloopspreekuur",
            }
            self.data.add("schedule", values, Origin(self.file, line, labels=labels))


def sniff_delimiter(header_line: str) -> str:
    """``,``, ``;`` (Excel with Dutch settings) or tab: whichever the header line uses most."""
    return max((",", ";", "\t"), key=header_line.count)


def read_csv(path: Path) -> MapData:
    """Read a sheet; structural problems (columns, walk-in cells) land in ``problems``."""
    reader_state = _SheetReader(path.name)
    text = path.read_text(encoding="utf-8-sig")
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    unknown = [column for column in header if column not in COLUMNS]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    for column in unknown:
        reader_state.problem(1, column, "unknown column (see data/socialmap/README.md)")
    for column in missing:
        reader_state.problem(1, column, "required column is missing")
    if unknown or missing or not header:
        if not header:
            reader_state.problem(1, "header", "the file is empty")
        return reader_state.data
    line = reader.line_num + 1
    for record in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            message = f"has {len(record)} cells, the header has {len(header)}"
            reader_state.problem(start, "row", message)
            continue
        reader_state.read_row(start, dict(zip(header, record, strict=True)))
    return reader_state.data


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return f"{LIST_SEPARATOR} ".join(str(item) for item in value)
    if hasattr(value, "strftime") and hasattr(value, "hour"):
        return value.strftime("%H:%M")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def write_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Sheet text with the standard columns from rows of column -> value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in COLUMNS])
    return buffer.getvalue()


def _first(rows: list[Row], what: str, service: Row, warnings: list[str]) -> Row | None:
    """The first of ``rows``; a sheet row holds only one, so say what was left out."""
    if len(rows) > 1:
        left_out = ", ".join(row.id for row in rows[1:])
        warnings.append(f"service {service.id!r}: the sheet holds one {what}, left out {left_out}")
    return rows[0] if rows else None


def to_sheet(data: MapData) -> tuple[list[dict[str, Any]], list[str]]:
    """Typed rows as sheet rows (column -> value), plus what did not fit on a row."""
    by_service: dict[str, dict[str, list[Row]]] = {}
    for table in ("service_area", "language", "contact", "phone", "schedule"):
        for row in data.rows[table]:
            by_service.setdefault(row.values["service_id"], {}).setdefault(table, []).append(row)
    for row in data.rows["service_at_location"]:
        by_service.setdefault(row.values["service_id"], {}).setdefault("at", []).append(row)
    organizations = {row.id: row.values for row in data.rows["organization"]}
    locations = {row.id: row.values for row in data.rows["location"]}
    sheet: list[dict[str, Any]] = []
    warnings: list[str] = []
    for service in data.rows["service"]:
        children = by_service.get(service.id, {})
        cells = {column: service.values[field] for column, field in SERVICE_COLUMNS.items()}
        organization = organizations[service.values["organization_id"]]
        for column, field in ORGANIZATION_COLUMNS.items():
            if column != "is_example":
                cells[column] = organization[field]
        areas = children.get("service_area", [])
        scopes = sorted({area.values["scope"] for area in areas})
        if len(scopes) > 1:
            warnings.append(f"service {service.id!r}: mixed area scopes {scopes}, kept the first")
        cells["area_scope"] = scopes[0] if scopes else ""
        cells["municipality_codes"] = [
            a.values["municipality_code"] for a in areas if a.values["municipality_code"]
        ]
        cells["area_name"] = areas[0].values["name"] if areas else ""
        cells["languages"] = [
            f"{lang.values['code']} ({lang.values['note']})"
            if lang.values["note"]
            else lang.values["code"]
            for lang in children.get("language", [])
        ]
        phones = children.get("phone", [])
        general = _first(
            [p for p in phones if not p.values["contact_id"]], "phone", service, warnings
        )
        cells["phone"] = general.values["number"] if general else None
        contact = _first(children.get("contact", []), "contact", service, warnings)
        if contact is not None:
            cells["contact_name"] = contact.values["name"]
            cells["contact_title"] = contact.values["title"]
            cells["contact_email"] = contact.values["email"]
            direct = [p for p in phones if p.values["contact_id"] == contact.id]
            direct_phone = _first(direct, "direct phone", service, warnings)
            cells["contact_phone"] = direct_phone.values["number"] if direct_phone else None
        at = _first(children.get("at", []), "location", service, warnings)
        if at is not None:
            location = locations[at.values["location_id"]]
            for column, field in LOCATION_COLUMNS.items():
                if column != "organization_id":
                    cells[column] = location[field]
        cells["walk_in_hours"] = [
            f"{s.values['byday']} {_cell(s.values['opens_at'])}-{_cell(s.values['closes_at'])}"
            for s in children.get("schedule", [])
        ]
        sheet.append(cells)
    return sheet, warnings
