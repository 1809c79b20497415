"""Office mode's "Laptop records" screen: every laptop; for the one chosen, its check-in receipt
(shown, and saved as a PDF) and what was on it at its last contact - for a returned laptop and a
lost one alike."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.receipt_pdf import write_receipt_pdf
from erms_desktop.gui.widgets import named
from erms_desktop.service.returned_laptops import LaptopRecord, LaptopRow

TITLE = "Laptop re&cords"
COLUMNS = ("Asset tag", "Volunteer", "State", "Device id")


class LaptopRecordsScreen(QWidget):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__()
        named(self, "Laptop records")
        self._window = window
        self.rows: list[LaptopRow] = []
        self.record: LaptopRecord | None = None
        self.table = named(QTableWidget(0, len(COLUMNS)), "Laptops")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.show_button = named(QPushButton("&Show record"), "Show the laptop's record")
        self.pdf_button = named(QPushButton("Save receipt as &PDF…"), "Save receipt as PDF")
        self.refresh_button = named(QPushButton("&Refresh"), "Refresh the laptops")
        self.view = named(QTextBrowser(), "Laptop record")
        self.show_button.clicked.connect(self._show_record)
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.show_button, self.pdf_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        from erms_desktop.service.returned_laptops import laptop_rows

        self._window.worker.call(laptop_rows, self._show_rows, self._window.show_problem)

    def _show_rows(self, rows: list[LaptopRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            values = (row.asset_tag, row.volunteer, row.state, row.device_id)
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _show_record(self) -> None:
        from erms_desktop.service.returned_laptops import laptop_record

        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self._window.show_message("Choose a laptop in the list first.")
            return
        device_id = self.rows[index].device_id
        self._window.worker.call(
            lambda s: laptop_record(s, device_id), self._record_shown, self._window.show_problem
        )

    def _record_shown(self, record: LaptopRecord) -> None:
        self.record = record
        self.view.setHtml(record.html)
        self.pdf_button.setEnabled(record.receipt is not None)

    def _ask_pdf(self) -> None:
        if self.record is None or self.record.receipt is None:
            return
        name = f"check-in-{self.record.receipt.asset_tag}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, "Save the receipt", name, "PDF (*.pdf)")
        if path:
            write_receipt_pdf(self.record.receipt, Path(path))
