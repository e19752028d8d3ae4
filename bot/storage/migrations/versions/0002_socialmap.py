"""Social map (HSDS-style tables), gaps and the PC4 -> municipality table.

Revision ID: 0002_socialmap
Revises: 0001_handover
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_socialmap"
down_revision = "0001_handover"
branch_labels = None
depends_on = None


def _id(name: str = "id") -> sa.Column:
    return sa.Column(name, sa.String(64), nullable=False)


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def _index(table: str, column: str) -> None:
    op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "organization",
        _id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("website", sa.String(300), nullable=True),
        sa.Column("agreement_with_municipality", sa.Boolean(), nullable=False),
        sa.Column("agreement_note", sa.Text(), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organization"),
    )
    op.create_table(
        "service",
        _id(),
        _id("organization_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("url", sa.String(300), nullable=True),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("application_process", sa.Text(), nullable=False),
        sa.Column("help_kinds", sa.JSON(), nullable=False),
        sa.Column("not_done", sa.JSON(), nullable=False),
        sa.Column("routes", sa.JSON(), nullable=False),
        sa.Column("target_groups", sa.JSON(), nullable=False),
        sa.Column("phases", sa.JSON(), nullable=False),
        sa.Column("waiting_days", sa.Integer(), nullable=True),
        sa.Column("municipal_desk", sa.Boolean(), nullable=False),
        sa.Column("last_verified_at", sa.Date(), nullable=False),
        sa.Column("verified_by", sa.String(200), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_service"),
        _fk("service", "organization_id", "organization"),
        sa.CheckConstraint("status IN ('active', 'inactive')", name="ck_service_status"),
        sa.CheckConstraint(
            "waiting_days IS NULL OR waiting_days >= 0", name="ck_service_waiting_days"
        ),
    )
    _index("service", "organization_id")
    op.create_table(
        "location",
        _id(),
        _id("organization_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("address_1", sa.String(200), nullable=False),
        sa.Column("postal_code", sa.String(7), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_location"),
        _fk("location", "organization_id", "organization"),
    )
    _index("location", "organization_id")
    op.create_table(
        "service_at_location",
        _id(),
        _id("service_id"),
        _id("location_id"),
        sa.PrimaryKeyConstraint("id", name="pk_service_at_location"),
        _fk("service_at_location", "service_id", "service"),
        _fk("service_at_location", "location_id", "location"),
    )
    _index("service_at_location", "service_id")
    _index("service_at_location", "location_id")
    op.create_table(
        "service_area",
        _id(),
        _id("service_id"),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("municipality_code", sa.String(6), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_service_area"),
        _fk("service_area", "service_id", "service"),
        sa.CheckConstraint(
            "scope IN ('local', 'regional', 'national')", name="ck_service_area_scope"
        ),
        sa.CheckConstraint(
            "(scope = 'national' AND municipality_code IS NULL)"
            " OR (scope <> 'national' AND municipality_code IS NOT NULL)",
            name="ck_service_area_code_matches_scope",
        ),
    )
    _index("service_area", "service_id")
    _index("service_area", "municipality_code")
    _index("service_area", "scope")
    op.create_table(
        "language",
        _id(),
        _id("service_id"),
        sa.Column("code", sa.String(2), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_language"),
        _fk("language", "service_id", "service"),
    )
    _index("language", "service_id")
    op.create_table(
        "contact",
        _id(),
        _id("service_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("email", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_contact"),
        _fk("contact", "service_id", "service"),
    )
    op.create_index("ix_contact_service_id", "contact", ["service_id", "id"])
    op.create_table(
        "phone",
        _id(),
        _id("service_id"),
        sa.Column("contact_id", sa.String(64), nullable=True),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_phone"),
        _fk("phone", "service_id", "service"),
        _fk("phone", "contact_id", "contact"),
    )
    op.create_index("ix_phone_service_id", "phone", ["service_id", "id"])
    _index("phone", "contact_id")
    op.create_table(
        "schedule",
        _id(),
        _id("service_id"),
        sa.Column("location_id", sa.String(64), nullable=True),
        sa.Column("freq", sa.String(8), nullable=False),
        sa.Column("byday", sa.String(32), nullable=False),
        sa.Column("opens_at", sa.Time(), nullable=False),
        sa.Column("closes_at", sa.Time(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_schedule"),
        _fk("schedule", "service_id", "service"),
        _fk("schedule", "location_id", "location", ondelete="SET NULL"),
    )
    _index("schedule", "service_id")
    _index("schedule", "location_id")
    op.create_table(
        "socialmap_gap",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("municipality_code", sa.String(6), nullable=False),
        sa.Column("route", sa.String(16), nullable=False),
        sa.Column("need", sa.String(64), nullable=True),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_socialmap_gap"),
    )
    _index("socialmap_gap", "municipality_code")
    _index("socialmap_gap", "at")
    op.create_table(
        "postcode_area",
        sa.Column("pc4", sa.String(4), nullable=False),
        sa.Column("municipality_code", sa.String(6), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pc4", name="pk_postcode_area"),
    )
    _index("postcode_area", "municipality_code")


def downgrade() -> None:
    for table in (
        "postcode_area",
        "socialmap_gap",
        "schedule",
        "phone",
        "contact",
        "language",
        "service_area",
        "service_at_location",
        "location",
        "service",
        "organization",
    ):
        op.drop_table(table)
