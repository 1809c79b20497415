"""Checking returned laptops in: check-ins with their receipts, and hand-over packages.

Revision ID: 0004_checkin
Revises: 0004_office_shell (chained after it in this branch; the lead re-chains at merge)
Create Date: 2026-11-24 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_checkin"
down_revision = "0004_office_people"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("staff_user_id", sa.String(length=36), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("receipt", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"]),
        sa.ForeignKeyConstraint(["staff_user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("device_id"),
    )
    op.create_table(
        "handover_packages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=36), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"]),
        sa.ForeignKeyConstraint(["uploaded_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_handover_packages_device_id", "handover_packages", ["device_id"], unique=False
    )
    op.create_table(
        "handover_items",
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["package_id"], ["handover_packages.id"]),
        sa.PrimaryKeyConstraint("package_id", "item_id"),
    )
    op.create_index("ix_handover_items_case_id", "handover_items", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_handover_items_case_id", table_name="handover_items")
    op.drop_table("handover_items")
    op.drop_index("ix_handover_packages_device_id", table_name="handover_packages")
    op.drop_table("handover_packages")
    op.drop_table("checkins")
