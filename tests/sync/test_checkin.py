"""Checking a returned laptop in, Qt-free, against a real store on uvicorn: with the volunteer's
passphrase; with the organisation's recovery key and unsent work handed over (then applied or
discarded by the office); and refused while the store is unreachable - nothing wiped, resumed."""

from __future__ import annotations

from pathlib import Path

import pytest

from erms_desktop.central import casework
from erms_desktop.service.checkin import (
    UNREACHABLE,
    LaptopCheckIn,
    Passphrase,
    RecoveryKey,
    state_path,
)
from erms_desktop.service.checkin_calls import CheckInCalls
from erms_desktop.service.errors import CheckInStopped
from erms_desktop.sync.handover import open_package
from tests.sync.central import Central, ThreadServer
from tests.sync.checkin_helpers import (
    KEY_PASSWORD,
    key_file,
    leave_unsent_work,
    staff_session,
    store_note_ids,
    store_outcome,
    vault_gone,
)
from tests.sync.conftest import Laptop
from tests.sync.laptops import PASSPHRASE, RECOVERY, open_vault


def test_a_clean_check_in_with_the_volunteer_present(
    central: Central, server: ThreadServer, laptop: Laptop
) -> None:
    client = laptop("vera")
    client.sync()
    device_id = client.credentials().device_id  # type: ignore[union-attr]
    client.vault.lock()
    steps: list[str] = []
    check_in = LaptopCheckIn(client.vault, RECOVERY.public_key())
    receipt = check_in.run(staff_session(server.url), Passphrase(PASSPHRASE), steps.append)
    assert receipt.local_data_destroyed
    assert (receipt.staff, receipt.volunteer) == ("sam", "vera")
    assert receipt.items_handed_over == 0
    assert {c.case_id for c in receipt.cases} == set(central.volunteer_cases())
    assert all(c.matched for c in receipt.cases)
    assert all(c.party_files >= 2 for c in receipt.cases)  # each case's files compared too
    assert vault_gone(client.vault)
    assert not state_path(client.vault).exists()
    assert store_outcome(central, device_id) == ("complete", True, 0)
    assert steps[0] == "Opening the laptop's vault"


def test_recovery_key_hands_unsent_work_over_to_the_office(
    central: Central, server: ThreadServer, laptop: Laptop, tmp_path: Path
) -> None:
    client = laptop("vera")
    client.sync()
    draft_id, refused_id = leave_unsent_work(client, central)
    device_id = client.credentials().device_id  # type: ignore[union-attr]
    client.vault.lock()
    key = RecoveryKey(key_file(tmp_path).read_bytes(), KEY_PASSWORD)
    staff = staff_session(server.url)
    receipt = LaptopCheckIn(client.vault, RECOVERY.public_key()).run(staff, key)
    assert receipt.items_handed_over == 2
    assert vault_gone(client.vault)

    office = CheckInCalls(staff)
    listed = office.handovers()
    assert {(e.kind.value, e.state.value) for e in listed} == {
        ("draft", "waiting"),
        ("refused", "waiting"),
    }
    package = office.package(listed[0].package_id)
    items = {i.info.item_id: i for i in open_package(package.blob, package.label, RECOVERY)}
    draft = items[f"draft:{draft_id}"]
    assert draft.mutation is not None
    applied = office.apply(package.package_id, draft.info.item_id, draft.mutation)
    assert applied.entry.state.value == "applied", applied
    refused = next(i for i in items.values() if i.info.kind.value == "refused")
    assert refused.mutation is not None
    assert refused.mutation.record_id == refused_id
    office.discard(package.package_id, refused.info.item_id)
    assert draft_id in store_note_ids(central)
    assert refused_id not in store_note_ids(central)
    assert store_outcome(central, device_id) == ("complete", True, 2)


def test_a_wrong_key_password_changes_nothing(
    central: Central, server: ThreadServer, laptop: Laptop, tmp_path: Path
) -> None:
    client = laptop("vera")
    client.vault.lock()
    key = RecoveryKey(key_file(tmp_path).read_bytes(), "not the password")
    with pytest.raises(CheckInStopped, match="key file or its password"):
        LaptopCheckIn(client.vault, RECOVERY.public_key()).run(staff_session(server.url), key)
    assert not vault_gone(client.vault)


def test_store_unreachable_wipes_nothing_and_resumes_later(
    central: Central, laptop: Laptop, server: ThreadServer, tmp_path: Path
) -> None:
    client = laptop("vera")
    client.sync()
    folder = client.vault.paths.folder
    leave_unsent_work(client, central)
    staff = staff_session(server.url)
    client.vault.lock()
    server.__exit__(None, None, None)  # the store goes away
    check_in = LaptopCheckIn(client.vault, RECOVERY.public_key())
    with pytest.raises(CheckInStopped) as stopped:
        check_in.run(staff, Passphrase(PASSPHRASE))
    assert str(stopped.value) == UNREACHABLE
    client.vault.lock()
    reopened = open_vault(folder)  # everything still here
    assert len(reopened.store.drafts()) == 1
    assert len(reopened.store.rejected_outbox()) == 1
    reopened.lock()
    with ThreadServer(central, port=server.port):
        receipt = LaptopCheckIn(client.vault, RECOVERY.public_key()).run(
            staff, Passphrase(PASSPHRASE)
        )
    assert receipt.local_data_destroyed
    assert receipt.items_handed_over == 2
    assert vault_gone(client.vault)


def test_work_on_a_case_that_left_the_volunteer_is_handed_over_and_applied(
    central: Central, server: ThreadServer, laptop: Laptop
) -> None:
    client = laptop("vera")
    client.sync()
    case_id = central.volunteer_cases()[0]
    user = client.credentials().user_id  # type: ignore[union-attr]
    note = central.note_in(case_id, "Left a message with the victim's sister.", user)
    client.vault.store.save(note)
    with central.session() as s:
        casework.deallocate(s, central.users["vera"], case_id)  # type: ignore[arg-type]
    client.vault.lock()
    staff = staff_session(server.url)
    receipt = LaptopCheckIn(client.vault, RECOVERY.public_key()).run(staff, Passphrase(PASSPHRASE))
    assert receipt.items_handed_over == 1
    assert case_id not in {c.case_id for c in receipt.cases}  # it left the laptop's scope
    office = CheckInCalls(staff)
    [entry] = office.handovers(case_id)
    assert (entry.kind.value, entry.case_id) == ("quarantined", case_id)
    package = office.package(entry.package_id)
    [item] = open_package(package.blob, package.label, RECOVERY)
    assert item.mutation is not None
    decision = office.apply(entry.package_id, entry.item_id, item.mutation)
    assert decision.entry.state.value == "applied", decision
    assert note.id in store_note_ids(central)  # the office holds it; the volunteer no longer does
