"""The whole chain, no stand-ins: the enrolment wizard, driven like a volunteer would, against the
real central store on 127.0.0.1 (uvicorn, SQLite, the synthetic dataset) through the real sync
client into a real SQLCipher vault; then lock, unlock and search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.demo.account import DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.demo.embedded_central import EmbeddedCentral
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.desktop import DesktopService
from erms_desktop.vault import Vault, VaultState
from tests.gui.conftest import start_on, unlock
from tests.service.office import CHEAP

PASSPHRASE = "plum orbit lantern meadow"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[str, str]]:
    central = EmbeddedCentral(tmp_path / "central")
    yield central.start()
    central.stop()


def _enrol(qtbot: QtBot, window: MainWindow, url: str, code: str) -> None:
    wizard = window.enrolment
    assert wizard is not None
    wizard.server.setText(url)
    qtbot.keyClicks(wizard.code, code)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.username, DEMO_USERNAME)
    qtbot.keyClicks(wizard.password, DEMO_PASSWORD)
    qtbot.mouseClick(wizard.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page_index == 2, timeout=10000)
    qtbot.keyClicks(wizard.passphrase, PASSPHRASE)
    qtbot.keyClicks(wizard.confirm, PASSPHRASE)
    qtbot.mouseClick(wizard.set_button, Qt.MouseButton.LeftButton)


def test_enrol_and_first_sync_against_the_real_central_store(
    qtbot: QtBot, tmp_path: Path, office: tuple[str, str]
) -> None:
    url, code = office
    key = X25519PrivateKey.generate().public_key()
    backend = DesktopService(
        lambda: Vault(tmp_path / "vault", policy=CHEAP), recovery_key=lambda: key
    )
    window, worker = start_on(qtbot, backend)
    _enrol(qtbot, window, url, code)
    wizard = window.enrolment
    assert wizard is not None
    qtbot.waitUntil(wizard.open_button.isEnabled, timeout=30000)
    assert "10 cases received" in wizard.sync_count.text()  # the demo volunteer's share
    qtbot.mouseClick(wizard.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 10, timeout=10000)
    qtbot.waitUntil(lambda: window.sync_bar.connection.text() == "Online", timeout=10000)
    window.lock()
    unlock(qtbot, window, PASSPHRASE)
    qtbot.keyClicks(window.case_list.search, "apology")
    qtbot.waitUntil(lambda: window.case_list.results.count() > 0, timeout=10000)
    window.close()
    worker.shutdown()


def test_a_wrong_code_is_refused_and_leaves_nothing(
    qtbot: QtBot, tmp_path: Path, office: tuple[str, str]
) -> None:
    url, _code = office
    key = X25519PrivateKey.generate().public_key()
    backend = DesktopService(
        lambda: Vault(tmp_path / "vault", policy=CHEAP), recovery_key=lambda: key
    )
    window, worker = start_on(qtbot, backend)
    _enrol(qtbot, window, url, "ABCD-EFGH-JKLM")
    wizard = window.enrolment
    assert wizard is not None
    qtbot.waitUntil(lambda: wizard.page_index == 1, timeout=10000)
    assert "did not accept the enrolment code" in wizard.sign_in_error.text()
    assert backend.vault.state is VaultState.ABSENT  # the new vault was shredded again
    window.close()
    worker.shutdown()


def test_an_unreachable_server_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    key = X25519PrivateKey.generate().public_key()
    backend = DesktopService(
        lambda: Vault(tmp_path / "vault", policy=CHEAP), recovery_key=lambda: key
    )
    window, worker = start_on(qtbot, backend)
    wizard = window.enrolment
    assert wizard is not None
    wizard.server.setText("http://127.0.0.1:9")  # discard port: nothing listens
    qtbot.keyClicks(wizard.code, "ABCD-EFGH-JKLM")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.username, DEMO_USERNAME)
    qtbot.keyClicks(wizard.password, DEMO_PASSWORD)
    qtbot.mouseClick(wizard.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not reach" in wizard.connect_error.text(), timeout=15000)
    assert wizard.page_index == 0
    window.close()
    worker.shutdown()
