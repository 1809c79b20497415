"""With the real vault behind the window, the SQLCipher connection is opened (and the Vault
object made) only on the worker thread, never on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.vault import vault as vault_module
from tests.service.office import PASSPHRASE, Office, desktop_service, enrolled


def test_gui_thread_never_opens_the_vault_connection(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office: Office
) -> None:
    folder = tmp_path / "vault"
    enrolled(folder, office).lock()  # set-up, before the probe is installed

    opened: list[int] = []
    real_open = vault_module.open_database

    def probe(*args: Any, **kwargs: Any) -> Any:
        opened.append(threading.get_ident())
        return real_open(*args, **kwargs)

    monkeypatch.setattr(vault_module, "open_database", probe)
    worker = ServiceWorker(desktop_service(folder, office))
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.screen_shown, timeout=5000):
        window.start()
    assert window.stack.currentWidget() is window.unlock_screen
    qtbot.keyClicks(window.unlock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 7, timeout=10000)
    window.lock()
    qtbot.keyClicks(window.unlock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 7, timeout=10000)
    window.close()
    worker.shutdown()
    assert len(opened) == 2
    assert threading.get_ident() not in opened
    assert threading.main_thread().ident not in opened
