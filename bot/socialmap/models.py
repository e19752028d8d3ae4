"""Social map tables, named after Open Referral HSDS 3.0 where it fits.

Ids are the stable strings of the import file, so importing the same file again updates rows
instead of adding them. Everything a service owns (areas, languages, contacts, phones,
schedules, its locations) hangs from it with ON DELETE CASCADE and is replaced as a whole on
import. Short lists the lookup only reads (routes, help kinds, target groups, phases) are JSON
columns: they are filtered in Python on the few candidates of one municipality.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)

from bot.storage.base import Base, utcnow

ID = 64  # length of the stable string ids from import files


class Organization(Base):
    """Who runs services: the municipality's debt desk, Humanitas, a food bank, ..."""

    __tablename__ = "organization"

    id: str = Column(String(ID), primary_key=True)
    name: str = Column(String(200), nullable=False)
    description: str = Column(Text, nullable=False, default="")
    email: str | None = Column(String(200), nullable=True)
    website: str | None = Column(String(300), nullable=True)
    # Whether the municipality has an agreement ("convenant", subsidy) with this organisation.
    agreement_with_municipality: bool = Column(Boolean, nullable=False, default=False)
    agreement_note: str = Column(Text, nullable=False, default="")
    is_example: bool = Column(Boolean, nullable=False, default=False)
    updated_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Service(Base):
    """One kind of help an organisation offers, with what it explicitly does NOT do."""

    __tablename__ = "service"

    id: str = Column(String(ID), primary_key=True)
    organization_id: str = Column(
        String(ID), ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: str = Column(String(200), nullable=False)
    description: str = Column(Text, nullable=False, default="")
    url: str | None = Column(String(300), nullable=True)
    email: str | None = Column(String(200), nullable=True)
    status: str = Column(String(16), nullable=False, default="active")
    application_process: str = Column(Text, nullable=False, default="")  # how to sign up
    help_kinds: list = Column(JSON, nullable=False, default=list)
    not_done: list = Column(JSON, nullable=False, default=list)
    routes: list = Column(JSON, nullable=False, default=list)
    target_groups: list = Column(JSON, nullable=False, default=list)
    phases: list = Column(JSON, nullable=False, default=list)
    waiting_days: int | None = Column(Integer, nullable=True)
    # The municipality's own debt help (or who it mandated): the fallback and the urgent desk.
    municipal_desk: bool = Column(Boolean, nullable=False, default=False)
    last_verified_at: date = Column(Date, nullable=False)
    verified_by: str = Column(String(200), nullable=False)
    is_example: bool = Column(Boolean, nullable=False, default=False)
    updated_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (
        CheckConstraint("status IN ('active', 'inactive')", name="status"),
        CheckConstraint("waiting_days IS NULL OR waiting_days >= 0", name="waiting_days"),
    )


class Location(Base):
    """A place with an address: where walk-in hours are held."""

    __tablename__ = "location"

    id: str = Column(String(ID), primary_key=True)
    organization_id: str = Column(
        String(ID), ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: str = Column(String(200), nullable=False, default="")
    description: str = Column(Text, nullable=False, default="")
    address_1: str = Column(String(200), nullable=False, default="")
    postal_code: str = Column(String(7), nullable=False, default="")
    city: str = Column(String(100), nullable=False, default="")
    updated_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class ServiceAtLocation(Base):
    """Which service is offered where (HSDS link table)."""

    __tablename__ = "service_at_location"

    id: str = Column(String(ID), primary_key=True)
    service_id: str = Column(
        String(ID), ForeignKey("service.id", ondelete="CASCADE"), nullable=False, index=True
    )
    location_id: str = Column(
        String(ID), ForeignKey("location.id", ondelete="CASCADE"), nullable=False, index=True
    )


class ServiceArea(Base):
    """Where a service's residents live: one municipality per row, or the whole country.

    ``scope`` says how the resident should read it: ``local`` (the municipality itself),
    ``regional`` (one of several municipalities served) or ``national`` (no code).
    """

    __tablename__ = "service_area"

    id: str = Column(String(ID), primary_key=True)
    service_id: str = Column(
        String(ID), ForeignKey("service.id", ondelete="CASCADE"), nullable=False, index=True
    )
    scope: str = Column(String(16), nullable=False)
    municipality_code: str | None = Column(String(6), nullable=True, index=True)
    name: str = Column(String(200), nullable=False, default="")

    __table_args__ = (
        CheckConstraint("scope IN ('local', 'regional', 'national')", name="scope"),
        CheckConstraint(
            "(scope = 'national' AND municipality_code IS NULL)"
            " OR (scope <> 'national' AND municipality_code IS NOT NULL)",
            name="code_matches_scope",
        ),
        Index("ix_service_area_scope", "scope"),
    )


class Language(Base):
    """A language the service's people speak (ISO 639-1; ``note`` says e.g. Darija)."""

    __tablename__ = "language"

    id: str = Column(String(ID), primary_key=True)
    service_id: str = Column(
        String(ID), ForeignKey("service.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code: str = Column(String(2), nullable=False)
    name: str = Column(String(64), nullable=False, default="")
    note: str = Column(Text, nullable=False, default="")


class Contact(Base):
    """A named person at a service: the warm handover goes to someone, not to a desk."""

    __tablename__ = "contact"

    id: str = Column(String(ID), primary_key=True)
    service_id: str = Column(
        String(ID), ForeignKey("service.id", ondelete="CASCADE"), nullable=False
    )
    name: str = Column(String(200), nullable=False)
    title: str = Column(String(200), nullable=False, default="")
    email: str | None = Column(String(200), nullable=True)

    # (service_id, id): the lookup's "first contact of this service" needs no sort.
    __table_args__ = (Index("ix_contact_service_id", "service_id", "id"),)


class Phone(Base):
    """A number in E.164; with ``contact_id`` it is that person's direct line."""

    __tablename__ = "phone"

    id: str = Column(String(ID), primary_key=True)
    service_id: str = Column(
        String(ID), ForeignKey("service.id", ondelete="CASCADE"), nullable=False
    )
    contact_id: str | None = Column(
        String(ID), ForeignKey("contact.id", ondelete="CASCADE"), nullable=True, index=True
    )
    number: str = Column(String(20), nullable=False)
    type: str = Column(String(16), nullable=False, default="voice")
    description: str = Column(Text, nullable=False, default="")

    # (service_id, id): the lookup's "first phone of this service" needs no sort.
    __table_args__ = (Index("ix_phone_service_id", "service_id", "id"),)


class Schedule(Base):
    """Weekly walk-in hours ("inloopspreekuur"), iCalendar style as HSDS does it."""

    __tablename__ = "schedule"

    id: str = Column(String(ID), primary_key=True)
    service_id: str = Column(
        String(ID), ForeignKey("service.id", ondelete="CASCADE"), nullable=False, index=True
    )
    location_id: str | None = Column(
        String(ID), ForeignKey("location.id", ondelete="SET NULL"), nullable=True, index=True
    )
    freq: str = Column(String(8), nullable=False, default="WEEKLY")
    byday: str = Column(String(32), nullable=False)  # e.g. "MO,WE"
    opens_at: time = Column(Time, nullable=False)
    closes_at: time = Column(Time, nullable=False)
    description: str = Column(Text, nullable=False, default="")


class Gap(Base):
    """A need the map could not meet locally: what coordinators should go and find."""

    __tablename__ = "socialmap_gap"

    id: int = Column(Integer, primary_key=True, autoincrement=True)
    municipality_code: str = Column(String(6), nullable=False, index=True)
    route: str = Column(String(16), nullable=False)
    need: str | None = Column(String(64), nullable=True)
    language: str = Column(String(2), nullable=False)
    # no_service: nothing fits at all; need_not_met / language_not_met: offered, but not that.
    reason: str = Column(String(32), nullable=False)
    at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)


class PostcodeArea(Base):
    """PC4 -> municipality from a full CBS table; the shipped CSV is only the fallback."""

    __tablename__ = "postcode_area"

    pc4: str = Column(String(4), primary_key=True)
    municipality_code: str = Column(String(6), nullable=False, index=True)
    source: str = Column(String(200), nullable=False, default="")
    imported_at: datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow)


# Children in the order they can be deleted (phones before their contacts).
SERVICE_CHILDREN = (Schedule, Phone, Contact, Language, ServiceArea, ServiceAtLocation)
