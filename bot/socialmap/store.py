"""Write checked rows to the database, and read the map back for export.

Organisations, locations and services are upserted by their stable id; everything a service
owns is compared with what is stored and, only when it differs, replaced as a whole. So the
same file twice writes nothing, a changed row updates in place, and nothing is duplicated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from bot.socialmap import models
from bot.socialmap.records import SERVICE_CHILD_TABLES, MapData, Origin, Row
from bot.storage.base import utcnow

CHUNK = 500
MODELS: dict[str, Any] = {
    model.__tablename__: model
    for model in (models.Organization, models.Location, models.Service, *models.SERVICE_CHILDREN)
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportResult:
    """What an import did, per top-level table (a service counts as updated when any of its
    areas, languages, contacts, phones or schedules changed)."""

    tables: dict[str, Counts] = field(
        default_factory=lambda: {t: Counts() for t in ("organization", "location", "service")}
    )

    def __str__(self) -> str:
        return "; ".join(f"{table}: {counts}" for table, counts in self.tables.items())


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    """Slices of ``items``: keeps IN lists and executemany batches a sensible size."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stored(session: Session, model: Any, column: str, keys: Iterable[str]) -> list[dict]:
    """Stored rows of ``model`` whose ``column`` is one of ``keys``, as plain dicts."""
    table = model.__table__
    rows: list[dict] = []
    for part in chunks(sorted(set(keys))):
        statement = select(table).where(table.c[column].in_(part))
        rows.extend(dict(row) for row in session.execute(statement).mappings())
    return rows


def _upsert(session: Session, table: str, rows: list[Row], now: datetime) -> tuple[Counts, set]:
    """Insert new rows, update changed ones; returns the counts and the ids that changed."""
    model = MODELS[table]
    counts = Counts()
    stored = {row["id"]: row for row in _stored(session, model, "id", (r.id for r in rows))}
    inserts, updates, changed = [], [], set()
    for row in rows:
        old = stored.get(row.id)
        if old is None:
            inserts.append({**row.values, "updated_at": now})
            counts.created += 1
        elif any(old[name] != value for name, value in row.values.items()):
            updates.append({f"v_{k}": v for k, v in {**row.values, "updated_at": now}.items()})
            counts.updated += 1
        else:
            counts.unchanged += 1
            continue
        changed.add(row.id)
    if inserts:
        session.execute(insert(model.__table__), inserts)
    if updates:
        columns = [name for name in updates[0] if name != "v_id"]
        statement = (
            update(model.__table__)
            .where(model.__table__.c.id == bindparam("v_id"))
            .values({name[2:]: bindparam(name) for name in columns})
        )
        session.execute(statement, updates)
    return counts, changed


def _children_by_service(rows: Iterable[dict]) -> dict[str, set]:
    result: dict[str, set] = defaultdict(set)
    for row in rows:
        result[row["service_id"]].add(tuple(sorted((k, repr(v)) for k, v in row.items())))
    return result


def _replace_children(session: Session, data: MapData) -> set[str]:
    """Replace the children of each service whose children differ; returns those services."""
    service_ids = [row.id for row in data.rows["service"]]
    changed: set[str] = set()
    for table in SERVICE_CHILD_TABLES:
        old = _children_by_service(_stored(session, MODELS[table], "service_id", service_ids))
        new = _children_by_service(row.values for row in data.rows[table])
        changed.update(sid for sid in service_ids if old.get(sid, set()) != new.get(sid, set()))
    if not changed:
        return changed
    for model in models.SERVICE_CHILDREN:  # phones before contacts
        for part in chunks(sorted(changed)):
            session.execute(delete(model.__table__).where(model.__table__.c.service_id.in_(part)))
    for table in SERVICE_CHILD_TABLES:  # contacts before phones
        rows = [row.values for row in data.rows[table] if row.values["service_id"] in changed]
        if rows:
            session.execute(insert(MODELS[table].__table__), rows)
    return changed


def save(session: Session, data: MapData) -> ImportResult:
    """Write checked rows (see :func:`bot.socialmap.validation.validate`) in the session's
    transaction; the caller commits or rolls back."""
    now = utcnow()
    result = ImportResult()
    for table in ("organization", "location"):
        result.tables[table], _ = _upsert(session, table, data.rows[table], now)
    counts, changed = _upsert(session, "service", data.rows["service"], now)
    children_changed = _replace_children(session, data) - changed
    if children_changed:
        for part in chunks(sorted(children_changed)):
            session.execute(
                update(models.Service.__table__)
                .where(models.Service.__table__.c.id.in_(part))
                .values(updated_at=now)
            )
        counts.updated += len(children_changed)
        counts.unchanged -= len(children_changed)
    result.tables["service"] = counts
    return result


def load(session: Session) -> MapData:
    """The whole stored map as typed rows (for export), ordered by id."""
    data = MapData()
    origin = Origin("database")
    for table, model in MODELS.items():
        statement = select(model.__table__).order_by(model.__table__.c.id)
        for row in session.execute(statement).mappings():
            values = {k: v for k, v in row.items() if k != "updated_at"}
            data.add(table, values, origin)
    return data
