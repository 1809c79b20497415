"""Conflicts between two laptops, and between staff and an offline volunteer: field-level merges
are silent, same-field conflicts keep both values until resolved, deletions never lose an edit."""

from __future__ import annotations

import dataclasses

import pytest

from erms_desktop.domain import Participant
from erms_desktop.domain.activity import Contact
from erms_desktop.domain.enums import ContactKind
from erms_desktop.sync.client import SyncClient
from erms_desktop.sync.conflicts import Choice, ConflictType
from tests.sync.central import Central
from tests.sync.conftest import Laptop


def _pair(central: Central, laptop: Laptop) -> tuple[SyncClient, SyncClient, Participant]:
    vera, colin = laptop("vera"), laptop("colin")
    vera.sync()
    colin.sync()
    case_id = central.volunteer_cases()[0]
    files = {p.id for p in central.dataset.party_files if p.case_id == case_id}
    person = next(p for p in central.dataset.participants if p.party_file_id in files)
    return vera, colin, person


def _contact_pair(central: Central, laptop: Laptop) -> tuple[SyncClient, SyncClient, Contact]:
    """A first-contact record in a party file of vera's cases: a kind a volunteer may both
    change and delete (a participant is removed only by the office)."""
    vera, colin = laptop("vera"), laptop("colin")
    vera.sync()
    colin.sync()
    cases = set(central.volunteer_cases())
    contact = next(
        c
        for c in central.dataset.contacts
        if c.case_id in cases and c.party_file_id and c.kind is ContactKind.FIRST_CONTACT
    )
    return vera, colin, contact


def _edit_contact(client: SyncClient, contact: Contact, summary: str) -> None:
    current = client.vault.store.get(Contact, contact.id)
    client.vault.store.save(dataclasses.replace(current, summary=summary))


def _edit(client: SyncClient, person: Participant, **changes: str) -> None:
    current = client.vault.store.get(Participant, person.id)
    client.vault.store.save(dataclasses.replace(current, **changes))


def _on_both(vera: SyncClient, colin: SyncClient, person_id: str) -> Participant:
    for client in (vera, colin, vera):
        client.sync()
    mine, theirs = (c.vault.store.get(Participant, person_id) for c in (vera, colin))
    assert mine == theirs
    for client in (vera, colin):
        assert client.engine().digest_differences() == []
        assert client.status().pending == 0
    return mine


@pytest.mark.parametrize("first", ["vera", "colin"])
def test_edits_to_different_fields_merge_silently(
    central: Central, laptop: Laptop, first: str
) -> None:
    vera, colin, person = _pair(central, laptop)
    _edit(vera, person, safe_contact="Text before calling")
    _edit(colin, person, vulnerability_notes="Prefers afternoon visits")
    (vera if first == "vera" else colin).sync()
    merged = _on_both(vera, colin, person.id)
    assert merged.safe_contact == "Text before calling"
    assert merged.vulnerability_notes == "Prefers afternoon visits"
    assert vera.engine().conflicts() == colin.engine().conflicts() == []


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (Choice.KEEP_MINE, "Colin's wording"),
        (Choice.TAKE_THEIRS, "Vera's wording"),
        (Choice.MERGED, "Both wordings combined"),
    ],
)
def test_same_field_conflict_keeps_both_values_until_resolved(
    central: Central, laptop: Laptop, choice: Choice, expected: str
) -> None:
    vera, colin, person = _pair(central, laptop)
    _edit(vera, person, safe_contact="Vera's wording", vulnerability_notes="Vera's other edit")
    _edit(colin, person, safe_contact="Colin's wording", preferred_name="Sunny")
    vera.sync()
    report = colin.sync()
    assert report.conflicts == 1
    [conflict] = colin.engine().conflicts()
    assert conflict.type is ConflictType.FIELDS
    assert conflict.fields == ("safe_contact",)
    assert conflict.mine == {"safe_contact": "Colin's wording"}
    assert conflict.theirs == {"safe_contact": "Vera's wording"}
    assert colin.status().attention == 1
    # Still unresolved after another cycle: nothing overwrites Colin's copy.
    colin.sync()
    assert colin.vault.store.get(Participant, person.id).safe_contact == "Colin's wording"
    merged = {"safe_contact": expected} if choice is Choice.MERGED else None
    colin.engine().resolve(person.id, choice, merged)
    result = _on_both(vera, colin, person.id)
    assert result.safe_contact == expected
    assert result.vulnerability_notes == "Vera's other edit"
    assert result.preferred_name == "Sunny"  # Colin's non-conflicting edit survives any choice
    assert colin.engine().conflicts() == []


@pytest.mark.parametrize("choice", [Choice.KEEP_MINE, Choice.TAKE_THEIRS])
def test_edit_here_delete_there_loses_nothing(
    central: Central, laptop: Laptop, choice: Choice
) -> None:
    vera, colin, contact = _contact_pair(central, laptop)
    colin.vault.store.delete(Contact, contact.id)
    colin.sync()
    _edit_contact(vera, contact, "Only by email")
    vera.sync()
    [conflict] = vera.engine().conflicts()
    assert conflict.type is ConflictType.DELETED_THERE
    assert conflict.theirs is None
    kept = vera.engine().resolve(contact.id, choice)
    for client in (vera, colin, vera):
        client.sync()
    if choice is Choice.KEEP_MINE:
        assert kept is not None
        copies = [c.vault.store.get(Contact, kept) for c in (vera, colin)]
        assert all(copy.summary == "Only by email" for copy in copies)
    else:
        [held] = vera.vault.store.quarantined()
        assert held.record_id == contact.id
        assert held.fields is not None
        assert held.fields["summary"] == "Only by email"
    for client in (vera, colin):
        assert client.vault.store.find(Contact, contact.id) is None
        assert client.engine().digest_differences() == []


@pytest.mark.parametrize("choice", [Choice.KEEP_MINE, Choice.TAKE_THEIRS])
def test_delete_here_edit_there_asks_first(
    central: Central, laptop: Laptop, choice: Choice
) -> None:
    vera, colin, contact = _contact_pair(central, laptop)
    _edit_contact(colin, contact, "Use the landline")
    colin.sync()
    vera.vault.store.delete(Contact, contact.id)
    vera.sync()
    [conflict] = vera.engine().conflicts()
    assert conflict.type is ConflictType.DELETED_HERE
    assert conflict.theirs is not None
    assert conflict.theirs["summary"] == "Use the landline"
    vera.engine().resolve(contact.id, choice)
    for client in (vera, colin, vera):
        client.sync()
    found = [c.vault.store.find(Contact, contact.id) for c in (vera, colin)]
    if choice is Choice.KEEP_MINE:
        assert found == [None, None]
    else:
        assert all(c is not None and c.summary == "Use the landline" for c in found)
    for client in (vera, colin):
        assert client.engine().digest_differences() == []


@pytest.mark.parametrize("staff_first", [True, False])
def test_staff_editing_while_a_volunteer_is_offline_loses_nothing(
    central: Central, laptop: Laptop, staff_first: bool
) -> None:
    vera, _colin, person = _pair(central, laptop)
    case_id = central.volunteer_cases()[0]
    staff_note = central.note_in(case_id, "Office: victim asked for a callback.")
    vera_note = central.note_in(case_id, "Visited; agreed next steps.", vera.credentials().user_id)  # type: ignore[union-attr]

    def staff() -> None:
        central.save(dataclasses.replace(person, vulnerability_notes="Office note on access"))
        central.save(staff_note)

    def volunteer() -> None:
        _edit(vera, person, safe_contact="Mornings only")
        vera.vault.store.save(vera_note)

    for step in (staff, volunteer) if staff_first else (volunteer, staff):
        step()
    vera.sync()
    vera.sync()
    store = vera.vault.store
    merged = store.get(Participant, person.id)
    assert merged.safe_contact == "Mornings only"
    assert merged.vulnerability_notes == "Office note on access"
    assert {staff_note.id, vera_note.id} <= set(central.note_ids())
    assert store.find(type(staff_note), staff_note.id) is not None
    assert vera.engine().conflicts() == []
    assert vera.engine().digest_differences() == []
