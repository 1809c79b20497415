"""Supervision notes: office-only records on a case, never pulled by a laptop.

Revision ID: 0004_oversight
Revises: 0004_office_shell
Create Date: 2026-11-24 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_oversight"
down_revision = "0004_office_shell"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supervision_notes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_supervision_notes_case_id", "supervision_notes", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_supervision_notes_case_id", table_name="supervision_notes")
    op.drop_table("supervision_notes")
