"""The social map in memory, between a file and the database.

Both file formats (HSDS JSON and the coordinators' CSV) are read into and written from this one
shape: rows per HSDS table, each remembering where in the file it came from, so every error can
name file, line or JSON path, and field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# Table names in the order rows can be written (parents first).
TABLES = (
    "organization",
    "location",
    "service",
    "service_at_location",
    "service_area",
    "language",
    "contact",
    "phone",
    "schedule",
)
SERVICE_CHILD_TABLES = TABLES[3:]


@dataclass(frozen=True)
class Origin:
    """Where a row came from: a CSV line or a JSON object path, and the file's field names."""

    file: str
    line: int | None = None
    path: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)

    def describe(self, field_name: str | None = None) -> str:
        """E.g. ``map.csv, line 4, field 'routes'`` or ``map.json, $.services[2].routes``."""
        label = self.labels.get(field_name, field_name) if field_name else None
        if self.path is not None:
            where = f"{self.path}.{label}" if label else self.path
            return f"{self.file}, {where}"
        text = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{text}, field {label!r}" if label else text


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an import file, phrased for the coordinator who has to fix it."""

    where: str
    message: str
    line: int | None = None  # for listing a sheet's problems top to bottom

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Row:
    """One record of one table: column name -> value (raw from a file, or typed)."""

    table: str
    values: dict[str, Any]
    origin: Origin

    @property
    def id(self) -> str:
        return str(self.values.get("id") or "")


@dataclass
class MapData:
    """Rows per table; the unit that is validated and written in one transaction."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    problems: list[Problem] = field(default_factory=list)  # found while reading the file

    def add(self, table: str, values: dict[str, Any], origin: Origin) -> Row:
        row = Row(table, values, origin)
        self.rows[table].append(row)
        return row

    def __iter__(self) -> Iterator[Row]:
        for table in TABLES:
            yield from self.rows[table]

    def count(self, table: str) -> int:
        return len(self.rows[table])


class SocialMapFileError(Exception):
    """An import file with problems: nothing was written; ``problems`` lists them all."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        first = str(problems[0]) if problems else "unreadable"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")
