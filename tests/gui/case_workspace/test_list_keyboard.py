"""From the search box the keyboard reaches the case list naturally: Enter right after unlock
opens the selected case, Down moves into the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.case_workspace.test_shell_hook import ShellBackend
from tests.gui.conftest import StartWindow, unlock
from tests.service.world import World


def test_enter_in_the_search_box_opens_the_selected_case(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    window = start_window(ShellBackend(world))
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.case_list.selected_case() is not None)
    window.case_list.search.setFocus()
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)
    workspace = window.case_opener.current
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    assert workspace.case_id == world.case.id


def test_down_from_the_search_box_moves_into_the_list(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    window = start_window(ShellBackend(world))
    unlock(qtbot, window)
    search, table = window.case_list.search, window.case_list.table
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1)
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert window.case_list.selected_case() is not None
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.case_opener.current is not None
