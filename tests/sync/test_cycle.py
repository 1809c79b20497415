"""The sync cycle against a real store on uvicorn: first download, push, pull, numbering."""

from __future__ import annotations

import dataclasses

import pytest

from erms_desktop.domain import Case, Contact, Document, Note
from erms_desktop.sync.errors import Offline
from erms_desktop.sync.progress import Phase, Progress
from erms_desktop.vault import Store
from erms_desktop.vault.commit_record import committed
from tests.sync.central import Central
from tests.sync.conftest import Laptop


def test_first_sync_downloads_the_caseload_with_progress(central: Central, laptop: Laptop) -> None:
    contents = central.add_caseload(notes=0, documents=3, size=20_000)
    client = laptop("vera")
    seen: list[Progress] = []
    report = client.sync(on_progress=seen.append)
    store = client.vault.store
    mine = set(central.volunteer_cases())
    notes = [n for n in central.dataset.notes if n.case_id in mine]
    assert all(store.read_attachment(sha) == content for sha, content in contents.items())
    assert report.pulled > 0
    assert notes
    assert {n.id for n in store.find_all(Note)} == {n.id for n in notes}
    for document in store.find_all(Document):
        assert store.read_attachment(document.sha256)  # downloaded and hash-checked
    assert client.engine().digest_differences() == []
    pulling = [p for p in seen if p.phase is Phase.PULLING]
    assert pulling[-1].items_done >= len(notes)
    assert pulling[-1].items_total >= pulling[-1].items_done
    assert seen[-1].phase is Phase.DONE
    documents = store.find_all(Document)
    assert documents
    assert pulling[-1].bytes_done == pulling[-1].bytes_total == sum(d.size_bytes for d in documents)
    status = client.status()
    assert status.online is True
    assert status.pending == 0
    assert status.last_success is not None


def test_a_local_edit_reaches_another_laptop(central: Central, laptop: Laptop) -> None:
    vera, colin = laptop("vera"), laptop("colin")
    vera.sync()
    colin.sync()
    case_id = central.volunteer_cases()[0]
    note = central.note_in(case_id, "Agreed a date for the next visit.", vera.credentials().user_id)  # type: ignore[union-attr]
    vera.vault.store.save(note)
    assert vera.status().pending == 1
    report = vera.sync()
    assert report.pushed == 1
    assert vera.status().pending == 0
    colin.sync()
    assert colin.vault.store.get(Note, note.id).body == note.body
    for client in (vera, colin):
        assert client.engine().digest_differences() == []


def test_many_edits_push_in_numbered_batches_without_duplicates(
    central: Central, laptop: Laptop
) -> None:
    vera = laptop("vera")
    vera.sync()
    case_id = central.volunteer_cases()[0]
    before = len(central.note_ids())
    vera_id = central.users["vera"]
    notes = [central.note_in(case_id, f"Visit note number {i}.", vera_id) for i in range(230)]
    vera.vault.store.save_many(notes)
    edited = dataclasses.replace(notes[0], body="Visit note number 0, corrected.")
    vera.vault.store.save(edited)
    report = vera.sync()
    assert report.pushed == 230  # the two edits of the first note fold into one mutation
    assert len(central.note_ids()) == before + 230
    assert vera.engine().digest_differences() == []


def test_a_pull_never_overwrites_a_record_with_unsent_edits(
    central: Central, laptop: Laptop
) -> None:
    vera = laptop("vera")
    vera.sync()
    store = vera.vault.store
    contact = store.find_all(Contact)[0]
    case = store.get(Case, contact.case_id)
    store.save(dataclasses.replace(contact, duration_minutes=15))
    store.delete(Case, case.id)  # refused by the store: the deletion stays unsent
    central.save(dataclasses.replace(contact, duration_minutes=200))
    central.save(dataclasses.replace(case, next_action="Office: call the liaison officer"))
    vera.sync()
    assert store.find(Case, case.id) is None  # still deleted here, not revived by the pull
    assert [e.record_id for e in store.rejected_outbox()] == [case.id]
    [conflict] = vera.engine().conflicts()
    assert conflict.record_id == contact.id
    assert store.get(Contact, contact.id).duration_minutes == 15
    assert conflict.theirs == {"duration_minutes": 200}


def test_numbers_the_store_never_saw_are_reused_after_a_sequence_gap(
    central: Central, laptop: Laptop
) -> None:
    """E.g. the store was restored from a backup taken before this laptop's last pushes."""
    vera = laptop("vera")
    vera.sync()
    vera.vault.store.set_state("push.next_seq", "40")
    note = central.note_in(
        central.volunteer_cases()[0], "After the restore.", central.users["vera"]
    )
    vera.vault.store.save(note)
    assert vera.sync().pushed == 1
    assert note.id in central.note_ids()
    assert vera.vault.store.get_state("push.next_seq") == "2"
    assert vera.engine().digest_differences() == []


def test_one_new_note_costs_the_vault_two_commits(central: Central, laptop: Laptop) -> None:
    """Issue 20, point 2: planning the batch is one durable transaction; the store's answer is
    settled together with the pulled page, so a one-note cycle commits twice, not three times."""
    vera = laptop("vera")
    vera.sync()
    case_id = central.volunteer_cases()[0]
    note = central.note_in(case_id, "Called back about the letter.", vera.credentials().user_id)  # type: ignore[union-attr]
    vera.vault.store.save(note)
    before = _commits(vera.vault.store)
    report = vera.sync()
    assert (report.pushed, _commits(vera.vault.store) - before) == (1, 2)
    assert vera.status().pending == 0
    assert vera.vault.store.find(Note, note.id) is not None
    assert vera.engine().digest_differences() == []


def _commits(store: Store) -> int:
    with store._read() as db:  # the vault's own commit counter (commit_record.py)
        return committed(db)


def test_a_push_answered_before_the_pull_failed_is_kept(
    central: Central, laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer waits to be settled with the pull; if the pull fails it is settled alone, so
    what the store took is not shown as pending."""
    vera = laptop("vera")
    vera.sync()
    engine = vera.engine()
    case_id = central.volunteer_cases()[0]
    note = central.note_in(case_id, "Letter posted today.", vera.credentials().user_id)  # type: ignore[union-attr]
    vera.vault.store.save(note)

    def offline(*_args: object) -> None:
        raise Offline("the central store could not be reached (ConnectError)")

    monkeypatch.setattr(engine.transport, "pull", offline)
    with pytest.raises(Offline):
        engine.sync()
    assert vera.status().pending == 0
    monkeypatch.undo()
    assert engine.sync().pushed == 0
    assert engine.digest_differences() == []
