"""The list-with-buttons shape every record tab shares, and one-line previews of long text."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from erms_desktop.gui.widgets import named


def list_tab(
    name: str, actions: Sequence[tuple[str, Callable[[], None]]]
) -> tuple[QWidget, QListWidget, list[QPushButton]]:
    """A list of records with a row of buttons under it."""
    page = QWidget()
    records = named(QListWidget(), name)
    records.setWordWrap(True)
    row = QHBoxLayout()
    buttons = []
    for text, slot in actions:
        button = named(QPushButton(text), text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        row.addWidget(button)
        buttons.append(button)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addWidget(records, 1)
    layout.addLayout(row)
    return page, records, buttons


def hide_actions(widget: QWidget) -> None:
    """Make a pane read-only: every action button in it is hidden and disabled (so out of the
    tab order, and its Alt key does nothing); the lists stay readable."""
    for button in widget.findChildren(QPushButton):
        button.setEnabled(False)
        button.hide()


def first_line(text: str, limit: int = 90) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
