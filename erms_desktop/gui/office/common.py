"""What the office screens share: a screen base that runs calls on the office window's worker
and reports there, plain words for the office's coded values, and a read-only table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from erms_desktop.domain.enums import CaseType, ReferralSource, Side
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import named
from erms_desktop.service.office.session import OfficeSession

_WORDS: dict[str, str] = {
    "involves_child": "A child is involved",
    "proceed_with_mitigations": "Proceed with mitigations",
    "do_not_proceed": "Do not proceed",
    "not_yet_asked": "Not yet asked",
    "public_task": "Public task",
    "prefer_not_to_say": "Prefer not to say",
    "under_18": "Under 18",
    "18_24": "18 to 24",
    "25_34": "25 to 34",
    "35_49": "35 to 49",
    "50_64": "50 to 64",
    "65_plus": "65 and over",
    "anti_social_behaviour": "Anti-social behaviour",
}


def words(value: StrEnum | str) -> str:
    """A coded value in plain words ("knife_crime" -> "Knife crime"; sources, case types and
    sides by their own names: "Party A", never "Party a")."""
    if isinstance(value, ReferralSource | CaseType | Side):
        return value.label
    text = str(value)
    return _WORDS.get(text, text.replace("_", " ").capitalize())


def choice(values: Sequence[StrEnum], name: str, *, none: str | None = None) -> QComboBox:
    """A drop-down of coded values shown in plain words (the value kept as item data)."""
    combo = named(QComboBox(), name)
    if none is not None:
        combo.addItem(none, None)
    for value in values:
        combo.addItem(words(value), value)
    return combo


def lines_edit(name: str, height: int = 60) -> QPlainTextEdit:
    """A few lines of text, one item per line; Tab moves on rather than typing a tab."""
    edit = named(QPlainTextEdit(), name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


def table(name: str, headings: Sequence[str]) -> QTableWidget:
    """A read-only table, one row selected at a time, moved through with the keyboard."""
    grid = named(QTableWidget(0, len(headings)), name)
    grid.setHorizontalHeaderLabels(list(headings))
    grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    grid.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    grid.horizontalHeader().setStretchLastSection(True)
    grid.verticalHeader().setVisible(False)
    return grid


def fill(grid: QTableWidget, rows: Sequence[tuple[Any, Sequence[str]]]) -> None:
    """Replace the table's rows: each is (the row's key, kept on its first cell; its texts)."""
    grid.setRowCount(0)
    for key, texts in rows:
        row = grid.rowCount()
        grid.insertRow(row)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            grid.setItem(row, column, item)
    grid.resizeColumnsToContents()
    if rows:
        grid.selectRow(0)


def selected_key(grid: QTableWidget) -> Any:
    """The key of the selected row, or None."""
    row = grid.currentRow()
    item = grid.item(row, 0) if row >= 0 else None
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)


class OfficeScreen(QWidget):
    """A screen of the office window: ``refresh`` runs whenever its tab is shown."""

    def __init__(self, window: OfficeWindow) -> None:
        super().__init__()
        self.office = window

    def call(
        self,
        job: Callable[[OfficeSession], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``job`` on the office worker; a failure is reported in the status bar unless
        ``on_error`` handles it."""
        self.office.worker.call(job, on_done, on_error or self.office.show_problem)

    def refresh(self) -> None:
        """Read again what the screen shows (nothing by default)."""
