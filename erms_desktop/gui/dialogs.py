"""Changing the office (central) password and the local passphrase. One dialog serves both; the
main window runs the change on the worker and reports back with ``done`` or ``failed``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.widgets import announce, dialog_buttons, message_label, named
from erms_desktop.service.policy import passphrase_strength


class SecretChangeDialog(QDialog):
    change_requested = Signal(str, str)  # current, new

    def __init__(
        self, title: str, what: str, *, guide_strength: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        named(self, title)
        self._guide = guide_strength
        self.current = named(QLineEdit(), f"Current {what}")
        self.new = named(QLineEdit(), f"New {what}")
        self.repeat = named(QLineEdit(), f"Repeat new {what}")
        for field in (self.current, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._validate)
        self.strength = named(QProgressBar(), "Strength")
        self.strength.setRange(0, 4)
        self.strength.setFormat("")
        self.strength.setVisible(guide_strength)
        self.message = message_label("Change message")
        self.buttons, self.ok = dialog_buttons(self, "&Change", "Change", self._submit)
        form = QFormLayout()
        form.addRow(f"&Current {what}:", self.current)
        form.addRow(f"&New {what}:", self.new)
        form.addRow("&Repeat it:", self.repeat)
        if guide_strength:
            form.addRow("Strength:", self.strength)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        new = self.new.text()
        problem = ""
        ok = bool(self.current.text()) and bool(new) and new == self.repeat.text()
        if self._guide:
            strength = passphrase_strength(new)
            self.strength.setValue(strength.score)
            ok = ok and strength.acceptable
            problem = strength.advice if new else ""
        elif new and len(new) < 12:
            problem, ok = "Use at least 12 characters.", False
        if self.repeat.text() and new != self.repeat.text():
            problem = "The two entries differ."
        self.message.setText(problem)
        self.ok.setEnabled(ok)

    def _submit(self) -> None:
        self.ok.setEnabled(False)
        self.message.setText("Working…")
        self.change_requested.emit(self.current.text(), self.new.text())

    def done_ok(self) -> None:
        self.accept()

    def failed(self, message: str) -> None:
        """The change was refused: shown in the error colour and spoken at once (the advice
        while typing is not announced, so typing stays quiet)."""
        self.message.setText(message)
        announce(self.message, message, assertive=True)
        self.ok.setEnabled(True)
