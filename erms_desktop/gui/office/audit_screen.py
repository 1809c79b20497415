"""The Audit search screen (administrators): who read or changed a case or a record, what a
user or a device did in a period, and what a laptop held at its last contact - each savable as
PDF or CSV. The store audits every search made here."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
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
from erms_desktop.service.office.session import OfficeSession

Search = tuple[str, str, str, str]  # kind, subject, from, to as typed


class AuditScreen(QWidget):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__()
        self.window_ = window
        self.searched: Search | None = None
        self.kind = named(QComboBox(), "Search by")
        for value, label in dpo.SEARCH_KINDS.items():
            self.kind.addItem(label, value)
        self.subject = named(QLineEdit(), "Search for")
        self.start = named(QLineEdit(), "From date")
        self.end = named(QLineEdit(), "To date")
        for field in (self.start, self.end):
            field.setPlaceholderText("dd/mm/yyyy (optional)")
        self.search = named(QPushButton("&Search"), "Search the audit log")
        self.save_pdf = named(QPushButton("Save P&DF…"), "Save search as PDF")
        self.save_csv = named(QPushButton("Save &CSV…"), "Save search as CSV")
        self.summary = message_label("Search summary")
        self.results = row_table("Audit results", ["when", "user", "device", "action", "detail"])
        self.devices = named(QComboBox(), "Laptop")
        self.load_devices = named(QPushButton("&List laptops"), "List laptops")
        self.contents = named(QPushButton("&What was on it"), "What was on the laptop")
        self.laptop_pdf = named(QPushButton("Save laptop PDF…"), "Save laptop contents as PDF")
        self.laptop_csv = named(QPushButton("Save laptop CSV…"), "Save laptop contents as CSV")
        self.laptop_summary = message_label("Laptop summary")
        self.held = row_table("Cases on the laptop", ["case", "case id", "party files", "pulled"])
        for button in (self.save_pdf, self.save_csv, self.laptop_pdf, self.laptop_csv):
            button.setEnabled(False)
        self._layout()
        self.search.clicked.connect(self._search)
        self.subject.returnPressed.connect(self._search)
        self.save_pdf.clicked.connect(lambda: self._save("pdf"))
        self.save_csv.clicked.connect(lambda: self._save("csv"))
        self.load_devices.clicked.connect(self._load_devices)
        self.contents.clicked.connect(self._contents)
        self.laptop_pdf.clicked.connect(lambda: self._save_laptop("pdf"))
        self.laptop_csv.clicked.connect(lambda: self._save_laptop("csv"))

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Search &by:", self.kind)
        form.addRow("Search &for:", self.subject)
        form.addRow("F&rom:", self.start)
        form.addRow("&To:", self.end)
        buttons = QHBoxLayout()
        for button in (self.search, self.save_pdf, self.save_csv):
            buttons.addWidget(button)
        buttons.addStretch()
        laptops = named(QGroupBox("What was on a laptop at its last contact"), "Laptop contents")
        laptop_layout = QVBoxLayout(laptops)
        row = QHBoxLayout()
        for widget in (self.devices, self.load_devices, self.contents):
            row.addWidget(widget)
        row.addStretch()
        saves = QHBoxLayout()
        for button in (self.laptop_pdf, self.laptop_csv):
            saves.addWidget(button)
        saves.addStretch()
        laptop_layout.addLayout(row)
        laptop_layout.addWidget(self.laptop_summary)
        laptop_layout.addWidget(self.held)
        laptop_layout.addLayout(saves)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Audit search"))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.results)
        layout.addWidget(laptops)

    def _typed(self) -> Search:
        return (
            str(self.kind.currentData()),
            self.subject.text(),
            self.start.text(),
            self.end.text(),
        )

    @staticmethod
    def _query(session: OfficeSession, typed: Search) -> Any:
        kind, subject, start, end = typed
        return dpo.audit_search(
            session,
            kind,
            subject,
            dpo.typed_date(start, "From"),
            dpo.typed_date(end, "To"),
        )

    def _search(self) -> None:
        typed = self._typed()
        run(self.window_, lambda s: self._query(s, typed), lambda r: self._shown(typed, r))

    def _shown(self, typed: Search, result: Any) -> None:
        self.searched = typed
        self.summary.setText(
            f"{result.description[:1].upper()}{result.description[1:]}: {len(result.rows)} "
            f"entries (searched {uk_datetime(result.searched_at)} by {result.searched_by})."
        )
        fill(
            self.results,
            [
                [uk_datetime(r.at), r.username or "-", r.device_id or "-", r.action, r.detail]
                for r in result.rows
            ],
        )
        for button in (self.save_pdf, self.save_csv):
            button.setEnabled(True)

    def _save(self, fmt: str) -> None:
        if self.searched is None:
            return
        kind, subject, start, end = self.searched
        path = save_path(self, "Save the audit search", f"audit-search.{fmt}", fmt)
        if path is None:
            return

        def job(s: OfficeSession) -> object:
            search = (kind, subject, dpo.typed_date(start, "From"), dpo.typed_date(end, "To"))
            return dpo.save_audit_search(s, search, fmt, path)

        run(self.window_, job, saved(self.window_))

    def _load_devices(self) -> None:
        run(self.window_, dpo.devices, self._listed)

    def _listed(self, devices: Any) -> None:
        self.devices.clear()
        for d in devices:
            revoked = " (revoked)" if d.revoked_at else ""
            self.devices.addItem(f"{d.asset_tag} - {d.username}{revoked}", d.device_id)
        self.window_.show_message(f"{len(devices)} laptops listed.")

    def _contents(self) -> None:
        device_id = self.devices.currentData()
        if device_id:
            run(self.window_, lambda s: dpo.laptop_contents(s, device_id), self._held)

    def _held(self, contents: Any) -> None:
        self.laptop_summary.setText(
            f"{contents.asset_tag} ({contents.username}): last contact "
            f"{uk_datetime(contents.last_contact)}; {len(contents.cases)} cases held."
        )
        fill(
            self.held,
            [
                [
                    c.service_reference,
                    c.case_id,
                    " ".join(c.party_file_ids),
                    uk_datetime(c.last_pulled),
                ]
                for c in contents.cases
            ],
        )
        for button in (self.laptop_pdf, self.laptop_csv):
            button.setEnabled(True)

    def _save_laptop(self, fmt: str) -> None:
        device_id = self.devices.currentData()
        path = save_path(self, "Save the laptop contents", f"laptop-contents.{fmt}", fmt)
        if device_id and path is not None:
            run(
                self.window_,
                lambda s: dpo.save_laptop_contents(s, device_id, fmt, path),
                saved(self.window_),
            )
