"""Attachments bound to the party file they were uploaded into, keyed (party_file_id, sha256).

Existing content is copied into every party file whose live documents name it (as if each had
uploaded it); content no live document names is dropped. The downgrade keeps one copy per hash.

Revision ID: 0002b
Revises: 0001
Create Date: 2026-11-24 07:00:00
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0002b"
down_revision = "0001"
branch_labels = None
depends_on = None

_CONTENT_COLUMNS = ("size", "media_type", "received", "complete", "uploaded_by", "created_at")


def _content_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=200), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _create_by_file(prefix: str) -> None:
    op.create_table(
        f"{prefix}attachments",
        sa.Column("party_file_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        *_content_columns(),
        sa.ForeignKeyConstraint(["uploaded_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("party_file_id", "sha256"),
    )
    op.create_table(
        f"{prefix}attachment_chunks",
        sa.Column("party_file_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_file_id", "sha256"],
            [f"{prefix}attachments.party_file_id", f"{prefix}attachments.sha256"],
        ),
        sa.PrimaryKeyConstraint("party_file_id", "sha256", "offset"),
    )


def _create_by_hash(prefix: str) -> None:
    op.create_table(
        f"{prefix}attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        *_content_columns(),
        sa.ForeignKeyConstraint(["uploaded_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        f"{prefix}attachment_chunks",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["sha256"], [f"{prefix}attachments.sha256"]),
        sa.PrimaryKeyConstraint("sha256", "offset"),
    )


def _replace_tables(prefix: str) -> None:
    """Drop the old pair and give the new pair (made under ``prefix``) the usual names."""
    op.drop_table("attachment_chunks")
    op.drop_table("attachments")
    op.rename_table(f"{prefix}attachments", "attachments")
    op.rename_table(f"{prefix}attachment_chunks", "attachment_chunks")


def _copy(bind: sa.Connection, pairs: list[tuple[str, str, str]], into: Callable[..., str]) -> None:
    """Copy each named attachment row and its chunks with the statements ``into`` makes."""
    columns = ", ".join(_CONTENT_COLUMNS)
    for case_id, file_id, sha in pairs:
        params = {"case_id": case_id, "file_id": file_id, "sha": sha}
        bind.execute(sa.text(into("attachments", columns)), params)
        bind.execute(sa.text(into("attachment_chunks", "data")), params)


def upgrade() -> None:
    bind = op.get_bind()
    _create_by_file("new_")
    records = sa.table(
        "records",
        sa.column("kind", sa.String()),
        sa.column("case_id", sa.String()),
        sa.column("party_file_id", sa.String()),
        sa.column("deleted", sa.Boolean()),
        sa.column("fields", sa.JSON()),
    )
    documents = bind.execute(
        sa.select(records.c.case_id, records.c.party_file_id, records.c.fields).where(
            records.c.kind == "document", records.c.deleted.is_(False)
        )
    ).all()
    stored = set(bind.execute(sa.text("SELECT sha256 FROM attachments")).scalars())
    pairs = sorted(
        {
            (case_id, file_id, fields.get("sha256"))
            for case_id, file_id, fields in documents
            if case_id and file_id and fields.get("sha256") in stored
        }
    )

    def into(table: str, columns: str) -> str:
        offset = ', "offset"' if table == "attachment_chunks" else ""
        extra = "" if offset else ", case_id"
        chosen = "" if offset else ", :case_id"
        target = f"new_{table} (party_file_id, sha256{extra}{offset}, {columns})"
        source = f":file_id, sha256{chosen}{offset}, {columns} FROM {table}"
        return f"INSERT INTO {target} SELECT {source} WHERE sha256 = :sha"

    _copy(bind, pairs, into)
    _replace_tables("new_")


def downgrade() -> None:
    bind = op.get_bind()
    _create_by_hash("old_")
    rows = bind.execute(sa.text("SELECT party_file_id, sha256 FROM attachments")).all()
    first: dict[str, str] = {}
    for file_id, sha in sorted(rows):
        first.setdefault(sha, file_id)

    def into(table: str, columns: str) -> str:
        offset = ', "offset"' if table == "attachment_chunks" else ""
        target = f"old_{table} (sha256{offset}, {columns})"
        source = f"sha256{offset}, {columns} FROM {table}"
        where = "sha256 = :sha AND party_file_id = :file_id"
        return f"INSERT INTO {target} SELECT {source} WHERE {where}"

    _copy(bind, [("", file_id, sha) for sha, file_id in first.items()], into)
    _replace_tables("old_")
