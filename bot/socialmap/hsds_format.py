"""The social map as one HSDS 3.0 JSON document: the HSDS tables as arrays of objects.

Why this form and not the nested one: every object carries its own stable id and the ids of
its parents, exactly like the HSDS tabular datapackage, so a file maps 1:1 onto the tables and
an error can point at ``$.services[3].routes``. Wegwijs' own fields (routes, not_done, ...)
sit on the objects next to the HSDS ones; data/socialmap/README.md lists them.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bot.socialmap.records import TABLES, MapData, Origin, Problem

FORMAT = "wegwijs-socialmap-hsds"
VERSION = 1
# JSON array name (HSDS plural) per table.
ARRAYS = {
    "organization": "organizations",
    "location": "locations",
    "service": "services",
    "service_at_location": "service_at_locations",
    "service_area": "service_areas",
    "language": "languages",
    "contact": "contacts",
    "phone": "phones",
    "schedule": "schedules",
}


def read_json(path: Path) -> MapData:
    """Read the document; structural problems (syntax, shapes) land in ``problems``."""
    data = MapData()
    file = path.name
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        where = f"{file}, line {error.lineno} column {error.colno}"
        data.problems.append(Problem(where, f"not valid JSON: {error.msg}"))
        return data
    if not isinstance(document, dict):
        data.problems.append(Problem(f"{file}, $", "must be an object with arrays per table"))
        return data
    tables = {array: table for table, array in ARRAYS.items()}
    for key, value in document.items():
        if key == "meta":
            continue
        if key not in tables:
            data.problems.append(Problem(f"{file}, $.{key}", "unknown array"))
            continue
        if not isinstance(value, list):
            data.problems.append(Problem(f"{file}, $.{key}", "must be an array"))
            continue
        for index, item in enumerate(value):
            path_text = f"$.{key}[{index}]"
            if not isinstance(item, dict):
                data.problems.append(Problem(f"{file}, {path_text}", "must be an object"))
                continue
            data.add(tables[key], dict(item), Origin(file, path=path_text))
    return data


def _json_value(value: Any) -> Any:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def to_document(data: MapData, *, exported_at: datetime | None = None) -> dict[str, Any]:
    """Typed rows as the JSON document (empty optional values are left out)."""
    meta: dict[str, Any] = {"format": FORMAT, "version": VERSION, "hsds": "3.0"}
    if exported_at is not None:
        meta["exported_at"] = exported_at.isoformat(timespec="seconds")
    document: dict[str, Any] = {"meta": meta}
    for table in TABLES:
        document[ARRAYS[table]] = [
            {key: _json_value(value) for key, value in row.values.items() if value is not None}
            for row in data.rows[table]
        ]
    return document


def write_json(data: MapData, *, exported_at: datetime | None = None) -> str:
    document = to_document(data, exported_at=exported_at)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
