"""Submitting a month's time and expenses: once submitted, the volunteer's entries for that
month are locked (the office corrects a submitted claim), in the app and on the store."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from erms_desktop.domain import TimeEntry
from erms_desktop.gui.case_workspace.form_base import Job, RecordForm
from erms_desktop.gui.case_workspace.runner import CaseworkRunner


def open_months(entries: tuple[TimeEntry, ...], viewer_id: str, today: date) -> list[date]:
    """The months with the volunteer's unsubmitted entries (newest first), or this month."""
    months = {
        date(e.worked_on.year, e.worked_on.month, 1)
        for e in entries
        if e.volunteer_id == viewer_id and e.submitted_on is None
    }
    return sorted(months, reverse=True) or [date(today.year, today.month, 1)]


class SubmitMonthForm(RecordForm):
    def __init__(
        self,
        runner: CaseworkRunner,
        entries: tuple[TimeEntry, ...],
        viewer_id: str,
        today: date,
        parent: QWidget | None,
    ) -> None:
        super().__init__(runner, "Submit a month's time and expenses", parent)
        self.save_button.setText("&Submit")
        self.month = self.add("&Month", QComboBox())
        for first in open_months(entries, viewer_id, today):
            self.month.addItem(f"{first:%B %Y}", first)
        warning = QLabel(
            "This submits all your time and expenses for that month, on every case. After "
            "that you cannot correct or remove them; the office can."
        )
        warning.setWordWrap(True)
        self.form.addRow(warning)

    def job(self) -> Job:
        first: date = self.month.currentData()
        return lambda cw: cw.submit_month(first.year, first.month)
