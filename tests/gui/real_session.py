"""A real session for shell tests: the demo volunteer's laptop (real SQLCipher vault) enrolled
with the real central store on loopback, locked, then unlocked through the unlock screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.conftest import start_on, unlock
from tests.service.office import PASSPHRASE, Office, enrolled


@pytest.fixture
def session(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> Iterator[tuple[MainWindow, DesktopService]]:
    service = enrolled(tmp_path / "vault", office)
    service.lock()
    window, worker = start_on(qtbot, service)
    unlock(qtbot, window, PASSPHRASE)
    yield window, service
    window.close()
    worker.shutdown()


def ctrl_l(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def open_first_case(qtbot: QtBot, window: MainWindow) -> CaseWorkspace:
    table = window.case_list.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_opener.current is not None)
    workspace = window.case_opener.current
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=10000)
    return workspace
