"""People and laptops: leavers, the app version a laptop reports, the laptop terms accepted at
issue, and what each laptop holds (for a breach summary after a loss).

Revision ID: 0004_office_people
Revises: 0004_office_shell (the lead re-chains at merge)
Create Date: 2026-11-24 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_office_people"
down_revision = "0004_oversight"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("devices") as devices:
        devices.add_column(sa.Column("app_version", sa.String(length=40), nullable=True))
    with op.batch_alter_table("enrolment_codes") as codes:
        codes.add_column(sa.Column("issued_by", sa.String(length=36), nullable=True))
        codes.add_column(sa.Column("terms_version", sa.String(length=40), nullable=True))
        codes.add_column(sa.Column("terms_accepted_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "device_holdings",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("party_file_id", sa.String(length=36), nullable=False),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"]),
        sa.PrimaryKeyConstraint("device_id", "case_id", "party_file_id"),
    )


def downgrade() -> None:
    op.drop_table("device_holdings")
    # DROP COLUMN in place (SQLite 3.35 and later too): none of these is indexed or a key.
    for table, column in (
        ("enrolment_codes", "terms_accepted_at"),
        ("enrolment_codes", "terms_version"),
        ("enrolment_codes", "issued_by"),
        ("devices", "app_version"),
        ("users", "disabled_at"),
    ):
        op.drop_column(table, column)
