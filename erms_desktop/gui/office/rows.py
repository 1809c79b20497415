"""A read-only, keyboard-first table of text rows for the office's people and laptop lists."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from erms_desktop.gui.office.common import table


def row_table(name: str, columns: Sequence[str]) -> QTableWidget:
    """The office's read-only table (common.table), its columns always fitting their text."""
    grid = table(name, columns)
    grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    grid.horizontalHeader().setStretchLastSection(True)  # after the mode: the last one stretches
    return grid


def fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Replace the rows, keeping the selected row where it still exists."""
    selected = table.currentRow()
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    if rows:
        table.selectRow(min(max(selected, 0), len(rows) - 1))
