"""The status bar follows every save and sync without going back to the case list, and
transient messages go when the volunteer moves on. Real vault, real store on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.real_session import open_first_case, session

__all__ = ["session"]  # the fixture


def test_saving_a_note_updates_the_count_at_once_and_moving_on_clears_the_message(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService]
) -> None:
    window, _service = session
    pending = window.sync_bar.pending
    qtbot.waitUntil(lambda: pending.text() == "0 changes waiting to sync")
    workspace = open_first_case(qtbot, window)
    pane = workspace.tabs.currentWidget()
    qtbot.mouseClick(pane.new_note_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: workspace.editor is not None and workspace.editor.isVisible())
    editor = workspace.editor
    assert editor is not None
    qtbot.keyClicks(editor.text, "Talked about the garden and sleep.")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=10000)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pending.text() == "1 change waiting to sync", timeout=10000)
    assert window.stack.currentWidget() is workspace  # still in the case
    model = window.case_list.model  # the list behind the case, with its sync marks
    marked = lambda: [r.case_id for r in model._cases if r.pending_sync]  # noqa: E731
    qtbot.waitUntil(lambda: marked() == [workspace.case_id])
    assert workspace.message.text() == "Note saved."
    qtbot.keyClick(workspace.tabs.tabBar(), Qt.Key.Key_Right)  # to the next file
    assert workspace.message.text() == ""
    window.sync_now()
    qtbot.waitUntil(lambda: pending.text() == "0 changes waiting to sync", timeout=15000)
    qtbot.mouseClick(window.sync_bar.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Sync finished.", timeout=15000)
    workspace.close_requested.emit()  # "← Cases"
    assert window.statusBar().currentMessage() == ""
