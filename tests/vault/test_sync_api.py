"""The primitives the sync engine builds on: the outbox (written with each edit), acknowledging and
rejecting mutations, applying pulled pages without overwriting unsent edits, sync state, and
quarantine and case removal."""

from __future__ import annotations

import dataclasses

import pytest

from erms_desktop.domain import Case, Note, Participant, PartyFile
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.records import to_fields
from erms_desktop.vault import (
    ApplyOutcome,
    RecordNotFoundError,
    RemoteChange,
    UnsyncedChangesError,
    Vault,
)
from tests.vault.conftest import a_note, caseload


def _remote(note: Note, version: int, *, deleted: bool = False) -> RemoteChange:
    return RemoteChange(
        kind="note",
        record_id=note.id,
        server_version=version,
        deleted=deleted,
        fields=None if deleted else to_fields(note),
    )


def test_outbox_carries_changed_fields_and_base_version(vault: Vault) -> None:
    note = a_note("First draft")
    vault.store.save(note)
    [created] = vault.store.pending_outbox()
    assert created.op == "upsert"
    assert created.base_version is None
    assert created.fields == to_fields(note)
    vault.store.acknowledge(created.seq, server_version=7)
    assert vault.store.pending_outbox() == []
    vault.store.save(note.revise("Second draft"))
    [edited] = vault.store.pending_outbox()
    assert edited.fields == {"body": "Second draft"}
    assert edited.base_version == 7
    assert edited.seq > created.seq


def test_rejected_mutations_stay_on_the_attention_list(vault: Vault) -> None:
    vault.store.save(a_note())
    [entry] = vault.store.pending_outbox()
    vault.store.reject(entry.seq, "separation check failed on the server")
    assert vault.store.pending_outbox() == []
    [kept] = vault.store.rejected_outbox()
    assert kept.reason == "separation check failed on the server"
    with pytest.raises(RecordNotFoundError):
        vault.store.reject(9999, "no such entry")
    with pytest.raises(RecordNotFoundError):
        vault.store.acknowledge(9999, 1)


def test_pull_applies_new_records_and_advances_the_cursor(vault: Vault) -> None:
    note = a_note("From the office")
    outcomes = vault.store.apply_remote([_remote(note, 3)], cursor="42")
    assert outcomes == [ApplyOutcome.APPLIED]
    assert vault.store.get(Note, note.id) == note
    assert vault.store.get_state("pull_cursor") == "42"
    assert vault.store.pending_outbox() == []
    assert vault.store.apply_remote([_remote(note, 3)]) == [ApplyOutcome.STALE]
    newer = note.revise("Updated at the office")
    assert vault.store.apply_remote([_remote(newer, 4)]) == [ApplyOutcome.APPLIED]
    assert [h.note_id for h in vault.store.search_notes("updated office")] == [note.id]
    assert vault.store.apply_remote([_remote(newer, 5, deleted=True)]) == [ApplyOutcome.APPLIED]
    assert vault.store.find(Note, note.id) is None
    assert vault.store.search_notes("updated") == []


def test_pull_never_overwrites_unsent_local_edits(vault: Vault) -> None:
    note = a_note("Synced text")
    vault.store.apply_remote([_remote(note, 1)])
    local = note.revise("Local unsent edit")
    vault.store.save(local)
    remote = note.revise("Server edit")
    assert vault.store.apply_remote([_remote(remote, 2)]) == [ApplyOutcome.KEPT_LOCAL]
    assert vault.store.get(Note, note.id).body == "Local unsent edit"
    [entry] = vault.store.pending_outbox()
    vault.store.acknowledge(entry.seq, server_version=3)
    assert vault.store.apply_remote([_remote(remote, 4)]) == [ApplyOutcome.APPLIED]


def test_a_bad_page_changes_nothing(vault: Vault) -> None:
    good = a_note("Good record")
    bad = RemoteChange("note", a_note().id, 1, False, {"id": "not-a-uuid", "body": 3})
    with pytest.raises(InvalidValueError):
        vault.store.apply_remote([_remote(good, 1), bad], cursor="99")
    assert vault.store.find(Note, good.id) is None
    assert vault.store.get_state("pull_cursor") is None


def test_sync_state_round_trips(vault: Vault) -> None:
    vault.store.set_state("device_sequence", "17")
    vault.store.set_state("device_sequence", "18")
    assert vault.store.get_state("device_sequence") == "18"


def test_quarantine_keeps_refused_work(vault: Vault) -> None:
    note = a_note("Work the server refused")
    vault.store.save(note)
    vault.store.quarantine_record(note.id, "case reallocated")
    assert vault.store.find(Note, note.id) is None
    assert vault.store.pending_outbox() == []
    assert vault.store.search_notes("refused") == []
    [entry] = vault.store.quarantined()
    assert entry.record_id == note.id
    assert entry.reason == "case reallocated"
    assert entry.fields == to_fields(note)
    assert entry.outbox[0]["op"] == "upsert"


def test_purge_case_refuses_unsynced_work_then_removes_the_case(vault: Vault) -> None:
    records = caseload()
    case = next(r for r in records if isinstance(r, Case))
    vault.store.save_many(records)
    with pytest.raises(UnsyncedChangesError):
        vault.store.purge_case(case.id)
    for entry in vault.store.pending_outbox(limit=1000):
        vault.store.acknowledge(entry.seq, server_version=1)
    removed = vault.store.purge_case(case.id)
    assert removed == len(records) - 1  # the referral belongs to no case
    assert vault.store.find_all(PartyFile) == []
    assert vault.store.find_all(Participant) == []
    assert vault.store.search_notes("greenhouse") == []


def test_changed_kind_for_an_id_is_refused(vault: Vault) -> None:
    note = a_note()
    vault.store.save(note)
    records = caseload()
    party_file = next(r for r in records if isinstance(r, PartyFile))
    with pytest.raises(InvalidValueError):
        vault.store.save(dataclasses.replace(party_file, id=note.id))
