"""The Subject access screen (administrators): find a person by name, other name, date of
birth or reference across every case; save everything held about them as a PDF bundle (the
other party redacted; the store records the request as answered); erase them where the law
allows it; and list the requests answered."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.office.dpo_parts import run, save_path, saved
from erms_desktop.gui.office.rows import fill, row_table
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import heading, message_label, named
from erms_desktop.service.formatting import uk_date, uk_datetime
from erms_desktop.service.office import dpo
from erms_desktop.service.office.session import OfficeSession


class SubjectScreen(QWidget):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__()
        self.window_ = window
        self.ids: list[str] = []
        self.name = named(QLineEdit(), "Name or other name")
        self.born = named(QLineEdit(), "Date of birth")
        self.born.setPlaceholderText("dd/mm/yyyy")
        self.reference = named(QLineEdit(), "Reference")
        self.find_button = named(QPushButton("&Find"), "Find the person")
        self.summary = message_label("Search summary")
        self.matches = row_table(
            "People found", ["case", "side", "role", "names", "other names", "born"]
        )
        self.received = named(QLineEdit(uk_date(date.today())), "Request received on")
        self.bundle = named(QPushButton("Save &response bundle (PDF)…"), "Save response bundle")
        self.ground = named(QComboBox(), "Ground for erasure")
        for value, label in dpo.ERASURE_GROUNDS.items():
            self.ground.addItem(label, value)
        self.erase = named(QPushButton("&Erase this person…"), "Erase this person")
        self.requests = named(QPushButton("&Answered requests"), "List answered requests")
        self.answered = row_table("Answered requests", ["person id", "received", "answered", "by"])
        for button in (self.bundle, self.erase):
            button.setEnabled(False)
        self._layout()
        self.find_button.clicked.connect(self._find)
        for field in (self.name, self.born, self.reference):
            field.returnPressed.connect(self._find)
        self.bundle.clicked.connect(self._bundle)
        self.erase.clicked.connect(self._erase)
        self.requests.clicked.connect(self._requests)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Name or other name:", self.name)
        form.addRow("Date of &birth:", self.born)
        form.addRow("Re&ference:", self.reference)
        answer = QFormLayout()
        answer.addRow("Request recei&ved on:", self.received)
        answer.addRow("&Ground for erasure:", self.ground)
        buttons = QHBoxLayout()
        for button in (self.find_button, self.bundle, self.erase, self.requests):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Subject access"))
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.matches)
        layout.addLayout(answer)
        layout.addLayout(buttons)
        layout.addWidget(self.answered)

    def selected(self) -> str | None:
        row = self.matches.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def _find(self) -> None:
        name, born, reference = self.name.text(), self.born.text(), self.reference.text()

        def job(s: OfficeSession) -> object:
            return dpo.find_person(s, name, dpo.typed_date(born, "Date of birth"), reference)

        run(self.window_, job, self._found)

    def _found(self, result: Any) -> None:
        self.ids = [m.participant_id for m in result.matches]
        fill(
            self.matches,
            [
                [
                    m.service_reference,
                    m.side.value,
                    m.role.value.replace("_", " "),
                    m.names,
                    ", ".join(m.other_names),
                    uk_date(m.date_of_birth, missing="-"),
                ]
                for m in result.matches
            ],
        )
        pending = (
            f" and {len(result.referrals)} referrals not yet accepted" if result.referrals else ""
        )
        self.summary.setText(
            f"{len(result.matches)} people found{pending}. {result.destroyed_referrals} rejected "
            "referrals were destroyed at rejection: only counts remain, which hold nothing "
            "about anyone."
        )
        for button in (self.bundle, self.erase):
            button.setEnabled(bool(self.ids))

    def _bundle(self) -> None:
        person, received = self.selected(), self.received.text()
        if person is None:
            return
        path = save_path(self, "Save the subject access response", "subject-access.pdf", "pdf")
        if path is None:
            return

        def job(s: OfficeSession) -> object:
            on = dpo.typed_date(received, "Request received on")
            if on is None:
                raise dpo.BadInput("say when the request was received (dd/mm/yyyy)")
            return dpo.save_subject_bundle(s, person, on, path)

        run(self.window_, job, saved(self.window_), quiet=False)

    def _erase(self) -> None:
        person, ground = self.selected(), str(self.ground.currentData())
        if person is None:
            return
        sure = QMessageBox.question(
            self,
            "Erase this person",
            "Erase this person's records? Their record and their party file's notes, "
            "consents, risk assessments and documents are destroyed here and on every laptop "
            "at its next sync. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if sure == QMessageBox.StandardButton.Yes:
            run(
                self.window_,
                lambda s: dpo.erase_person(s, person, ground),
                self._erased,
                quiet=False,
            )

    def _erased(self, result: Any) -> None:
        """The erased person leaves the list; the status bar says what went."""
        row = self.ids.index(result.participant_id) if result.participant_id in self.ids else -1
        if row >= 0:
            self.ids.pop(row)
            self.matches.removeRow(row)
        for button in (self.bundle, self.erase):
            button.setEnabled(bool(self.ids))
        self.window_.show_message(
            f"Erased: {result.records_tombstoned} records; laptops drop them at their next sync."
        )

    def _requests(self) -> None:
        run(self.window_, dpo.answered_requests, self._listed)

    def _listed(self, requests: Any) -> None:
        fill(
            self.answered,
            [
                [
                    r.participant_id,
                    uk_date(r.received_on),
                    uk_datetime(r.answered_at),
                    r.answered_by,
                ]
                for r in requests
            ],
        )
