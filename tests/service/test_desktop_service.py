"""The desktop service over a real SQLCipher vault and the real central store on loopback:
enrolment creates the vault, unlock and lock, the offline lease enforced from inside the vault,
the case list by initials, own-note search, attention items resolved without loss, and
diagnostics without personal data."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from erms_desktop.demo.data import DEMO_VOLUNTEER_ID, generate_demo_data
from erms_desktop.domain.case import Case
from erms_desktop.domain.notes import Note
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.service import errors
from erms_desktop.service.doctor import render, report_lines
from erms_desktop.service.models import (
    AttentionItem,
    AttentionKind,
    EnrolmentRequest,
    ResolveAction,
)
from erms_desktop.service.status_file import status_path
from erms_desktop.sync.errors import NotEnrolled
from erms_desktop.vault import VaultState
from erms_desktop.vault.errors import VaultLockedError, WrongPassphraseError
from tests.service.office import PASSPHRASE, Office, desktop_service, enrolled

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_new_laptop_is_not_enrolled_and_without_sync_says_so(tmp_path: Path) -> None:
    backend = desktop_service(tmp_path / "v", None)
    assert backend.unlock_info().enrolled is False
    with pytest.raises(errors.ServerNotAvailable):
        backend.enrol(EnrolmentRequest("https://erms.example.org", "C", "u", "p"))
    with pytest.raises(NotEnrolled):
        backend.set_passphrase(PASSPHRASE)
    assert not (tmp_path / "v" / "vault.db").exists()


def test_a_refused_enrolment_leaves_no_vault_behind(tmp_path: Path, office: Office) -> None:
    backend = desktop_service(tmp_path / "v", office)
    backend.enrol(office.request(code="ABCD-EFGH-JKLM"))
    with pytest.raises(errors.EnrolmentRefused):
        backend.set_passphrase(PASSPHRASE)
    assert backend.vault.state is VaultState.ABSENT
    assert not (tmp_path / "v" / "vault.db").exists()
    assert backend.unlock_info().enrolled is False


def test_enrol_unlock_list_search_lock(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    info = backend.unlock_info()
    assert info.enrolled
    assert info.last_sync is not None
    cases = backend.list_cases()
    assert len(cases) == 7  # 8 demo cases and the 2 mediation cases; the volunteer holds 7
    data = generate_demo_data(case_count=8)
    surnames = {p.family_name for p in data.participants}
    for case in cases:
        assert not any(name in case.initials for name in surnames)
        assert case.initials.startswith(("V ", "Party A "))  # mediation: never V or O
    hits = backend.search_notes("consent")
    assert hits
    assert all(h.service_reference.startswith("ERMS-") for h in hits)
    backend.lock()
    assert backend.vault.state is VaultState.LOCKED
    with pytest.raises(VaultLockedError):
        backend.list_cases()
    with pytest.raises(WrongPassphraseError):
        backend.unlock("not the passphrase at all")
    backend.unlock(PASSPHRASE)
    assert len(backend.list_cases()) == 7
    casework = backend.casework  # the case workspace's service, over the same vault
    assert casework.user_id == DEMO_VOLUNTEER_ID
    assert casework.load_case(cases[0].case_id) is not None


def test_own_note_search_leaves_out_colleagues_notes(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    store = backend.vault.store
    mine = store.find_all(Note)[0]
    colleague = "a83d5e21-7c94-4f6b-8e12-3b4c5d6e7f02"
    store.save(
        dataclasses.replace(
            mine,
            id="5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
            author_id=colleague,
            body="Quillwort meeting arranged by the co-facilitator.",
        )
    )
    store.save(
        dataclasses.replace(
            mine, id="6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a", body="My own quillwort follow-up."
        )
    )
    hits = backend.search_notes("quillwort")
    assert [h.note_id for h in hits] == ["6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"]


def test_search_finds_cases_by_reference_and_offence_and_says_which_file(
    tmp_path: Path, office: Office
) -> None:
    """Issue 15, point 6: part of a case reference or of the offence summary finds the case;
    a note hit says the case and the file it is in."""
    backend = enrolled(tmp_path / "v", office)
    store = backend.vault.store
    case = store.find_all(Case)[0]
    word = case.offence.summary.split()[-1].strip(".,")
    by_offence = backend.search_notes(word[1:].upper())
    assert (case.id, None, "Case") in {(h.case_id, h.note_id, h.place) for h in by_offence}
    by_reference = backend.search_notes(case.service_reference[2:])
    assert [h.case_id for h in by_reference if h.note_id is None] == [case.id]
    mine = dataclasses.replace(
        store.find_all(Note)[0],
        id="7f2e3a4b-5c6d-4e7f-8a90-9c0d1e2f3a4b",
        body="Spoke with Mrs Featherstonehaugh today.",
    )
    store.save(mine)
    side = next(f.side for f in store.find_all(PartyFile) if f.id == mine.party_file_id)
    [hit] = backend.search_notes("therston")
    assert (hit.note_id, hit.case_id, hit.written_on) == (
        mine.id,
        mine.case_id,
        mine.created_at.date(),
    )
    assert hit.place.startswith(f"{side.value.capitalize()} file · ")  # and its initials
    assert hit.service_reference == next(
        c.service_reference for c in store.find_all(Case) if c.id == mine.case_id
    )


def test_the_lease_is_enforced_from_inside_the_vault(tmp_path: Path, office: Office) -> None:
    now = [T0]
    backend = enrolled(tmp_path / "v", office, clock=lambda: now[0])
    backend.lock()
    now[0] = T0 + timedelta(days=31)
    office.online = False
    assert backend.unlock_info().lease.expired
    with pytest.raises(errors.LeaseExpired):
        backend.unlock(PASSPHRASE)
    assert backend.vault.state is VaultState.LOCKED  # refused means closed again
    # Faking the display file does not help: the vault's own copy decides.
    status_path(backend.vault.paths).write_text(
        f'{{"last_contact": "{now[0].isoformat()}"}}', encoding="utf-8"
    )
    with pytest.raises(errors.LeaseExpired):
        backend.unlock(PASSPHRASE)
    office.online = True
    backend.unlock(PASSPHRASE)
    assert backend.unlock_info().lease.days_left == 30


def test_refused_changes_go_to_the_office_never_lost(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    store = backend.vault.store
    note = store.find_all(Note)[0]
    store.save(dataclasses.replace(note, id="0b5e2d1c-5d41-4b7a-9d0e-8f2c3a1b4c5d"))
    assert backend.status().pending == 1
    assert any(c.pending_sync for c in backend.list_cases())
    seq = store.pending_outbox()[0].seq
    store.reject(seq, "separation check failed on the office server")

    def local() -> list[AttentionItem]:
        return [i for i in backend.attention_items() if i.kind is not AttentionKind.CONFLICT]

    items = local()
    assert [i.kind for i in items] == [AttentionKind.REJECTED]
    assert items[0].service_reference.startswith("ERMS-")
    side = "victim" if "on the victim file" in items[0].summary else "offender"
    assert items[0].summary == (
        f"Your note of {note.created_at:%d/%m} on the {side} file of "
        f"{items[0].service_reference} was not accepted by the office: separation check failed "
        "on the office server."
    )
    backend.resolve(items[0].item_id, ResolveAction.LEAVE_FOR_OFFICE)
    items = local()
    assert [i.kind for i in items] == [AttentionKind.QUARANTINED]
    assert len(store.quarantined()) == 1
    assert items[0].actions == (ResolveAction.UNDERSTOOD,)  # already kept: nothing to decide
    assert "it is kept for the office. You left it for the office" in items[0].summary
    backend.resolve(items[0].item_id, ResolveAction.UNDERSTOOD)
    assert local() == []
    assert len(store.quarantined()) == 1  # still kept for the office


def test_conflicts_come_from_the_sync_client_and_resolve_there(
    tmp_path: Path, office: Office
) -> None:
    backend = enrolled(tmp_path / "v", office)
    store = backend.vault.store
    person = store.find_all(Participant)[0]
    store.save(dataclasses.replace(person, safe_contact="Text before calling"))
    office.central.save(dataclasses.replace(person, safe_contact="Call after six"))
    backend.sync_now(lambda _p: None)
    conflicts = [i for i in backend.attention_items() if i.kind is AttentionKind.CONFLICT]
    assert len(conflicts) == 1
    assert conflicts[0].service_reference.startswith("ERMS-")
    assert conflicts[0].summary.startswith(
        f"Your details of a participant on {conflicts[0].service_reference} was changed"
    )
    assert "(safe contact)" in conflicts[0].summary
    backend.resolve(conflicts[0].item_id, ResolveAction.KEEP_MINE)
    backend.sync_now(lambda _p: None)
    assert backend.attention_items() == []
    assert backend.status().attention == 0


def test_retry_goes_to_the_sync_client(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    store = backend.vault.store
    note = store.find_all(Note)[0]
    store.save(dataclasses.replace(note, id="0b5e2d1c-5d41-4b7a-9d0e-8f2c3a1b4c5d"))
    seq = store.pending_outbox()[0].seq
    store.reject(seq, "refused for the test")
    backend.resolve(f"rejected:{seq}", ResolveAction.RETRY)  # queued again and sent at once
    assert store.rejected_outbox() == []
    assert "0b5e2d1c-5d41-4b7a-9d0e-8f2c3a1b4c5d" in office.central.note_ids()
    with pytest.raises(errors.NothingToRetry):
        backend.resolve(f"rejected:{seq}", ResolveAction.RETRY)


def test_passphrase_change_rewraps(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    with pytest.raises(WrongPassphraseError):
        backend.change_passphrase("wrong passphrase", "violet harbour trumpet cedar")
    backend.change_passphrase(PASSPHRASE, "violet harbour trumpet cedar")
    backend.lock()
    with pytest.raises(WrongPassphraseError):
        backend.unlock(PASSPHRASE)
    backend.unlock("violet harbour trumpet cedar")


def test_doctor_flags_a_plaintext_database(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    backend.lock()
    database = tmp_path / "v" / "vault.db"
    database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # as if never encrypted
    lines = dict(report_lines(backend, keyring=lambda: ("k", "m")))
    assert lines["Integrity check"] == "PROBLEM: the database is not encrypted"


def test_doctor_reports_an_unreachable_office(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    backend.lock()
    office.online = False
    lines = dict(report_lines(backend, keyring=lambda: ("k", "m")))
    assert lines["Central store"] == "unreachable (Offline)"


def test_diagnostics_are_real_and_hold_no_case_data(tmp_path: Path, office: Office) -> None:
    backend = enrolled(tmp_path / "v", office)
    lines = dict(report_lines(backend, keyring=lambda: ("test.Keyring", "OS credential store")))
    assert lines["Integrity check"] == "ok"
    assert lines["Vault state"].startswith("unlocked")
    assert lines["Pending outbox"] == "0"
    backend.lock()
    text = render(report_lines(backend, keyring=lambda: ("k", "m")))
    assert "database encrypted at rest" in text  # what can be checked without the key
    assert "Central store    reachable" in text  # the address is known while locked
    data = generate_demo_data(case_count=8)
    for person in data.participants:
        assert person.family_name not in text
    for case in data.cases:
        assert case.service_reference not in text
