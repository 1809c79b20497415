"""Migration 0002b: attachments stored by hash move into every party file whose live documents
name them (as if each file had uploaded them); the downgrade keeps one copy per hash."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from erms_desktop.central.db import make_engine
from erms_desktop.central.migrate import alembic_config, upgrade

CONTENT = b"A scanned consent form."
SHA = hashlib.sha256(CONTENT).hexdigest()
NOW = datetime(2026, 5, 1, tzinfo=UTC)


def _record(
    kind: str, case_id: str | None, file_id: str | None, **fields: object
) -> dict[str, object]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "case_id": case_id,
        "party_file_id": file_id,
        "fields": fields,
        "field_versions": {},
        "version": 1,
        "deleted": False,
        "seq": 1,
        "updated_at": NOW,
    }


def test_upgrade_binds_stored_content_to_the_files_that_name_it(db_url: str) -> None:
    command.downgrade(alembic_config(db_url), "0001")
    engine = make_engine(db_url)
    meta = sa.MetaData()
    meta.reflect(engine, only=["users", "records", "attachments", "attachment_chunks"])
    case_id, victim, offender = (str(uuid.uuid4()) for _ in range(3))
    user = str(uuid.uuid4())
    try:
        with engine.begin() as conn:
            conn.execute(
                meta.tables["users"].insert(),
                {
                    "id": user,
                    "username": "sam",
                    "role": "staff",
                    "password_hash": "x",
                    "password_changed_at": NOW,
                    "must_change_password": False,
                    "failed_attempts": 0,
                    "created_at": NOW,
                },
            )
            conn.execute(
                meta.tables["records"].insert(),
                [
                    _record("document", case_id, victim, sha256=SHA),
                    _record("document", case_id, offender, sha256=SHA),
                    _record("document", case_id, victim, sha256="0" * 64),
                ],
            )
            conn.execute(
                meta.tables["attachments"].insert(),
                {
                    "sha256": SHA,
                    "size": len(CONTENT),
                    "media_type": "application/pdf",
                    "received": len(CONTENT),
                    "complete": True,
                    "uploaded_by": user,
                    "created_at": NOW,
                },
            )
            conn.execute(
                meta.tables["attachment_chunks"].insert(),
                {"sha256": SHA, "offset": 0, "data": CONTENT},
            )
        upgrade(db_url)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT party_file_id, case_id, sha256, size FROM attachments")
            ).all()
            chunks = conn.execute(
                sa.text("SELECT party_file_id, data FROM attachment_chunks")
            ).all()
        assert sorted(rows) == sorted(
            [(victim, case_id, SHA, len(CONTENT)), (offender, case_id, SHA, len(CONTENT))]
        )
        assert sorted(chunks) == sorted([(victim, CONTENT), (offender, CONTENT)])
        command.downgrade(alembic_config(db_url), "0001")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT sha256 FROM attachments")).scalars().all() == [SHA]
            assert conn.execute(sa.text("SELECT data FROM attachment_chunks")).scalars().all() == [
                CONTENT
            ]
    finally:
        engine.dispose()
        upgrade(db_url)
