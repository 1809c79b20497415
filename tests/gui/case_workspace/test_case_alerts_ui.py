"""Issue 14, point 4: what is overdue or missing is highlighted in the case list (words in the
"Needs attention" column, in the error colour and bold) and in the case header."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from erms_desktop.gui import theme
from erms_desktop.gui.case_model import ATTENTION_COLUMN, DUE_COLUMN, HEADERS
from tests.gui.case_workspace.test_party_files import VaultListBackend
from tests.gui.conftest import StartWindow, unlock
from tests.service.world import World


def test_an_overdue_case_is_highlighted_in_the_list_and_the_header(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    world.vault.store.save(dataclasses.replace(world.case, next_action_due=date(2026, 10, 30)))
    window = start_window(VaultListBackend(world))
    unlock(qtbot, window)
    model = window.case_list.table.model()
    assert HEADERS[ATTENTION_COLUMN] == "Needs attention"
    cell = model.index(0, ATTENTION_COLUMN)
    assert cell.data() == "Next action overdue; no consent to take part from P.Q., T.K."
    error = QColor(theme.current().error)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == error
    assert model.index(0, DUE_COLUMN).data(Qt.ItemDataRole.ForegroundRole) == error
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    window.case_list.table.selectRow(0)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Return)
    workspace = window.case_opener.current
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    attention = workspace.header.attention
    assert attention.isVisible()
    assert attention.text() == (
        "Needs attention: next action overdue; no consent to take part from P.Q., T.K."
    )
