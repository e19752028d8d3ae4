"""Community meetings for ambassador mode, and the web chat's stored replies (dedupe).

Revision ID: 0005_meetings
Revises: 0004_channels
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_meetings"
down_revision = "0004_channels"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("municipality_code", sa.String(6), nullable=False),
        sa.Column("community", sa.String(2), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_meeting"),
        sa.CheckConstraint("community IN ('tr', 'ma')", name="ck_meeting_community"),
    )
    op.create_index("ix_meeting_municipality_code", "meeting", ["municipality_code"])
    op.create_index("ix_meeting_date", "meeting", ["date"])
    op.create_table(
        "webchat_reply",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reply", sa.JSON(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_webchat_reply"),
        sa.CheckConstraint("state IN ('processing', 'done')", name="ck_webchat_reply_state"),
    )
    op.create_index("ix_webchat_reply_created_at", "webchat_reply", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_webchat_reply_created_at", table_name="webchat_reply")
    op.drop_table("webchat_reply")
    op.drop_index("ix_meeting_date", table_name="meeting")
    op.drop_index("ix_meeting_municipality_code", table_name="meeting")
    op.drop_table("meeting")
