"""Small helpers every screen uses: accessible naming and shared labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from erms_desktop.domain.enums import WorkflowStage

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    """Give a control its accessible name (read by screen readers) and a stable object name."""
    widget.setAccessibleName(name)
    widget.setObjectName(name.lower().replace(" ", "_"))
    if description:
        widget.setAccessibleDescription(description)
    return widget


def dialog_buttons(
    dialog: QDialog,
    text: str,
    name: str,
    on_ok: Callable[[], None] | None = None,
    *,
    save: bool = False,
) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's OK (or Save) and Cancel: OK shows ``text`` (with its Alt key), is named
    ``name`` for screen readers and runs ``on_ok`` (accepting by default); Cancel rejects."""
    kind = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(kind | QDialogButtonBox.StandardButton.Cancel)
    ok = named(buttons.button(kind), name)
    ok.setText(text)
    named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def confirm_box(
    parent: QWidget,
    title: str,
    text: str,
    action: str,
    on_confirm: Callable[[], None],
    *,
    warning: bool = True,
) -> QMessageBox:
    """Open a question before something that cannot be undone: Cancel is the default (Enter
    changes nothing); the ``action`` button (with its Alt key) runs ``on_confirm``. The caller
    keeps the box while it is open."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    named(box, f"Confirm {title.lower()}")
    confirm = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    named(confirm, action.replace("&", ""))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    confirm.clicked.connect(on_confirm)
    box.open()
    return box


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose Alt key (the ``&`` letter) moves to ``widget``: for a form row whose
    field is a layout (a path and its Browse button), which Qt cannot pair by itself."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def message_label(name: str) -> QLabel:
    """A wrapped label for errors and guidance; read out when it changes."""
    label = named(QLabel(), name)
    label.setWordWrap(True)
    return label


def announce(widget: QWidget, message: str, *, assertive: bool = False) -> None:
    """Have screen readers speak ``message`` now, as from ``widget`` (an assertive announcement
    interrupts; a polite one waits its turn). A label's text changing alone is not read out."""
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


class ErrorLabel(QLabel):
    """A message label for errors: the style sheet colours it as an error (its ``error``
    property) and each new message is announced to screen readers at once."""

    def setText(self, text: str) -> None:
        changed = text != self.text()
        super().setText(text)
        if text and changed:
            announce(self, text, assertive=True)


def error_label(name: str) -> ErrorLabel:
    label = named(ErrorLabel(), name)
    label.setProperty("error", True)  # app.qss: QLabel[error="true"]
    label.setWordWrap(True)
    return label


def stage_label(stage: WorkflowStage) -> str:
    return stage.value.replace("_", " ").capitalize()
