"""Shared helpers for the social-map tests (no tests here): sheets, imports, snapshots."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.socialmap import models
from bot.socialmap.csv_format import COLUMNS
from bot.socialmap.importer import import_file
from bot.socialmap.records import TABLES
from bot.socialmap.store import MODELS, ImportResult
from bot.storage.db import session_scope

TODAY = date(2026, 11, 23)
UTRECHT, ROTTERDAM, ZAANSTAD = "GM0344", "GM0599", "GM0479"


def service_row(service_id: str, **cells: Any) -> dict[str, str]:
    """A valid sheet row for a local volunteer service in Utrecht; ``cells`` override."""
    row = {
        "service_id": service_id,
        "service_name": f"Dienst {service_id}",
        "organization_id": f"org-{service_id}",
        "organization_name": f"Organisatie {service_id}",
        "help_kinds": "home_administration",
        "not_done": "debt_settlement; income_management",
        "routes": "volunteer",
        "area_scope": "local",
        "municipality_codes": UTRECHT,
        "languages": "nl",
        "phone": "030-000 0101",
        "last_verified_at": "2026-11-01",
        "verified_by": "Voorbeeld Coördinator",
        "is_example": "true",
    }
    row.update({key: str(value) for key, value in cells.items()})
    return row


def write_sheet(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=delimiter)
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in COLUMNS} for row in rows)
    return path


def import_rows(url: str, tmp_path: Path, rows: list[dict[str, str]]) -> ImportResult:
    path = write_sheet(tmp_path / "map.csv", rows)
    with session_scope(url) as session:
        return import_file(session, path, today=TODAY)


def count(url: str, model: type) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(model))


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every social-map row, to prove a failed import changed nothing."""
    result = {}
    with session_scope(url) as session:
        for table in TABLES:
            model = MODELS[table]
            statement = select(model.__table__).order_by(model.__table__.c.id)
            result[table] = [tuple(row) for row in session.execute(statement)]
        result["gaps"] = [tuple(r) for r in session.execute(select(models.Gap.__table__))]
    return result
