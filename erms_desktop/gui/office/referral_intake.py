"""The referral intake form: the case type first (restorative justice or mediation), where it
came from and when, the offence and its flags (or, for a mediation, the dispute's type and
description), the people referred (side or party, identifiers, child), consent and lawful basis,
and optional equality monitoring (kept apart from the case). Saving takes the referral in on the
store; a refusal is shown in the form, which keeps everything typed.

A mediation names no victim and no offender: its people are parties (Party A, Party B, ...),
two or more of them, and the offence's fields are not offered."""

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
    CaseType,
    ConsentAtReferral,
    DisputeType,
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


def sides_of(case_type: CaseType) -> list[Side]:
    """The sides a person referred may be on: victim or offender, or a mediation's parties."""
    return [side for side in Side if side.fits(case_type)]


class PersonDialog(QDialog):
    """One person referred: side (a party, for a mediation), names, identifiers (one per line)
    and the child flag."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        case_type: CaseType = CaseType.RESTORATIVE_JUSTICE,
        side: Side | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Person referred")
        named(self, "Person referred")
        self.person: ReferredPerson | None = None
        mediation = case_type is CaseType.MEDIATION
        self.side = choice(sides_of(case_type), "Party" if mediation else "Side")
        if side is not None:
            self.side.setCurrentIndex(max(0, self.side.findData(side)))
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
        form.addRow("Part&y:" if mediation else "&Side:", self.side)
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
        column.addWidget(self._build_offence())
        column.addWidget(self._build_dispute())
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
        self.case_type.currentIndexChanged.connect(lambda _i: self._type_chosen())
        self._type_chosen()
        self.case_type.setFocus()

    # -- parts of the form ---------------------------------------------------------------------
    def _build_referral(self) -> QGroupBox:
        box = named(QGroupBox("The referral"), "The referral")
        self.case_type = choice(list(CaseType), "Case type")
        self.source = choice(list(ReferralSource), "Referral source")
        self.received = named(date_edit(), "Received on")
        self.agency_reference = named(QLineEdit(), "Agency reference")
        form = QFormLayout(box)
        form.addRow("Cas&e type:", self.case_type)
        form.addRow("S&ource:", self.source)
        form.addRow("&Received on:", self.received)
        form.addRow("Agency re&ference:", self.agency_reference)
        return box

    def _build_offence(self) -> QGroupBox:
        box = self.offence_box = named(QGroupBox("The offence"), "The offence")
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
        form.addRow("Offence &type:", self.offence_type)
        form.addRow("Offence s&ummary:", self.summary)
        form.addRow("Offence &date:", self.offence_date)
        form.addRow("Flags:", flags)
        return box

    def _build_dispute(self) -> QGroupBox:
        box = self.dispute_box = named(QGroupBox("The dispute"), "The dispute")
        self.dispute_type = choice(list(DisputeType), "Dispute type", none="Choose…")
        self.dispute = named(QPlainTextEdit(), "Dispute description")
        self.dispute.setTabChangesFocus(True)
        self.dispute.setFixedHeight(80)
        form = QFormLayout(box)
        form.addRow("D&ispute type:", self.dispute_type)
        form.addRow("Dispute descri&ption:", self.dispute)
        return box

    def _build_people(self) -> QGroupBox:
        box = self.people_box = named(QGroupBox("People referred"), "People referred")
        self.people_table = table(
            "People referred list", ["Side or party", "Name", "Child", "Born"]
        )
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
    def chosen_type(self) -> CaseType:
        return CaseType(self.case_type.currentData())

    def _type_chosen(self) -> None:
        """Offer the offence for restorative justice, the dispute for a mediation."""
        mediation = self.chosen_type() is CaseType.MEDIATION
        self.offence_box.setVisible(not mediation)
        self.dispute_box.setVisible(mediation)
        self.people_box.setTitle(
            "People referred (the parties: two or more)" if mediation else "People referred"
        )

    def _next_party(self) -> Side | None:
        """For a mediation, the first party nobody has been added to yet (Party A, then B...)."""
        if self.chosen_type() is not CaseType.MEDIATION:
            return None
        taken = {p.side for p in self.people}
        return next((side for side in Side.parties() if side not in taken), None)

    def _ask_person(self) -> None:
        dialog = PersonDialog(self, case_type=self.chosen_type(), side=self._next_party())
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
        case_type = self.chosen_type()
        mediation = case_type is CaseType.MEDIATION
        if mediation:
            _check_dispute(self.dispute_type.currentData(), self.dispute.toPlainText())
        elif not self.summary.toPlainText().strip():
            raise ValueError("Enter a summary of the offence.")
        _check_people(case_type, self.people)
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
            case_type=case_type,
            source=self.source.currentData(),
            received_on=required_date(self.received),
            agency_reference=self.agency_reference.text().strip(),
            # The offence's fields, or for a mediation the dispute's (never both).
            dispute_type=self.dispute_type.currentData() if mediation else None,
            dispute_summary=self.dispute.toPlainText().strip() if mediation else None,
            offence_type=None if mediation else self.offence_type.currentData(),
            offence_summary=None if mediation else self.summary.toPlainText().strip(),
            offence_date=None if mediation else date_of(self.offence_date),
            flags=() if mediation else tuple(f for f, box in self.flags.items() if box.isChecked()),
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


def _check_dispute(dispute_type: DisputeType | None, description: str) -> None:
    if dispute_type is None:
        raise ValueError("Choose the type of dispute.")
    if not description.strip():
        raise ValueError("Describe the dispute.")


def _check_people(case_type: CaseType, people: list[ReferredPerson]) -> None:
    """People on the sides the case type has; for a mediation, two parties or more."""
    if not people:
        raise ValueError("Add at least one person referred.")
    if case_type is CaseType.MEDIATION:
        if not all(p.side.is_party for p in people):
            raise ValueError("In a mediation each person referred is a party (Party A, B, …).")
        if len({p.side for p in people}) < 2:
            raise ValueError("A mediation needs people from two parties or more.")
    elif any(p.side.is_party for p in people):
        raise ValueError("Each person referred is on the victim's or the offender's side.")


def _plain(error: ValueError) -> str:
    """A form check's own sentence, or one line for what the wire model refused."""
    text = str(error)
    if text.endswith(".") and "\n" not in text:
        return text
    return (
        "Some of the details are too long or not in the expected form: agency references and "
        "lines at most 200 characters, the summary or description at most 2,000."
    )
