"""Outbox, delivery endpoints, API tokens, resident inbox, ambassador feedback, escalations.

Revision ID: 0003_outbox
Revises: 0002_socialmap
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox"
down_revision = "0002_socialmap"
branch_labels = None
depends_on = None

TABLES = (
    "handover_escalation",
    "ambassador_notification",
    "resident_message",
    "outbox_message",
    "delivery_endpoint",
    "api_token",
)


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _handover_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["handover_id"],
        ["handover.id"],
        name=f"fk_{table}_handover_id_handover",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("subject", sa.String(64), nullable=True),
        sa.Column("name", sa.String(100), nullable=False),
        _when("created_at"),
        _when("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_token"),
        sa.UniqueConstraint("token_hash", name="uq_api_token_token_hash"),
        sa.CheckConstraint(
            "role IN ('organization', 'coordinator', 'admin', 'ambassador')",
            name="ck_api_token_role",
        ),
    )
    op.create_table(
        "delivery_endpoint",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner_kind", sa.String(16), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("secret_sealed", sa.Text(), nullable=True),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_delivery_endpoint"),
        sa.UniqueConstraint("owner_kind", "owner_id", name="uq_delivery_endpoint_owner_kind"),
        sa.CheckConstraint(
            "channel IN ('webhook', 'email', 'sms', 'whatsapp')",
            name="ck_delivery_endpoint_channel",
        ),
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dedupe_key", sa.String(200), nullable=False),
        sa.Column("handover_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("recipient_kind", sa.String(16), nullable=False),
        sa.Column("recipient_id", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _when("created_at"),
        _when("next_attempt_at"),
        _when("locked_until", nullable=True),
        sa.Column("locked_by", sa.String(64), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("last_attempt_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=True),
        _when("delivered_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_message"),
        sa.UniqueConstraint("dedupe_key", name="uq_outbox_message_dedupe_key"),
        _handover_fk("outbox_message"),
        sa.CheckConstraint("state IN ('pending', 'delivered')", name="ck_outbox_message_state"),
    )
    op.create_index("ix_outbox_message_handover_id", "outbox_message", ["handover_id"])
    op.create_index("ix_outbox_message_recipient_id", "outbox_message", ["recipient_id"])
    op.create_index(
        "ix_outbox_message_state_next_attempt_at", "outbox_message", ["state", "next_attempt_at"]
    )
    op.create_table(
        "resident_message",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handover_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _when("created_at"),
        _when("read_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_resident_message"),
        sa.UniqueConstraint("handover_id", "kind", name="uq_resident_message_handover_id"),
        _handover_fk("resident_message"),
    )
    op.create_index("ix_resident_message_handover_id", "resident_message", ["handover_id"])
    op.create_table(
        "ambassador_notification",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ambassador_id", sa.String(64), nullable=False),
        sa.Column("handover_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("meeting_code", sa.String(32), nullable=True),
        _when("created_at"),
        _when("read_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_ambassador_notification"),
        _handover_fk("ambassador_notification"),
    )
    op.create_index(
        "ix_ambassador_notification_ambassador_id", "ambassador_notification", ["ambassador_id"]
    )
    op.create_index(
        "ix_ambassador_notification_handover_id", "ambassador_notification", ["handover_id"]
    )
    op.create_table(
        "handover_escalation",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handover_id", sa.String(36), nullable=False),
        sa.Column("municipality_code", sa.String(6), nullable=False),
        sa.Column("status_at_escalation", sa.String(16), nullable=False),
        _when("due_at"),
        _when("escalated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_handover_escalation"),
        sa.UniqueConstraint("handover_id", name="uq_handover_escalation_handover_id"),
        _handover_fk("handover_escalation"),
    )
    op.create_index(
        "ix_handover_escalation_municipality_code", "handover_escalation", ["municipality_code"]
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
