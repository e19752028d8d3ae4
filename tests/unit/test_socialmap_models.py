"""Social-map tables: the migration matches the models, downgrades cleanly, cascades work."""

from __future__ import annotations

from datetime import date, time

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

import bot.storage.models  # noqa: F401  (every table on Base.metadata)
from bot.socialmap import models
from bot.storage import migrate
from bot.storage.base import Base
from bot.storage.db import get_engine, session_scope

SOCIALMAP_TABLES = {
    "organization",
    "service",
    "location",
    "service_at_location",
    "service_area",
    "language",
    "contact",
    "phone",
    "schedule",
    "socialmap_gap",
    "postcode_area",
}


def _tables(url: str) -> set[str]:
    return set(inspect(get_engine(url)).get_table_names())


def test_migration_creates_exactly_the_model_tables(db_url: str) -> None:
    assert _tables(db_url) >= SOCIALMAP_TABLES
    assert "events" not in SOCIALMAP_TABLES
    with get_engine(db_url).connect() as connection:
        options = {"compare_type": True, "include_object": _ours}
        context = MigrationContext.configure(connection, opts=options)
        assert compare_metadata(context, Base.metadata) == []


def _ours(obj: object, name: str, type_: str, _reflected: bool, _compare_to: object) -> bool:
    """Only the social-map tables: the migration under test is ours, not the others'."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table in SOCIALMAP_TABLES


def test_downgrade_removes_the_tables_and_upgrade_restores_them(db_url: str) -> None:
    migrate.downgrade(db_url, "0001_handover")
    assert not SOCIALMAP_TABLES & _tables(db_url)
    assert "handover" in _tables(db_url)
    migrate.upgrade(db_url)
    assert _tables(db_url) >= SOCIALMAP_TABLES


def test_deleting_a_service_removes_what_it_owns(db_url: str) -> None:
    with session_scope(db_url) as session:
        session.add(models.Organization(id="org", name="Org"))
        session.flush()  # no ORM relationships: flush parents first
        session.add(models.Location(id="loc", organization_id="org", name="Buurthuis"))
        session.add(
            models.Service(
                id="svc",
                organization_id="org",
                name="Dienst",
                routes=["volunteer"],
                last_verified_at=date(2026, 11, 1),
                verified_by="test",
            )
        )
        session.flush()
        session.add_all(
            [
                models.ServiceArea(
                    id="a", service_id="svc", scope="local", municipality_code="GM0344"
                ),
                models.Language(id="l", service_id="svc", code="tr"),
                models.Contact(id="c", service_id="svc", name="Voorbeeld Persoon"),
                models.ServiceAtLocation(id="sal", service_id="svc", location_id="loc"),
            ]
        )
        session.flush()
        session.add(models.Phone(id="p", service_id="svc", contact_id="c", number="+31300000101"))
        session.add(
            models.Schedule(
                id="s",
                service_id="svc",
                location_id="loc",
                byday="MO",
                opens_at=time(9),
                closes_at=time(12),
            )
        )
    with session_scope(db_url) as session:
        service = session.get(models.Service, "svc")
        assert service.routes == ["volunteer"] and service.status == "active"
        session.delete(service)
    with session_scope(db_url) as session:
        for model in models.SERVICE_CHILDREN:
            assert session.scalars(select(model)).all() == []
        assert session.get(models.Location, "loc") is not None
