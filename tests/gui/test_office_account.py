"""Real mode against the real central store (uvicorn on 127.0.0.1, the sync client, a real
SQLCipher vault): the office password's expiry banner and its change, "Try sending again" for a
refused change, what a refused enrolment says, and the status file kept beside the vault."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from erms_desktop.central import casework
from erms_desktop.central.models import Device, SessionToken, User
from erms_desktop.domain import Note
from erms_desktop.gui.dialogs import SecretChangeDialog
from erms_desktop.service import errors
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.messages import is_account_locked, user_message
from erms_desktop.service.models import AttentionKind, EnrolmentRequest, ResolveAction
from erms_desktop.service.status_file import STATUS_FILE, status_path
from erms_desktop.sync.errors import RequestRefused
from erms_desktop.vault import Vault
from tests.gui.conftest import start_on, unlock
from tests.service.office import CHEAP, PASSPHRASE
from tests.sync.central import PASSWORD, Central, ThreadServer

NEW_PASSWORD = "a brand new office password"


@pytest.fixture
def central(tmp_path: Path) -> Central:
    return Central.build(tmp_path / "store", with_content=False)


@pytest.fixture
def server(central: Central) -> Iterator[ThreadServer]:
    with ThreadServer(central) as running:
        yield running


def _backend(folder: Path) -> DesktopService:
    key = X25519PrivateKey.generate().public_key()
    return DesktopService(lambda: Vault(folder, policy=CHEAP), recovery_key=lambda: key)


def _enrolled(folder: Path, central: Central, server: ThreadServer) -> DesktopService:
    backend = _backend(folder)
    backend.enrol(EnrolmentRequest(server.url, central.code("vera"), "vera", PASSWORD))
    backend.set_passphrase(PASSPHRASE)
    backend.sync_now(lambda _p: None)
    return backend


def _password_changed(central: Central, days_ago: int) -> None:
    with central.session() as s:
        user = s.get(User, central.users["vera"])  # type: ignore[attr-defined]
        user.password_changed_at = datetime.now(UTC) - timedelta(days=days_ago)


def _failed_attempts(central: Central) -> int:
    """Wrong current passwords in a password change count against the laptop (its device row),
    not the account, so they cannot lock the user out of other laptops."""
    with central.session() as s:
        devices = s.scalars(select(Device).where(Device.user_id == central.users["vera"]))  # type: ignore[attr-defined]
        return sum(device.failed_attempts for device in devices)


def test_expiry_banner_and_password_change_in_real_mode(
    qtbot: QtBot, tmp_path: Path, central: Central, server: ThreadServer
) -> None:
    _password_changed(central, days_ago=170)  # 180-day maximum: ten days left
    backend = _enrolled(tmp_path / "vault", central, server)
    backend.lock()
    window, worker = start_on(qtbot, backend)
    unlock(qtbot, window, PASSPHRASE)
    ws = window.case_list
    assert ws.banner.isVisibleTo(window)
    assert "10 days" in ws.banner_text.text() or "9 days" in ws.banner_text.text()
    qtbot.mouseClick(ws.banner_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SecretChangeDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.current, "not the office password")
    qtbot.keyClicks(dialog.new, NEW_PASSWORD)
    qtbot.keyClicks(dialog.repeat, NEW_PASSWORD)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not accept" in dialog.message.text(), timeout=10000)
    assert _failed_attempts(central) == 1  # one wrong try counts once towards the lockout
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not ws.banner.isVisibleTo(window)
    window.close()
    worker.shutdown()
    # The office took the new password, and the new expiry is kept for the next unlock.
    backend.unlock(PASSPHRASE)
    with pytest.raises(errors.WrongCredentials):
        backend.sign_in(PASSWORD)
    backend.sign_in(NEW_PASSWORD)
    account = backend.unlock(PASSPHRASE)
    assert account.password_expires is not None
    assert account.password_expires >= date.today() + timedelta(days=179)
    backend.lock()


def test_password_change_after_the_session_ended(
    tmp_path: Path, central: Central, server: ThreadServer
) -> None:
    backend = _enrolled(tmp_path / "vault", central, server)
    with central.session() as s:  # the office ends every session (e.g. a server restart policy)
        s.execute(delete(SessionToken))  # type: ignore[attr-defined]
    with pytest.raises(errors.PasswordRejected):
        backend.change_central_password("not the office password", NEW_PASSWORD)
    with pytest.raises(errors.PasswordRejected):  # the office's policy: 12 characters at least
        backend.change_central_password(PASSWORD, "too short")
    backend.change_central_password(PASSWORD, NEW_PASSWORD)
    backend.sync_now(lambda _p: None)  # signed in again with the new password
    backend.lock()


def test_try_sending_again_in_real_mode(
    tmp_path: Path, central: Central, server: ThreadServer
) -> None:
    backend = _enrolled(tmp_path / "vault", central, server)
    other = next(c for c in central.dataset.cases if c.id not in central.volunteer_cases())
    note = central.note_in(
        other.id, "Written into a case not allocated yet.", central.users["vera"]
    )
    backend.vault.store.save(note)
    backend.sync_now(lambda _p: None)
    [refused] = [i for i in backend.attention_items() if i.kind is AttentionKind.REJECTED]
    assert ResolveAction.RETRY in refused.actions
    with central.session() as s:  # the office allocates the case after all
        spec = casework.AllocationSpec(central.users["vera"], other.id)
        casework.allocate(s, spec)  # type: ignore[arg-type]
    backend.resolve(refused.item_id, ResolveAction.RETRY)
    assert [i for i in backend.attention_items() if i.kind is AttentionKind.REJECTED] == []
    assert backend.status().pending == 0
    assert note.id in central.note_ids()
    assert backend.vault.store.get(Note, note.id).body == note.body
    with pytest.raises(errors.NothingToRetry):
        backend.resolve(refused.item_id, ResolveAction.RETRY)
    backend.lock()


@pytest.mark.parametrize("wrong", ["code", "password"])
def test_a_refused_enrolment_says_what_the_server_allows(
    tmp_path: Path, central: Central, server: ThreadServer, wrong: str
) -> None:
    """The store answers 401 ``unauthenticated`` to a bad code and to a bad name or password
    alike, so the wizard cannot honestly say which: one combined message, nothing left behind."""
    backend = _backend(tmp_path / "vault")
    code = "ABCD-EFGH-JKLM" if wrong == "code" else central.code("vera")
    password = "not the office password" if wrong == "password" else PASSWORD
    backend.enrol(EnrolmentRequest(server.url, code, "vera", password))
    with pytest.raises(errors.EnrolmentRefused) as refused:
        backend.set_passphrase(PASSPHRASE)
    text = user_message(refused.value)
    assert "enrolment code" in text
    assert "user name and password" in text
    assert not (tmp_path / "vault").exists()


def test_a_locked_account_is_named_at_enrolment(
    tmp_path: Path, central: Central, server: ThreadServer
) -> None:
    with central.session() as s:
        user = s.get(User, central.users["vera"])  # type: ignore[attr-defined]
        user.locked_until = datetime.now(UTC) + timedelta(minutes=15)
    backend = _backend(tmp_path / "vault")
    backend.enrol(EnrolmentRequest(server.url, central.code("vera"), "vera", PASSWORD))
    with pytest.raises(RequestRefused) as locked:
        backend.set_passphrase(PASSPHRASE)
    assert is_account_locked(locked.value)
    assert "locked" in user_message(locked.value)
    assert not (tmp_path / "vault").exists()


def test_status_file_holds_no_personal_data_and_a_wipe_leaves_nothing(
    tmp_path: Path, central: Central, server: ThreadServer
) -> None:
    folder = tmp_path / "vault"
    backend = _enrolled(folder, central, server)
    backend.lock()
    backend.unlock(PASSPHRASE)
    backend.sync_now(lambda _p: None)
    backend.lock()
    path = status_path(backend.vault.paths)
    assert path.parent == folder
    assert path.name.endswith(STATUS_FILE)
    assert not (folder / STATUS_FILE).exists()  # never the bare name the wipe would not know
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"last_sync", "last_contact", "server_url"}
    assert data["server_url"] == server.url
    raw = path.read_text(encoding="utf-8")
    personal = {"vera", central.users["vera"]}
    personal |= {c.service_reference for c in central.dataset.cases}
    for person in central.dataset.participants:
        personal |= {person.given_names, person.family_name, *person.phones}
    assert not [word for word in personal if word and word in raw]
    assert path.stat().st_mode & 0o077 == 0  # owner-only, like the vault's own files
    report = backend.vault.wipe()
    assert report.complete, report.problems
    assert not folder.exists()
