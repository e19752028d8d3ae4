"""Handover and its status history.

Revision ID: 0001_handover
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_handover"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("municipality_code", sa.String(6), nullable=False),
        sa.Column("route", sa.String(16), nullable=False),
        sa.Column("route_reason", sa.Text(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("threats", sa.JSON(), nullable=False),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("receiver_name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contact_method", sa.String(16), nullable=False),
        sa.Column("contact_encrypted", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("referrer_ambassador_id", sa.String(64), nullable=True),
        sa.Column("referrer_meeting_code", sa.String(32), nullable=True),
        sa.Column("consent_given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("consent_text_version", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_handover"),
        sa.UniqueConstraint("idempotency_key", name="uq_handover_idempotency_key"),
    )
    op.create_index("ix_handover_municipality_code", "handover", ["municipality_code"])
    op.create_index("ix_handover_organization_id", "handover", ["organization_id"])
    op.create_index("ix_handover_status", "handover", ["status"])
    op.create_table(
        "handover_status_event",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("handover_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_handover_status_event"),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handover.id"],
            name="fk_handover_status_event_handover_id_handover",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_handover_status_event_handover_id", "handover_status_event", ["handover_id"]
    )


def downgrade() -> None:
    op.drop_table("handover_status_event")
    op.drop_table("handover")
