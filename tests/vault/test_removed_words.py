"""A note removed from the laptop leaves no word of it in the vault file, even to someone holding
the vault key - a volunteer whose case was reallocated, reading the database with the SQLCipher
tool. Every page of ``vault.db`` is decrypted here with the data key and searched.

Before FTS5 ``secure-delete`` (schema step 6), removing a note only marked its index entries
deleted: the note's words and trigrams stayed readable in the index pages until a merge.
"""

from __future__ import annotations

import dataclasses
import uuid

from erms_desktop.domain import Case, Note
from erms_desktop.domain.records import to_fields
from erms_desktop.vault import RemoteChange, Vault
from tests.vault.conftest import PASSPHRASE, caseload
from tests.vault.forensics import found_with_the_key

#: A body whose words share no prefix with the other notes' words, and probes for each place a
#: note's text lands: the body itself, the word index's term and the trigram index's terms.
_BODY = "Quokkazanzibar mentioned the Yxwvut allotment shed being broken into"
_PROBES = (b"Quokkazanzibar mentioned", b"quokkazanzibar", b"yxwvut", b"okk", b"xwv")


def _found(vault: Vault) -> list[bytes]:
    return found_with_the_key(vault, PASSPHRASE, _PROBES)


def _case_with_the_note(vault: Vault) -> tuple[Case, Note]:
    records = caseload()
    case = next(r for r in records if isinstance(r, Case))
    template = next(r for r in records if isinstance(r, Note))
    notes = [dataclasses.replace(template, id=str(uuid.uuid4()), body=_BODY) for _ in range(3)]
    vault.store.save_many([*records, *notes])
    for entry in vault.store.pending_outbox(limit=1000):
        vault.store.acknowledge(entry.seq, server_version=1)
    return case, notes[0]


def test_a_purged_case_leaves_no_word_of_its_notes(vault: Vault) -> None:
    case, _ = _case_with_the_note(vault)
    assert _found(vault) == list(_PROBES)  # each probe is really there to be found at first
    vault.store.purge_case(case.id)
    assert _found(vault) == []
    assert vault.store.integrity_problems() == []


def test_a_note_the_store_deleted_leaves_no_word_of_it(vault: Vault) -> None:
    _, note = _case_with_the_note(vault)
    others = [n for n in vault.store.find_all(Note) if n.body == _BODY and n.id != note.id]
    for gone in (note, *others):
        vault.store.apply_remote(
            [RemoteChange("note", gone.id, server_version=2, deleted=True, fields=None)]
        )
    assert vault.store.search_notes("quokkazanzibar") == []
    assert _found(vault) == []


def test_upgrading_clears_the_words_earlier_versions_left_behind(vault: Vault) -> None:
    """A version-5 vault kept a purged note's words; step 6 rewrites both indexes without them."""
    with vault.store._read() as db:
        for table in ("notes_fts", "notes_trigram"):
            db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('secure-delete', 0)")
    case, _ = _case_with_the_note(vault)
    vault.store.purge_case(case.id)
    with vault.store._read() as db:
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    # The body went with its record; the indexes' terms stayed. Unlocking runs step 6 again.
    assert _found(vault) == list(_PROBES[1:])
    assert _found(vault) == []


def test_the_same_note_stored_again_leaves_the_index_untouched(vault: Vault) -> None:
    """The laptop's own note coming back in a pull rewrites no index page."""
    _, note = _case_with_the_note(vault)

    def segments() -> list[tuple[object, ...]]:
        with vault.store._read() as db:
            return [
                tuple(row)
                for table in ("notes_fts_data", "notes_trigram_data")
                for row in db.execute(f"SELECT id, block FROM {table} ORDER BY id")
            ]

    before = segments()
    change = RemoteChange("note", note.id, server_version=2, deleted=False, fields=to_fields(note))
    vault.store.apply_remote([change])
    assert segments() == before
    edited = note.revise("Now about the Yxwvut fence instead")
    vault.store.apply_remote(
        [RemoteChange("note", note.id, server_version=3, deleted=False, fields=to_fields(edited))]
    )
    assert segments() != before
    assert [hit.note_id for hit in vault.store.search_notes("fence")] == [note.id]
