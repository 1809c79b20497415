"""The referral intake form: where it came from and when, the offence and its flags, the people
referred (side, identifiers, child), consent and lawful basis, and optional equality monitoring
(kept apart from the case). Saving takes the referral in on the store; a refusal is shown in the
form, which keeps everything typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import (
    AgeBand,
    ConsentAtReferral,
    LawfulBasis,
    OffenceFlag,
    OffenceType,
    ReferralSource,
    Side,
)
from erms_desktop.gui.case_workspace.form_base import date_edit, date_of, lines_of, required_date
from erms_desktop.gui.office.common import choice, fill, lines_edit, selected_key, table, words
from erms_desktop.gui.widgets import dialog_buttons, heading, message_label, named
from erms_desktop.gui.worker import OfficeWorker
from erms_desktop.service.formatting import uk_date
from erms_desktop.service.messages import user_message
from erms_desktop.service.office import casework
from erms_desktop.service.office.casework import EqualityAnswers, ReferralIntake, ReferredPerson

TITLE = "New referral"


class PersonDialog(QDialog):
    """One person referred: side, names, identifiers (one per line) and the child flag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Person referred")
        named(self, "Person referred")
        self.person: ReferredPerson | None = None
        self.side = choice(list(Side), "Side")
        self.given = named(QLineEdit(), "Given names")
        self.family = named(QLineEdit(), "Family name")
        self.born = named(date_edit(optional=True), "Date of birth")
        self.child = named(QCheckBox("This person is a &child (under 18)"), "Child")
        self.addresses = lines_edit("Addresses")
        self.phones = lines_edit("Phone numbers")
        self.emails = lines_edit("Email addresses")
        self.references = lines_edit("Agency references")
        self.message = message_label("Person problem")
        form = QFormLayout()
        form.addRow("&Side:", self.side)
        form.addRow("&Given names:", self.given)
        form.addRow("&Family name:", self.family)
        form.addRow("Date of &birth:", self.born)
        form.addRow("", self.child)
        form.addRow("&Addresses (one per line):", self.addresses)
        form.addRow("&Phone numbers (one per line):", self.phones)
        form.addRow("&Email addresses (one per line):", self.emails)
        form.addRow("Agency &references (one per line):", self.references)
        buttons, self.ok = dialog_buttons(self, "A&dd person", "Add person", self._submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.side.setFocus()

    def _submit(self) -> None:
        if not self.given.text().strip() and not self.family.text().strip():
            self.message.setText("Enter a given name or a family name.")
            return
        try:
            self.person = ReferredPerson(
                side=self.side.currentData(),
                given_names=self.given.text().strip(),
                family_name=self.family.text().strip(),
                date_of_birth=date_of(self.born),
                is_child=self.child.isChecked(),
                addresses=lines_of(self.addresses.toPlainText()),
                phones=lines_of(self.phones.toPlainText()),
                emails=lines_of(self.emails.toPlainText()),
                references=lines_of(self.references.toPlainText()),
            )
        except ValueError:
            self.message.setText(
                "Each line must be a single line of at most 200 characters, and names at most "
                "100; at most 20 lines of each kind."
            )
            return
        self.accept()


class IntakeDialog(QDialog):
    """Accepted once the store has taken the referral in (``taken_in`` is then its summary)."""

    def __init__(self, worker: OfficeWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        named(self, TITLE)
        self.resize(720, 760)
        self._worker = worker
        self.taken_in: casework.ReferralSummary | None = None
        self.people: list[ReferredPerson] = []
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(heading(TITLE))
        column.addWidget(self._build_referral())
        column.addWidget(self._build_people())
        column.addWidget(self._build_basis())
        column.addWidget(self._build_equality())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.message = message_label("Referral problem")
        buttons, self.save_button = dialog_buttons(
            self, "&Save referral", "Save", self._submit, save=True
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.source.setFocus()

    # -- parts of the form ---------------------------------------------------------------------
    def _build_referral(self) -> QGroupBox:
        box = named(QGroupBox("The referral"), "The referral")
        self.source = choice(list(ReferralSource), "Referral source")
        self.received = named(date_edit(), "Received on")
        self.agency_reference = named(QLineEdit(), "Agency reference")
        self.offence_type = choice(list(OffenceType), "Offence type")
        self.summary = named(QPlainTextEdit(), "Offence summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(80)
        self.offence_date = named(date_edit(optional=True), "Offence date")
        self.flags = {flag: named(QCheckBox(words(flag)), words(flag)) for flag in OffenceFlag}
        flags = QWidget()
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, box_ in enumerate(self.flags.values()):
            grid.addWidget(box_, index // 3, index % 3)
        form = QFormLayout(box)
        form.addRow("S&ource:", self.source)
        form.addRow("&Received on:", self.received)
        form.addRow("Agency re&ference:", self.agency_reference)
        form.addRow("Offence &type:", self.offence_type)
        form.addRow("Offence s&ummary:", self.summary)
        form.addRow("Offence &date:", self.offence_date)
        form.addRow("Flags:", flags)
        return box

    def _build_people(self) -> QGroupBox:
        box = named(QGroupBox("People referred"), "People referred")
        self.people_table = table("People referred list", ["Side", "Name", "Child", "Born"])
        self.people_table.setMinimumHeight(110)
        self.add_person = named(QPushButton("&Add person…"), "Add person")
        self.remove_person = named(QPushButton("Re&move person"), "Remove person")
        self.add_person.clicked.connect(self._ask_person)
        self.remove_person.clicked.connect(self._remove_person)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_person)
        buttons.addWidget(self.remove_person)
        buttons.addStretch()
        layout = QVBoxLayout(box)
        layout.addWidget(self.people_table)
        layout.addLayout(buttons)
        return box

    def _build_basis(self) -> QGroupBox:
        box = named(QGroupBox("Consent and lawful basis"), "Consent and lawful basis")
        self.consent = choice(list(ConsentAtReferral), "Consent at referral")
        self.consent.setCurrentIndex(self.consent.findData(ConsentAtReferral.NOT_YET_ASKED))
        self.lawful_basis = choice(list(LawfulBasis), "Lawful basis", none="Choose…")
        form = QFormLayout(box)
        form.addRow("&Consent at referral:", self.consent)
        form.addRow("&Lawful basis relied on:", self.lawful_basis)
        return box

    def _build_equality(self) -> QGroupBox:
        box = named(
            QGroupBox("Equality monitoring (optional; kept apart from the case)"),
            "Equality monitoring",
        )
        self.age_band = choice(list(AgeBand), "Age band", none="Not given")
        self.gender = named(QLineEdit(), "Gender")
        self.ethnicity = named(QLineEdit(), "Ethnicity")
        self.disability = named(QLineEdit(), "Disability")
        form = QFormLayout(box)
        form.addRow("A&ge band:", self.age_band)
        form.addRow("Ge&nder:", self.gender)
        form.addRow("Et&hnicity:", self.ethnicity)
        form.addRow("Disa&bility:", self.disability)
        return box

    # -- behaviour ---------------------------------------------------------------------------
    def _ask_person(self) -> None:
        dialog = PersonDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.person is not None:
            self.add(dialog.person)
        self.add_person.setFocus()

    def add(self, person: ReferredPerson) -> None:
        """Add a person to the list (what the person dialog does)."""
        self.people.append(person)
        self._show_people()

    def _remove_person(self) -> None:
        index = selected_key(self.people_table)
        if index is not None:
            del self.people[index]
            self._show_people()

    def _show_people(self) -> None:
        fill(
            self.people_table,
            [
                (
                    i,
                    (
                        words(p.side),
                        f"{p.given_names} {p.family_name}".strip(),
                        "Yes" if p.is_child else "No",
                        uk_date(p.date_of_birth, missing=""),
                    ),
                )
                for i, p in enumerate(self.people)
            ],
        )

    def _form(self) -> ReferralIntake:
        if not self.summary.toPlainText().strip():
            raise ValueError("Enter a summary of the offence.")
        if not self.people:
            raise ValueError("Add at least one person referred.")
        if self.lawful_basis.currentData() is None:
            raise ValueError("Choose the lawful basis relied on.")
        equality = EqualityAnswers(
            age_band=self.age_band.currentData(),
            gender=self.gender.text().strip() or None,
            ethnicity=self.ethnicity.text().strip() or None,
            disability=self.disability.text().strip() or None,
        )
        given = any(v is not None for v in equality.model_dump().values())
        return ReferralIntake(
            source=self.source.currentData(),
            received_on=required_date(self.received),
            agency_reference=self.agency_reference.text().strip(),
            offence_type=self.offence_type.currentData(),
            offence_summary=self.summary.toPlainText().strip(),
            offence_date=date_of(self.offence_date),
            flags=tuple(flag for flag, box in self.flags.items() if box.isChecked()),
            people=list(self.people),
            consent_at_referral=self.consent.currentData(),
            lawful_basis=self.lawful_basis.currentData(),
            equality=equality if given else None,
        )

    def _submit(self) -> None:
        try:
            form = self._form()
        except ValueError as error:
            self.message.setText(_plain(error))
            return
        self.save_button.setEnabled(False)
        self.message.setText("Saving…")
        self._worker.call(lambda s: casework.take_in(s, form), self._saved, self._failed)

    def _saved(self, summary: casework.ReferralSummary) -> None:
        self.taken_in = summary
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(user_message(error))


def _plain(error: ValueError) -> str:
    """A form check's own sentence, or one line for what the wire model refused."""
    text = str(error)
    if text.endswith(".") and "\n" not in text:
        return text
    return (
        "Some of the details are too long or not in the expected form: agency references and "
        "lines at most 200 characters, the summary at most 2,000."
    )
