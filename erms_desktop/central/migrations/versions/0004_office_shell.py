"""Office sign-in: a session may have no device (staff on an office machine, nothing synced).

SQLite cannot change a column's nullability in place; Alembic's batch mode would rebuild the
table with its foreign keys in no fixed order (so the demo's schema snapshot would differ from
run to run), so on SQLite the table is rebuilt here explicitly, keeping every session.

Revision ID: 0004_office_shell
Revises: 0003
Create Date: 2026-11-24 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_office_shell"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = "token_hash, user_id, device_id, created_at, expires_at, password_only"


def upgrade() -> None:
    _set_nullable(nullable=True)


def downgrade() -> None:
    # Office sessions cannot be kept without a device: they end (staff sign in again).
    op.execute("DELETE FROM sessions WHERE device_id IS NULL")
    _set_nullable(nullable=False)


def _set_nullable(*, nullable: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "sessions", "device_id", existing_type=sa.String(length=36), nullable=nullable
        )
        return
    op.create_table(
        "sessions_rebuilt",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=nullable),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_only", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.execute(f"INSERT INTO sessions_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM sessions")  # noqa: S608 - fixed names
    op.drop_index("ix_sessions_device_id", table_name="sessions")
    op.drop_index("ix_sessions_user_id", table_name="sessions")
    op.drop_table("sessions")
    op.rename_table("sessions_rebuilt", "sessions")
    op.create_index("ix_sessions_device_id", "sessions", ["device_id"], unique=False)
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"], unique=False)
