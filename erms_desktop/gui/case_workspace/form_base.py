"""The shape every record form shares: labelled fields, a message line, Save and Cancel. Saving
runs the form's job on the background worker; a refusal is shown in the form, which stays open
with everything the volunteer entered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.case_workspace.style import label
from erms_desktop.gui.widgets import error_label, named
from erms_desktop.service.casework import Casework
from erms_desktop.service.messages import user_message

Job = Callable[[Casework], Any]


class RecordForm(QDialog):
    recorded = Signal(object)

    def __init__(self, runner: CaseworkRunner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        named(self, title)
        self._runner = runner
        self.form = QFormLayout()
        self.message = error_label(f"{title} message")  # what was refused, spoken at once
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = named(self.buttons.button(QDialogButtonBox.StandardButton.Save), "Save")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def add(self, text: str, widget: QWidget) -> Any:
        named(widget, text.replace("&", ""))
        self.form.addRow(text, widget)
        return widget

    def job(self) -> Job:
        """The casework call this form makes; raise ValueError for input it cannot accept."""
        raise NotImplementedError

    def submit(self) -> None:
        try:
            job = self.job()
        except ValueError as error:
            self.message.setText(user_message(error))
            return
        self.save_button.setEnabled(False)
        self.run(job)

    def run(self, job: Job) -> None:
        self._runner.call(job, self._done, self._failed)

    def _done(self, result: object) -> None:
        self.recorded.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(user_message(error))


def enum_combo(values: type[StrEnum], *, none: str | None = None) -> QComboBox:
    combo = QComboBox()
    if none is not None:
        combo.addItem(none, None)
    for value in values:
        combo.addItem(label(value.value), value)
    return combo


def date_edit(value: date | None = None, *, optional: bool = False) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    if optional:
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setSpecialValueText("Not set")
        edit.setDate(edit.minimumDate())
    else:
        edit.setDate(QDate(value) if value else QDate.currentDate())
    return edit


def required_date(edit: QDateEdit) -> date:
    """The date of a field that has no "none" choice (so it always holds one)."""
    value = date_of(edit)
    if value is None:
        raise ValueError("this date field has no date")
    return value


def date_of(edit: QDateEdit) -> date | None:
    if edit.specialValueText() and edit.date() == edit.minimumDate():
        return None
    value = edit.date().toPython()
    if not isinstance(value, date):
        raise TypeError("a date field gave something other than a date")
    return value


def lines_of(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())
