"""The Reports screen: choose a month, produce the anonymised monthly report (twelve months
ending there), read each measure's table, and save it as a PDF with charts or as CSV."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.office.dpo_parts import run, save_path, saved
from erms_desktop.gui.office.rows import fill, row_table
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import heading, message_label, named
from erms_desktop.service.formatting import uk_datetime
from erms_desktop.service.office import dpo


def _last_month(today: date) -> str:
    index = today.year * 12 + today.month - 2
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class ReportsScreen(QWidget):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__()
        self.window_ = window
        self.report: Any = None
        self.month = named(QLineEdit(_last_month(date.today())), "Report month")
        self.month.setPlaceholderText("YYYY-MM")
        self.produce = named(QPushButton("&Produce report"), "Produce report")
        self.measure = named(QComboBox(), "Measure")
        self.table = row_table("Report figures", ["month"])
        self.summary = message_label("Report summary")
        self.save_pdf = named(QPushButton("Save P&DF…"), "Save report as PDF")
        self.save_csv = named(QPushButton("Save &CSV…"), "Save report as CSV")
        for button in (self.save_pdf, self.save_csv):
            button.setEnabled(False)
        form = QFormLayout()
        form.addRow("&Month (YYYY-MM):", self.month)
        form.addRow("M&easure:", self.measure)
        buttons = QHBoxLayout()
        for button in (self.produce, self.save_pdf, self.save_csv):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Monthly report"))
        layout.addWidget(
            QLabel("Anonymised figures for partners: counts from 1 to 4 are shown as <5.")
        )
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.produce.clicked.connect(self._produce)
        self.month.returnPressed.connect(self._produce)
        self.measure.currentIndexChanged.connect(self._show_measure)
        self.save_pdf.clicked.connect(lambda: self._save("pdf"))
        self.save_csv.clicked.connect(lambda: self._save("csv"))

    def _produce(self) -> None:
        month = self.month.text()
        run(self.window_, lambda s: dpo.monthly_report(s, month), self._shown)

    def _shown(self, report: Any) -> None:
        self.report = report
        self.summary.setText(
            f"Twelve months to {report.month}, produced {uk_datetime(report.produced_at)} "
            f"by {report.produced_by}."
        )
        self.measure.blockSignals(True)
        self.measure.clear()
        self.measure.addItems([t.measure.replace("_", " ") for t in report.tables])
        self.measure.blockSignals(False)
        self._show_measure(0)
        for button in (self.save_pdf, self.save_csv):
            button.setEnabled(True)
        self.window_.show_message(f"Report for the twelve months to {report.month} produced.")

    def _show_measure(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.tables):
            return
        table = self.report.tables[index]
        self.table.setColumnCount(len(table.columns))
        self.table.setHorizontalHeaderLabels([c.replace("_", " ") for c in table.columns])
        fill(self.table, table.rows)

    def _save(self, fmt: str) -> None:
        if self.report is None:
            return
        month = self.report.month
        path = save_path(self, "Save the monthly report", f"monthly-report-{month}.{fmt}", fmt)
        if path is not None:
            run(
                self.window_,
                lambda s: dpo.save_monthly_report(s, month, fmt, path),
                saved(self.window_),
            )
