"""A vault left half-made by a crash during create, or damaged later: the unlock screen explains
it and offers to wipe and start again, only after the right passphrase, and the wipe leaves the
laptop ready to enrol with nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service import errors
from erms_desktop.vault import Vault
from erms_desktop.vault.errors import WrongPassphraseError
from tests.gui.conftest import start_on
from tests.service.office import CHEAP, PASSPHRASE, Office, desktop_service, enrolled


def _half_made(folder: Path, cut: str) -> None:
    """What a crash between writing the key file and finishing the database leaves."""
    vault = Vault(folder, policy=CHEAP)
    vault.create(PASSPHRASE, X25519PrivateKey.generate().public_key())
    vault.lock()
    if cut == "no database":
        vault.paths.database.unlink()
    else:
        vault.paths.database.write_bytes(b"")


def _damaged_after_use(folder: Path, office: Office) -> None:
    backend = enrolled(folder, office)
    backend.lock()
    database = backend.vault.paths.database
    database.write_bytes(database.read_bytes()[:-100])  # no longer whole pages


def _log_emptied_after_crash(folder: Path, office: Office) -> None:
    """The files as a crash leaves them (newest commits only in the log), then the log emptied."""
    backend = enrolled(folder, office)
    paths = backend.vault.paths
    backend.vault.store.set_state("probe", "committed after unlock")
    image = {path: path.read_bytes() for path in (paths.database, paths.wal, paths.commits)}
    backend.lock()
    for path, content in image.items():
        path.write_bytes(content)
    paths.session.touch()
    paths.wal.write_bytes(b"")


Damage = Callable[[Path, Office], None]
DAMAGE: dict[str, tuple[Damage, type[errors.VaultDamaged]]] = {
    "no database": (lambda f, _o: _half_made(f, "no database"), errors.VaultIncomplete),
    "empty database": (lambda f, _o: _half_made(f, "empty"), errors.VaultIncomplete),
    "damaged after use": (_damaged_after_use, errors.VaultDamaged),
    "log emptied after a crash": (_log_emptied_after_crash, errors.VaultDamaged),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_backend_names_the_damage_and_wipes_only_after_it(
    tmp_path: Path, case: str, office: Office
) -> None:
    damage, expected = DAMAGE[case]
    damage(tmp_path / "v", office)
    backend = desktop_service(tmp_path / "v", office)
    with pytest.raises(errors.WipeRefused):
        backend.wipe_damaged_vault()  # not before unlocking has found the damage
    with pytest.raises(WrongPassphraseError):
        backend.unlock("not my passphrase at all")  # the passphrase is checked first
    with pytest.raises(errors.WipeRefused):
        backend.wipe_damaged_vault()
    with pytest.raises(expected) as found:
        backend.unlock(PASSPHRASE)
    assert type(found.value) is expected
    backend.wipe_damaged_vault()
    assert not (tmp_path / "v").exists()
    assert not backend.unlock_info().enrolled
    with pytest.raises(errors.WipeRefused):
        backend.wipe_damaged_vault()  # once only
    backend.enrol(office.request())
    backend.set_passphrase(PASSPHRASE)  # set up again in the same place
    assert backend.list_cases() == []  # nothing until the first sync


def _type_passphrase(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    screen = window.unlock_screen
    screen.passphrase.clear()
    qtbot.keyClicks(screen.passphrase, passphrase)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.passphrase.isEnabled, timeout=10000)


def _confirm(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.mouseClick(window.unlock_screen.wipe_button, Qt.MouseButton.LeftButton)
    box = window.findChild(QMessageBox)
    assert isinstance(box, QMessageBox)
    return box


def _wipe_button(box: QMessageBox) -> QPushButton:
    [button] = [b for b in box.findChildren(QPushButton) if "Wipe" in b.text()]
    return button


def test_a_half_made_vault_is_wiped_and_set_up_again(qtbot: QtBot, tmp_path: Path) -> None:
    _half_made(tmp_path / "v", "empty")
    backend = desktop_service(tmp_path / "v", None)
    window, worker = start_on(qtbot, backend)
    screen = window.unlock_screen
    _type_passphrase(qtbot, window, "not my passphrase at all")
    assert not screen.wipe_button.isVisibleTo(window)  # a wrong passphrase offers nothing
    _type_passphrase(qtbot, window, PASSPHRASE)
    assert "never finished" in screen.error.text()
    assert "none of your work" in screen.error.text()
    assert screen.wipe_button.isVisibleTo(window)
    box = _confirm(qtbot, window)
    assert box.defaultButton() is not _wipe_button(box)  # Cancel is the default
    box.reject()  # Cancel: nothing happens
    assert (tmp_path / "v" / "vault.keys").exists()
    box = _confirm(qtbot, window)
    with qtbot.waitSignal(window.screen_shown, timeout=10000) as shown:
        qtbot.mouseClick(_wipe_button(box), Qt.MouseButton.LeftButton)
    assert shown.args == ["enrolment"]
    assert not (tmp_path / "v").exists()
    window.close()
    worker.shutdown()


def test_a_damaged_vault_points_to_office_recovery_first(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> None:
    _damaged_after_use(tmp_path / "v", office)
    backend = desktop_service(tmp_path / "v", office)
    window, worker = start_on(qtbot, backend)
    _type_passphrase(qtbot, window, PASSPHRASE)
    text = window.unlock_screen.error.text()
    assert "synced with the office are safe" in text
    assert "organisation key" in text
    assert "call the office before" in text
    box = _confirm(qtbot, window)
    assert "recovered them with the organisation key" in box.text()
    box.reject()
    window.close()
    worker.shutdown()
