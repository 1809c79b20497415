"""The question a held mass removal asks: the office's latest changes would remove most of the
cases on this laptop. The dialog lists them by reference with how many records each holds, and
lets the volunteer remove them or keep them and tell the office (the safer choice, and the
default: the store records which cases this laptop kept, for the office to follow up). Nothing
leaves the laptop until the volunteer confirms."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.widgets import named
from erms_desktop.service.errors import MassRemovalHeld

KEPT = (
    "Nothing was removed. The office has been told these cases are still on this laptop; "
    "automatic sync is paused until you decide."
)
NOT_TOLD = (
    "Nothing was removed, but the office could not be told ({reason}). Please call the office "
    "and tell them the cases are still on this laptop."
)


def records(count: int) -> str:
    return f"{count} record{'s' if count != 1 else ''}"


class MassRemovalDialog(QDialog):
    confirmed = Signal()
    kept = Signal()  # the volunteer chose to keep them (not Escape, nor a lock closing it)

    def __init__(self, held: MassRemovalHeld, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cases the office would remove")
        named(self, "Cases the office would remove")
        intro = QLabel(
            f"The office's latest changes would remove {held.would_remove} of the "
            f"{records(held.local_total)} on this laptop, in {len(held.cases)} case"
            f"{'s' if len(held.cases) != 1 else ''}. Nothing has been removed yet. Anything not "
            "yet sent is kept, encrypted, for the office either way."
        )
        intro.setWordWrap(True)
        self.cases = named(QListWidget(), "Cases that would leave this laptop")
        for reference, count in held.cases:
            self.cases.addItem(f"{reference or 'Records not in a case'}: {records(count)}")
        self.remove_button = named(QPushButton("&Remove them from this laptop"), "Remove them")
        self.keep_button = named(QPushButton("&Keep them and tell the office"), "Keep them")
        self.keep_button.setDefault(True)
        self.remove_button.clicked.connect(self._confirm)
        self.keep_button.clicked.connect(self._keep)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.cases, 1)
        layout.addLayout(buttons)
        self.resize(520, 360)

    def _keep(self) -> None:
        self.kept.emit()
        self.reject()

    def _confirm(self) -> None:
        self.confirmed.emit()
        self.accept()
