"""Channel state: Twilio message dedupe and conversations (filled by the channels work)

Revision ID: 0004_channels
Revises: 0003_outbox
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_channels"
down_revision = "0003_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "twilio_message_seen",
        sa.Column("message_sid", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("message_sid", name="pk_twilio_message_seen"),
    )
    op.create_index("ix_twilio_message_seen_received_at", "twilio_message_seen", ["received_at"])
    op.create_table(
        "channel_conversation",
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address_sealed", sa.Text(), nullable=False),
        sa.Column("language", sa.String(2), nullable=True),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offered_buttons", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pseudonym", name="pk_channel_conversation"),
        sa.CheckConstraint(
            "channel IN ('whatsapp', 'sms')", name="ck_channel_conversation_channel"
        ),
    )


def downgrade() -> None:
    op.drop_table("channel_conversation")
    op.drop_index("ix_twilio_message_seen_received_at", table_name="twilio_message_seen")
    op.drop_table("twilio_message_seen")
