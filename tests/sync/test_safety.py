"""Quarantine, safety rails and revocation, end to end against the real store."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from erms_desktop.central import admin, audit, casework
from erms_desktop.central.models import Record
from erms_desktop.central.record_store import write
from erms_desktop.domain import Case, Note, Participant
from erms_desktop.protocol.messages import PullResponse
from erms_desktop.sync.client import SyncClient
from erms_desktop.sync.engine import SyncEngine
from erms_desktop.sync.errors import DeviceRevoked, EmptyServerRefused, MassDeletionPending
from erms_desktop.sync.office_export import export_for_office, read_export
from erms_desktop.sync.transport import Transport
from erms_desktop.vault import VaultState
from tests.sync.central import Central
from tests.sync.conftest import RECOVERY, Laptop
from tests.sync.laptops import PASSPHRASE
from tests.vault.forensics import found_with_the_key


def _live(client: object) -> set[str]:
    store = client.vault.store  # type: ignore[attr-defined]
    with store._read() as db:
        return {row[0] for row in db.execute("SELECT id FROM records WHERE deleted = 0")}


#: A note whose words are found nowhere else, and what of it a key holder could find in the file:
#: its body, its word in the word index and a trigram.
_WORDS = "Quokkazanzibar rang about the Yxwvut"
_PROBES = (b"Quokkazanzibar rang", b"quokkazanzibar", b"yxwvut")


def _synced_note(central: Central, vera: SyncClient) -> Note:
    """Sync the laptop, then write a note with those words into its first case and sync it."""
    vera.sync()
    user = vera.credentials().user_id  # type: ignore[union-attr]
    note = central.note_in(central.volunteer_cases()[0], _WORDS, user)
    vera.vault.store.save(note)
    vera.sync()
    return note


def _found_with_the_key(vera: SyncClient, probes: tuple[bytes, ...] = _PROBES) -> list[bytes]:
    return found_with_the_key(vera.vault, PASSPHRASE, probes)


def test_refused_mutations_stay_listed_and_export_encrypted(
    central: Central, laptop: Laptop, tmp_path: Path
) -> None:
    vera = laptop("vera")
    vera.sync()
    case_id = central.volunteer_cases()[0]
    vera.vault.store.delete(Case, case_id)  # only office staff may delete a case
    report = vera.sync()
    assert report.rejected == 1
    [refused] = vera.vault.store.rejected_outbox()
    assert refused.record_id == case_id
    assert "staff" in (refused.reason or "")
    assert vera.status().attention == 1
    vera.sync()  # a refused mutation neither jams the queue nor disappears
    assert [e.record_id for e in vera.vault.store.rejected_outbox()] == [case_id]
    export = tmp_path / "for-office.ermsx"
    assert export_for_office(vera.vault.store, RECOVERY.public_key(), export, "LAPTOP-1") == 1
    assert case_id.encode() not in export.read_bytes()
    assert read_export(export, RECOVERY)["rejected"][0]["record_id"] == case_id


def test_unsent_work_on_a_case_that_left_scope_is_quarantined(
    central: Central, laptop: Laptop, tmp_path: Path
) -> None:
    vera = laptop("vera")
    vera.sync()
    case_id = central.volunteer_cases()[0]
    user = vera.credentials().user_id  # type: ignore[union-attr]
    note = central.note_in(case_id, "Met the victim's sister at the library.", user)
    vera.vault.store.save(note)
    with central.session() as s:
        casework.deallocate(s, central.users["vera"], case_id)  # type: ignore[arg-type]
    vera.sync()
    store = vera.vault.store
    assert store.find_all(Note, case_id=case_id) == []
    assert store.find(Case, case_id) is None
    [held] = store.quarantined()
    assert held.record_id == note.id
    assert held.fields is not None
    assert held.fields["body"] == note.body
    assert note.id not in central.note_ids()
    export = tmp_path / "for-office.ermsx"
    export_for_office(store, RECOVERY.public_key(), export, "LAPTOP-1")
    assert b"library" not in export.read_bytes()
    assert read_export(export, RECOVERY)["quarantined"][0]["fields"]["body"] == note.body
    assert vera.engine().digest_differences() == []


def test_a_case_reallocated_away_leaves_no_word_of_it_in_the_vault_file(
    central: Central, laptop: Laptop
) -> None:
    """Even to the volunteer, who holds the key: every page of the vault decrypted, after the
    store took the case away, holds none of the words of a note synced from it."""
    vera = laptop("vera")
    note = _synced_note(central, vera)
    assert _found_with_the_key(vera) == list(_PROBES)  # each probe is there to be found at first
    with central.session() as s:
        casework.deallocate(s, central.users["vera"], note.case_id)  # type: ignore[arg-type]
    vera.sync()
    assert vera.vault.store.find(Case, note.case_id) is None
    assert _found_with_the_key(vera) == []


def test_a_fresh_empty_vault_never_overwrites_the_store(central: Central, laptop: Laptop) -> None:
    vera = laptop("vera")
    vera.sync()
    before = central.note_ids()
    fresh = laptop("vera")  # a second, empty laptop for the same volunteer
    fresh.sync()
    assert sorted(central.note_ids()) == sorted(before)
    assert _live(fresh) == _live(vera)


def test_an_empty_store_never_empties_the_vault(central: Central, laptop: Laptop) -> None:
    vera = laptop("vera")
    vera.sync()
    held = _live(vera)
    with central.session() as s:
        s.execute(delete(Record))  # type: ignore[attr-defined]  # the store restored from nothing
    vera.vault.store.set_state("pull_cursor", str(10**12))  # a cursor the store cannot honour
    with pytest.raises(EmptyServerRefused):
        vera.sync()
    assert _live(vera) == held


def test_a_cursor_the_store_no_longer_honours_redownloads_and_keeps_the_outbox(
    central: Central, laptop: Laptop
) -> None:
    vera = laptop("vera")
    vera.sync()
    case_id = central.volunteer_cases()[0]
    vera.vault.store.delete(Case, case_id)  # refused by the store: stays in the outbox
    vera.sync()
    gone = next(p for p in vera.vault.store.find_all(Participant) if p.id)
    with central.session() as s:  # a record whose tombstone has been purged on the store
        s.execute(delete(Record).where(Record.id == gone.id))  # type: ignore[attr-defined]
    vera.vault.store.set_state("pull_cursor", str(10**12))
    vera.sync()
    assert vera.vault.store.find(Participant, gone.id) is None
    assert [e.record_id for e in vera.vault.store.rejected_outbox()] == [case_id]
    assert vera.vault.store.get_state("pull_cursor") != str(10**12)


def test_a_redownload_leaves_nothing_of_what_the_store_no_longer_sends(
    central: Central, laptop: Laptop
) -> None:
    """A full re-download removes records the store left out (deleted, their tombstones purged,
    while the laptop's cursor was too old): their text goes from the vault file, not only from
    view, as when the store's tombstone arrives."""
    vera = laptop("vera")
    note = _synced_note(central, vera)
    with central.session() as s:  # deleted on the store, and its tombstone purged since
        s.execute(delete(Record).where(Record.id == note.id))  # type: ignore[attr-defined]
    vera.vault.store.set_state("pull_cursor", str(10**12))
    vera.sync()
    assert vera.vault.store.find(Note, note.id) is None
    assert _found_with_the_key(vera) == []


def test_notes_the_volunteer_deleted_leave_no_word_in_the_vault_file(
    central: Central, laptop: Laptop
) -> None:
    """Once the store holds a deletion - or when the note never reached it - the vault keeps no
    text of the note, as when the store's own tombstone arrives."""
    vera = laptop("vera")
    synced = _synced_note(central, vera)
    never_sent = central.note_in(synced.case_id, "Wrong file: Plimsollvark", synced.author_id)
    vera.vault.store.save(never_sent)
    for note in (synced, never_sent):
        vera.vault.store.delete(Note, note.id)
    assert vera.sync().pushed == 1  # only the synced note's deletion goes to the store
    assert vera.status().pending == 0
    assert synced.id not in central.note_ids()
    assert _found_with_the_key(vera, (*_PROBES, b"Plimsollvark", b"plimsoll")) == []


def test_a_pull_removing_most_records_asks_first(central: Central, laptop: Laptop) -> None:
    vera = laptop("vera")
    vera.sync()
    held = _live(vera)
    with central.session() as s:
        for case_id in central.volunteer_cases():
            casework.deallocate(s, central.users["vera"], case_id)  # type: ignore[arg-type]
    with pytest.raises(MassDeletionPending) as asked:
        vera.sync()
    assert asked.value.would_remove * 2 > asked.value.local_total
    assert _live(vera) == held  # nothing removed yet
    with pytest.raises(MassDeletionPending):
        vera.sync()  # still asking, still nothing removed
    assert _live(vera) == held
    vera.engine().confirm_mass_deletion()
    vera.sync()
    assert vera.vault.store.find_all(Case) == []


def test_no_page_is_asked_for_past_one_waiting_on_the_mass_removal_question(
    central: Central, laptop: Laptop
) -> None:
    """The engine asks for the next page while it applies one, but not past a page whose
    removals it must first ask the user about: the store counts what it serves as on the
    laptop, and the laptop has not taken it."""
    central.add_caseload(notes=600, documents=0, size=0)
    vera = laptop("vera")
    vera.sync()
    with central.session() as s:
        for note in s.scalars(select(Record).where(Record.kind == "note")).all():  # type: ignore[attr-defined]
            scope = (note.case_id, note.party_file_id)
            write(s, audit.OPERATOR, note, kind="note", record_id=note.id, scope=scope, fields=None)  # type: ignore[arg-type]
        case_id = central.volunteer_cases()[0]
        for number in range(30):  # pages after the one that asks
            note = central.note_in(case_id, f"A new note {number}.")
            casework.save_entity(s, note)  # type: ignore[arg-type]
    engine = vera.engine()
    transport = engine.transport
    asked_for: list[int] = []
    served: list[int] = []

    def counted(cursor: int, limit: int) -> PullResponse:
        asked_for.append(cursor)
        page = Transport.pull(transport, cursor, limit)
        served.append(len(page.changes))
        return page

    transport.pull = counted  # type: ignore[method-assign]
    paged = SyncEngine(vera.vault, transport, page_size=10)
    with pytest.raises(MassDeletionPending) as asked:
        paged.sync()
    for thread in threading.enumerate():  # a page asked for ahead, if any, has been counted
        if thread.name.startswith("sync-pull"):
            thread.join(10)
    assert len(asked_for) == len(served) > 1
    assert all(n == 10 for n in served)
    assert asked.value.would_remove == sum(served)  # the last page served is the one asking
    assert sum(served[:-1]) * 2 <= asked.value.local_total  # the pages before it did not ask


def test_a_revoked_laptop_wipes_its_vault(central: Central, laptop: Laptop) -> None:
    vera = laptop("vera")
    vera.sync()
    device_id = vera.credentials().device_id  # type: ignore[union-attr]
    folder = vera.vault.paths.folder
    with central.session() as s:
        admin.revoke_device(s, device_id)  # type: ignore[arg-type]
    with pytest.raises(DeviceRevoked) as revoked:
        vera.sync()
    assert revoked.value.wipe is not None
    assert vera.vault.state is VaultState.ABSENT
    assert not any(path.is_file() and path.stat().st_size for path in folder.rglob("*"))
