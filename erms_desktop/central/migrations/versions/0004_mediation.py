"""Mediation cases: every case held so far is recorded as a restorative justice case.

A case's type lives in its record fields (``case_type``). Cases written before case types
existed carry none; this migration writes ``restorative_justice`` into each, so the store
holds the type explicitly and unchanged otherwise (the same step the vault's schema 4 takes
on a laptop). The records' versions are not bumped: a laptop migrates its own copy.

Revision ID: 0004_mediation
Revises: 0003
Create Date: 2026-11-24 09:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_mediation"
down_revision = "0004_checkin"
branch_labels = None
depends_on = None

_RECORDS = sa.table(
    "records",
    sa.column("id", sa.String(36)),
    sa.column("kind", sa.String(40)),
    sa.column("fields", sa.JSON()),
)
_TYPE = "case_type"
_RESTORATIVE_JUSTICE = "restorative_justice"


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_RECORDS.c.id, _RECORDS.c.fields).where(_RECORDS.c.kind == "case")
    )
    for record_id, fields in rows.all():
        if fields and _TYPE not in fields:
            bind.execute(
                _RECORDS.update()
                .where(_RECORDS.c.id == record_id)
                .values(fields={**fields, _TYPE: _RESTORATIVE_JUSTICE})
            )


def downgrade() -> None:
    """Back to a store without case types: refused while it holds a mediation case, which the
    older schema could only mislabel as restorative justice."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_RECORDS.c.id, _RECORDS.c.fields).where(_RECORDS.c.kind == "case")
    )
    cases = rows.all()
    if any(
        (fields or {}).get(_TYPE, _RESTORATIVE_JUSTICE) != _RESTORATIVE_JUSTICE
        for _, fields in cases
    ):
        raise RuntimeError("the store holds mediation cases: it cannot go back before 0004")
    for record_id, fields in cases:
        if fields and _TYPE in fields:
            trimmed = {name: value for name, value in fields.items() if name != _TYPE}
            bind.execute(_RECORDS.update().where(_RECORDS.c.id == record_id).values(fields=trimmed))
