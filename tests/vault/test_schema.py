"""Issue 3, point 1: the schema is versioned, migrates forward step by step, and a database from
a newer version is refused and left untouched."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from erms_desktop.domain import Case
from erms_desktop.domain.enums import CaseType
from erms_desktop.domain.records import to_fields
from erms_desktop.vault import SchemaTooNewError, Vault, VaultCorruptError, VaultState
from erms_desktop.vault.attachments import PIECE
from erms_desktop.vault.connection import Connection, PageHmac, create_database
from erms_desktop.vault.schema import SCHEMA_VERSION, STEPS, current_version, migrate
from tests.vault.conftest import PASSPHRASE, PASSPHRASE_ONLY, a_note, caseload


def _digest(vault: Vault) -> str:
    return hashlib.sha256(vault.paths.database.read_bytes()).hexdigest()


def test_new_vault_is_at_the_latest_version(vault: Vault) -> None:
    with vault.store._read() as db:
        assert current_version(db) == SCHEMA_VERSION == len(STEPS)


def test_migrates_forward_step_by_step(vault: Vault) -> None:
    """Rebuild a version-1 database holding a note, then unlock: step 2 runs and indexes it."""
    note = a_note("Version one remembered the allotment")
    with vault.store._read() as db:
        tables = ("notes_fts", "notes_trigram", "attachment_chunks", "attachments", "drafts")
        for table in (*tables, "quarantine"):
            db.execute(f"DROP TABLE {table}")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        db.execute(
            "INSERT INTO records (id, kind, case_id, party_file_id, fields, dirty, updated_at)"
            " VALUES (?, 'note', ?, ?, ?, 0, 'now')",
            (note.id, note.case_id, note.party_file_id, _fields_json(note)),
        )
        assert current_version(db) == 1
    vault.lock()
    vault.unlock(PASSPHRASE)
    with vault.store._read() as db:
        assert current_version(db) == SCHEMA_VERSION
    assert [hit.note_id for hit in vault.store.search_notes("allotment")] == [note.id]


def test_version_two_gains_the_substring_index_for_notes_already_there(vault: Vault) -> None:
    """Step 3 (issue 15) fills the trigram index from the notes a version-2 vault holds."""
    note = a_note("Talked about the allotment")
    with vault.store._read() as db:
        db.execute("DROP TABLE notes_trigram")
        _content_back_in_one_column(db)
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        db.execute(
            "INSERT INTO records (id, kind, case_id, party_file_id, fields, dirty, updated_at)"
            " VALUES (?, 'note', ?, ?, ?, 0, 'now')",
            (note.id, note.case_id, note.party_file_id, _fields_json(note)),
        )
    vault.lock()
    vault.unlock(PASSPHRASE)
    with vault.store._read() as db:
        assert current_version(db) == SCHEMA_VERSION
    assert [hit.note_id for hit in vault.store.search_notes("llotm")] == [note.id]


def test_version_four_keeps_every_case_held_a_restorative_justice_case(vault: Vault) -> None:
    """Step 4 (issue 18, case types): a version-3 vault's cases - written before case types, so
    without one - are recorded as restorative justice cases, otherwise unchanged; they are not
    marked for sync (the store migrates its own copy)."""
    case = next(e for e in caseload() if isinstance(e, Case))
    old = to_fields(case)
    del old["case_type"], old["dispute_type"], old["dispute_summary"]  # the version-3 shape
    with vault.store._read() as db:
        _content_back_in_one_column(db)  # undo step 5 too: both run again from version 3
        db.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        db.execute(
            "INSERT INTO records (id, kind, case_id, party_file_id, fields, dirty, updated_at)"
            " VALUES (?, 'case', ?, NULL, ?, 0, 'now')",
            (case.id, case.id, json.dumps(old)),
        )
    vault.lock()
    vault.unlock(PASSPHRASE)
    with vault.store._read() as db:
        assert current_version(db) == SCHEMA_VERSION
        (raw, dirty), *_ = db.execute("SELECT fields, dirty FROM records WHERE id = ?", (case.id,))
    migrated = json.loads(raw)
    assert migrated == {**old, "case_type": "restorative_justice"}
    assert not dirty
    assert vault.store.find(Case, case.id) == case
    assert case.case_type is CaseType.RESTORATIVE_JUSTICE
    assert case.offence is not None


def test_version_five_cuts_attachment_content_into_pieces(vault: Vault) -> None:
    """Step 5 (issue 20) moves content kept whole into pieces read one at a time."""
    content = os.urandom(2 * PIECE + 5)
    digest = hashlib.sha256(content).hexdigest()
    with vault.store._read() as db:
        _content_back_in_one_column(db)
        db.execute(
            "INSERT INTO attachments (sha256, size, content, added_at) VALUES (?, ?, ?, 'now')",
            (digest, len(content), content),
        )
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert [len(p) for p in vault.store.attachment_pieces(digest)] == [PIECE, PIECE, 5]
    assert vault.store.read_attachment(digest) == content


def _content_back_in_one_column(db: Connection) -> None:
    """Undo step 5: attachment content whole in one column again."""
    db.execute("DROP TABLE attachment_chunks")
    db.execute("ALTER TABLE attachments ADD COLUMN content BLOB NOT NULL DEFAULT x''")


def test_each_step_runs_once_in_order(tmp_path: Path) -> None:
    connection = create_database(tmp_path / "steps.db", os.urandom(32), PageHmac.SHA256)
    try:
        seen: list[int] = []
        assert migrate(connection, target=1, progress=seen.append) == 1
        assert migrate(connection, progress=seen.append) == SCHEMA_VERSION
        assert migrate(connection, progress=seen.append) == SCHEMA_VERSION
        assert seen == list(range(1, SCHEMA_VERSION + 1))
    finally:
        connection.close()


def test_newer_schema_is_refused_and_untouched(vault: Vault) -> None:
    with vault.store._read() as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION + 1,))
    vault.lock()
    before = _digest(vault)
    again = Vault(vault.paths.folder, policy=PASSPHRASE_ONLY)
    with pytest.raises(SchemaTooNewError) as caught:
        again.unlock(PASSPHRASE)
    assert caught.value.found == SCHEMA_VERSION + 1
    assert again.state is VaultState.LOCKED
    assert _digest(vault) == before
    assert not vault.paths.wal.exists()


def test_database_without_schema_is_refused(vault: Vault) -> None:
    with vault.store._read() as db:
        db.execute("DROP TABLE meta")
    vault.lock()
    with pytest.raises(VaultCorruptError):
        vault.unlock(PASSPHRASE)
    assert vault.state is VaultState.LOCKED


def _fields_json(note: object) -> str:
    from erms_desktop.domain.records import to_fields
    from erms_desktop.vault.store_base import dump

    return dump(to_fields(note))  # type: ignore[arg-type]
