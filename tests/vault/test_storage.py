"""Issue 3, point 1: SQLCipher storage, settings, owner-only files, repositories for every entity
and full-text search."""

from __future__ import annotations

import stat
import threading
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.domain import Note, Participant
from erms_desktop.domain.errors import FinalNoteError
from erms_desktop.domain.records import RECORD_KINDS, kind_of
from erms_desktop.vault import (
    RecordNotFoundError,
    Vault,
    VaultError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    VaultState,
)
from erms_desktop.vault.paths import VaultPaths
from tests.vault.conftest import PASSPHRASE, PASSPHRASE_ONLY, a_note, caseload


def _pragma(vault: Vault, name: str) -> object:
    with vault.store._read() as db:
        return db.execute(f"PRAGMA {name}").fetchone()[0]


def test_connection_settings(vault: Vault) -> None:
    assert str(_pragma(vault, "journal_mode")).lower() == "wal"
    assert _pragma(vault, "synchronous") == 2  # FULL
    assert _pragma(vault, "foreign_keys") == 1
    assert str(_pragma(vault, "cipher_version")).startswith("4.")
    header = vault.paths.database.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"  # the file is not a plain SQLite database


def test_files_and_folders_are_owner_only(vault: Vault) -> None:
    vault.store.save(a_note())
    assert stat.S_IMODE(vault.paths.folder.stat().st_mode) == 0o700
    for path in vault.paths.folder.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_folder_given_else_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ERMS_DATA_DIR", str(tmp_path / "ignored"))  # the desktop's settings
    assert VaultPaths.resolve(tmp_path / "given").folder == tmp_path / "given"  # read it, not us
    default = VaultPaths.resolve().folder
    assert "ERMS Desktop" in str(default)
    assert default.name == "vault"


def test_every_entity_round_trips(vault: Vault) -> None:
    records = caseload()
    for entity in records:
        vault.store.save(entity)
    vault.lock()
    vault.unlock(PASSPHRASE)
    for entity in records:
        assert vault.store.get(type(entity), entity.id) == entity
    assert {kind_of(e) for e in records} == set(RECORD_KINDS)


def test_lists_by_case_and_party_file(vault: Vault) -> None:
    records = caseload()
    for entity in records:
        vault.store.save(entity)
    note = next(e for e in records if isinstance(e, Note))
    victim = next(e for e in records if isinstance(e, Participant))
    assert vault.store.find_all(Note, case_id=note.case_id) == [note]
    assert vault.store.find_all(Note, party_file_id=note.party_file_id) == [note]
    assert victim in vault.store.find_all(Participant, case_id=note.case_id)
    assert vault.store.find_all(Note, case_id=a_note().case_id) == []


def test_delete_leaves_a_tombstone_and_an_outbox_entry(vault: Vault) -> None:
    note = a_note()
    vault.store.save(note)
    vault.store.delete(Note, note.id)
    assert vault.store.find(Note, note.id) is None
    assert [e.op for e in vault.store.pending_outbox()] == ["upsert", "delete"]
    with pytest.raises(RecordNotFoundError):
        vault.store.delete(Note, note.id)
    with pytest.raises(RecordNotFoundError):
        vault.store.get(Note, note.id)


def test_final_note_cannot_change(vault: Vault) -> None:
    final = a_note("Final words").finalise(a_note().created_at)
    vault.store.save(final)
    vault.store.save(final)  # unchanged: allowed, writes nothing
    import dataclasses

    with pytest.raises(FinalNoteError):
        vault.store.save(dataclasses.replace(final, body="Rewritten history"))
    assert vault.store.get(Note, final.id).body == "Final words"
    assert len(vault.store.pending_outbox()) == 1


def test_record_and_outbox_commit_together(vault: Vault) -> None:
    """A failure while writing the outbox entry leaves no record either."""
    with vault.store._read() as db:
        db.execute(
            "CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
    note = a_note()
    with pytest.raises(VaultError):
        vault.store.save(note)
    assert vault.store.find(Note, note.id) is None
    assert vault.store.search_notes("short synthetic") == []


def test_search_notes_folds_accents_and_ignores_syntax(vault: Vault) -> None:
    first = a_note("Visited Zoë at the café about the fence")
    second = a_note("Phoned the school; fence repaired", case_id=first.case_id)
    other = a_note("Fence panels delivered")
    for note in (first, second, other):
        vault.store.save(note)
    assert {hit.note_id for hit in vault.store.search_notes("zoe cafe")} == {first.id}
    assert {h.note_id for h in vault.store.search_notes("fence", case_id=first.case_id)} == {
        first.id,
        second.id,
    }
    assert len(vault.store.search_notes("fen*")) == 3
    assert len(vault.store.search_notes('fence" ( * :')) == 3  # typed syntax never raises
    assert vault.store.search_notes("  ") == []
    assert "[Zoë]" in vault.store.search_notes("zoe")[0].snippet
    vault.store.delete(Note, other.id)
    assert len(vault.store.search_notes("fence")) == 2


def test_a_search_hit_says_where_the_note_is_and_who_wrote_it(vault: Vault) -> None:
    """Read with the hit, so listing 200 hits does not load 200 notes; both indexes give it."""
    note = a_note("Arranged the garden visit with the neighbour")
    vault.store.save(note)
    for query in ("garden", "arde"):  # a word start (word index), inside a word (trigrams)
        (hit,) = vault.store.search_notes(query)
        assert (hit.party_file_id, hit.author_id) == (note.party_file_id, note.author_id)
        assert datetime.fromisoformat(hit.created_at) == note.created_at


def test_search_matches_the_start_of_a_word_and_inside_it(vault: Vault) -> None:
    """Issue 15, point 6: the first letters of a family name, or a part inside it, find the
    note without a trailing ``*``; short words match as prefixes; every word must match."""
    smith = a_note("Called Mrs Blacksmith-Owen about the meeting room")
    other = a_note("Sent the letter to the school")
    for note in (smith, other):
        vault.store.save(note)
    for typed in ("Blac", "blacks", "smith", "mith owe", "me", "bl ro", "Smith-Ow"):
        assert [hit.note_id for hit in vault.store.search_notes(typed)] == [smith.id], typed
    assert vault.store.search_notes("mith school") == []
    assert vault.store.search_notes("xq") == []
    assert "[smith]" in vault.store.search_notes("smith")[0].snippet.lower()
    vault.store.delete(Note, smith.id)
    assert vault.store.search_notes("mith") == []


def test_drafts_autosave_and_are_offered_back(vault: Vault) -> None:
    draft = a_note("Half-written thoughts")
    vault.store.save_draft(draft)
    vault.store.save_draft(draft.revise("Half-written thoughts, more"))
    vault.lock()  # as after a crash or an auto-lock
    vault.unlock(PASSPHRASE)
    assert [d.body for d in vault.store.drafts()] == ["Half-written thoughts, more"]
    assert vault.store.pending_outbox() == []  # drafts are local only
    vault.store.save(draft.revise("Done").finalise(draft.created_at))
    assert vault.store.drafts() == []


def test_create_refuses_an_existing_vault(vault: Vault, recovery_key: X25519PrivateKey) -> None:
    vault.store.save(a_note())
    vault.lock()
    before = vault.paths.database.read_bytes()
    again = Vault(vault.paths.folder, policy=PASSPHRASE_ONLY)
    with pytest.raises(VaultExistsError):
        again.create(PASSPHRASE, recovery_key.public_key())
    assert vault.paths.database.read_bytes() == before


def test_locked_vault_refuses_data_access(vault: Vault) -> None:
    store = vault.store
    vault.lock()
    assert vault.state is VaultState.LOCKED
    assert vault._data_key is None
    assert vault._store is None
    with pytest.raises(VaultLockedError):
        _ = vault.store
    with pytest.raises(VaultError):
        store.find_all(Note)  # a reference kept from before the lock is dead too


def test_absent_vault(folder: Path) -> None:
    vault = Vault(folder, policy=PASSPHRASE_ONLY)
    assert vault.state is VaultState.ABSENT
    with pytest.raises(VaultNotFoundError):
        vault.unlock(PASSPHRASE)
    assert not folder.exists()


def test_usable_from_one_worker_thread(vault: Vault) -> None:
    """The GUI unlocks on one thread and does all database work on its worker thread."""
    note = a_note()
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            vault.store.save(note)
            assert vault.store.get(Note, note.id) == note
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert failures == []
    assert vault.store.get(Note, note.id) == note
