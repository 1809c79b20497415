"""The office's referral intake: details, equality monitoring, anonymous rejection counts.

Revision ID: 0003
Revises: 0002c
Create Date: 2026-11-24 07:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referral_details",
        sa.Column("referral_id", sa.String(length=36), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("referral_id"),
    )
    op.create_table(
        "equality_monitoring",
        sa.Column("referral_id", sa.String(length=36), nullable=False),
        sa.Column("age_band", sa.String(length=30), nullable=True),
        sa.Column("gender", sa.String(length=60), nullable=True),
        sa.Column("ethnicity", sa.String(length=60), nullable=True),
        sa.Column("disability", sa.String(length=60), nullable=True),
        sa.PrimaryKeyConstraint("referral_id"),
    )
    op.create_table(
        "referral_rejections",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "reason"),
    )


def downgrade() -> None:
    op.drop_table("referral_rejections")
    op.drop_table("equality_monitoring")
    op.drop_table("referral_details")
