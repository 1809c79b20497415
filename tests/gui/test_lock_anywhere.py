"""Ctrl+L locks from anywhere: the case list, the note editor (a modal dialog over the window)
and any other dialog; drafts are kept in the vault, and unlocking comes back to the same case.
Real vault, real store on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.conftest import unlock
from tests.gui.real_session import ctrl_l, open_first_case, session
from tests.service.office import PASSPHRASE

__all__ = ["session"]  # the fixture

DRAFT = "Talked about the garden"


def test_ctrl_l_in_the_note_editor_keeps_the_draft_and_unlock_returns_to_the_case(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService]
) -> None:
    window, _service = session
    workspace = open_first_case(qtbot, window)
    case_id = workspace.case_id
    pane = workspace.tabs.currentWidget()
    qtbot.mouseClick(pane.new_note_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: workspace.editor is not None and workspace.editor.isVisible())
    editor = workspace.editor
    assert editor is not None
    qtbot.keyClicks(editor.text, DRAFT)
    ctrl_l(qtbot, editor.text)
    assert not window.unlocked
    assert not editor.isVisible()
    assert window.stack.currentWidget() is window.unlock_screen
    assert window.unlock_screen.error.text() == ""  # locked by hand: no "locked itself"
    unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.case_opener.current is not None)
    reopened = window.case_opener.current
    assert reopened is not None
    assert reopened.case_id == case_id
    assert window.stack.currentWidget() is reopened
    qtbot.waitUntil(lambda: reopened.view is not None, timeout=10000)
    drafts = reopened.drafts()
    assert [note.body for note, _file in drafts] == [DRAFT]  # kept, encrypted, in the vault


def test_ctrl_l_in_a_dialog_closes_it_and_locks(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService]
) -> None:
    window, _service = session
    window.passphrase_action.trigger()
    dialog = window.findChild(QDialog, "change_local_passphrase")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    ctrl_l(qtbot, dialog.focusWidget() or dialog)
    assert not window.unlocked
    assert not dialog.isVisible()
    assert not any(box.isVisible() for box in window.findChildren(QMessageBox))
