"""The facade the GUI calls: enrolment, sign-in, password change, re-sending a refused change."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from erms_desktop.central import casework
from erms_desktop.domain import Note
from erms_desktop.sync.client import SyncClient
from erms_desktop.sync.errors import CredentialsRefused, NotEnrolled
from erms_desktop.sync.scheduler import Timing
from tests.sync.central import PASSWORD, Central, ThreadServer
from tests.sync.conftest import Laptop, new_vault


def test_enrolment_keeps_credentials_only_inside_the_vault(
    central: Central, server: ThreadServer, tmp_path: Path
) -> None:
    vault = new_vault(tmp_path / "vault")
    client = SyncClient(vault)
    with pytest.raises(NotEnrolled):
        client.sync()
    with pytest.raises(CredentialsRefused):
        client.enrol(server.url, "WRONG-CODE-0000", "vera", PASSWORD)
    credentials = client.enrol(server.url, central.code("vera"), "vera", PASSWORD)
    assert credentials.user_id == central.users["vera"]
    assert client.password_expires() is not None
    client.sync()
    secret = credentials.device_secret.encode()
    for path in vault.paths.folder.rglob("*"):
        if path.is_file():
            assert secret not in path.read_bytes()
    client.close()
    vault.lock()


def test_password_change_and_a_wrong_password(central: Central, laptop: Laptop) -> None:
    vera = laptop("vera")
    with pytest.raises(CredentialsRefused):
        vera.sign_in("not the password at all")
    with pytest.raises(CredentialsRefused) as wrong_current:  # not "your session ended"
        vera.change_password("not the password at all", "a brand new passphrase 2")
    assert wrong_current.value.code == "invalid_credentials"
    vera.sync()  # the session survived the wrong guess
    vera.change_password(PASSWORD, "a brand new passphrase 2")
    vera.sign_in("a brand new passphrase 2")
    vera.sync()
    with pytest.raises(CredentialsRefused):
        vera.sign_in(PASSWORD)


def test_a_refused_change_can_be_sent_again(central: Central, laptop: Laptop) -> None:
    vera = laptop("vera")
    vera.sync()
    other = next(c for c in central.dataset.cases if c.id not in central.volunteer_cases())
    note = central.note_in(other.id, "Wrote to the wrong case by mistake?", central.users["vera"])
    vera.vault.store.save(note)
    assert vera.sync().rejected == 1
    [refused] = vera.vault.store.rejected_outbox()
    with central.session() as s:  # the office allocates the case after all
        casework.allocate(s, casework.AllocationSpec(central.users["vera"], other.id))  # type: ignore[arg-type]
    vera.engine().retry_rejected(refused.seq)
    assert vera.sync().pushed == 1
    assert vera.vault.store.rejected_outbox() == []
    assert vera.vault.store.get(Note, note.id).body == note.body
    assert note.id in central.note_ids()
    assert vera.engine().digest_differences() == []


def test_the_scheduler_syncs_a_local_change_by_itself(central: Central, laptop: Laptop) -> None:
    vera = laptop("vera")
    done = threading.Semaphore(0)
    outcomes: list[BaseException | None] = []

    def on_result(error: BaseException | None) -> None:
        outcomes.append(error)
        done.release()

    scheduler = vera.scheduler(on_result, timing=Timing(debounce=0.05, interval=600))
    scheduler.start()
    try:
        assert done.acquire(timeout=30)  # the sync at start
        note = central.note_in(
            central.volunteer_cases()[0], "Saved, then synced.", central.users["vera"]
        )
        vera.vault.store.save(note)
        scheduler.local_change()
        assert done.acquire(timeout=30)
    finally:
        scheduler.stop()
    assert outcomes == [None, None]
    assert note.id in central.note_ids()
    assert vera.status().pending == 0
