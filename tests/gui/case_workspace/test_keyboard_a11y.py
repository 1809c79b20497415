"""Issue 15, point 8, by keyboard in an open case: Ctrl+Tab / Ctrl+PageDown switch party files even
from inside a file's own tabs; Tab leaves the note text (Ctrl+Tab types a tab); every control and
tab set in the case and the editor has an accessible name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from erms_desktop.domain.enums import Side
from tests.gui.case_workspace.test_party_files import open_from_list
from tests.gui.conftest import StartWindow
from tests.gui.test_accessibility import unnamed
from tests.service.world import World

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_tab_and_ctrl_page_keys_switch_party_files(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    victim, offender = workspace.panes[Side.VICTIM], workspace.panes[Side.OFFENDER]
    workspace.tabs.setCurrentWidget(victim)
    victim.notes.setFocus()  # inside the file's own tab set
    qtbot.keyClick(victim.notes, Qt.Key.Key_Tab, CTRL)
    assert workspace.tabs.currentWidget() is offender
    assert victim.tabs.currentWidget() is victim.notes_page  # the inner tabs stayed put
    qtbot.keyClick(offender, Qt.Key.Key_PageUp, CTRL)
    assert workspace.tabs.currentWidget() is victim
    qtbot.keyClick(victim.notes, Qt.Key.Key_PageDown, CTRL)
    assert workspace.tabs.currentWidget() is offender
    assert victim.tabs.accessibleName() == "Victim file sections"
    assert workspace.tabs.accessibleName() == "Case sections"


def test_tab_leaves_the_note_text_and_ctrl_tab_types_one(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    pane = workspace.panes[Side.VICTIM]
    workspace.tabs.setCurrentWidget(pane)
    qtbot.mouseClick(pane.new_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.editor is not None and workspace.editor.isVisible())
    editor = workspace.editor
    assert editor is not None
    editor.activateWindow()
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Met")
    qtbot.keyClick(editor.text, Qt.Key.Key_Tab)
    assert editor.text.toPlainText() == "Met"
    assert QApplication.focusWidget() is not editor.text
    editor.text.setFocus()
    qtbot.keyClick(editor.text, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not editor.text
    editor.text.setFocus()
    qtbot.keyClick(editor.text, Qt.Key.Key_Tab, CTRL)
    assert editor.text.toPlainText() == "Met\t"
    assert unnamed(editor) == []
    assert unnamed(workspace) == []
