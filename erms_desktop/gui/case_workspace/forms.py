"""The record forms: contacts and meetings, consent, risk assessments, outcome items, time."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from erms_desktop.domain import TimeEntry
from erms_desktop.domain.enums import (
    CaseType,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    ExpenseKind,
    OutcomeKind,
    RiskKind,
    RiskOutcome,
)
from erms_desktop.domain.workflow import contact_name
from erms_desktop.gui.case_workspace.form_base import (
    Job,
    RecordForm,
    date_edit,
    date_of,
    enum_combo,
    lines_of,
    required_date,
)
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.widgets import named
from erms_desktop.service.case_views import CaseView, FileView
from erms_desktop.service.file_labels import side_name
from erms_desktop.service.formatting import pence_from_pounds, pounds


def minutes_box(value: int = 60) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 24 * 60)
    box.setSuffix(" min")
    box.setValue(value)
    return box


class ContactForm(RecordForm):
    """A preparation contact in one party file, or (no file) a joint meeting. Who was present
    is what the meeting gates judge: each party present needs its secondary risk assessment."""

    def __init__(
        self,
        runner: CaseworkRunner,
        case_id: str,
        file_id: str | None,
        people: Sequence[tuple[str, str]],
        parent: QWidget | None,
        *,
        case_type: CaseType = CaseType.RESTORATIVE_JUSTICE,
    ) -> None:
        super().__init__(
            runner, "Record a joint meeting" if file_id is None else "Record a contact", parent
        )
        self.case_id, self.file_id = case_id, file_id
        self.kind = self.add("&Kind", enum_combo(ContactKind))
        for index in range(self.kind.count()):  # a mediation's "Joint meeting"
            kind = ContactKind(self.kind.itemData(index))
            self.kind.setItemText(index, contact_name(kind, case_type))
        if file_id is None:
            self.kind.setCurrentIndex(self.kind.findData(ContactKind.CONFERENCE))
        self.mode = self.add("&Mode", enum_combo(ContactMode))
        self.held_on = self.add("&Date", date_edit())
        self.minutes = self.add("D&uration", minutes_box())
        self.present = self.add("&Present", named(QListWidget(), "present"))
        for person_id, label in people:
            item = QListWidgetItem(label, self.present)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.reminded = self.add(
            "Phone or video", QCheckBox("Everyone was reminded &not to record it")
        )
        self.private = self.add("Where", QCheckBox("Everyone confirmed a pri&vate location"))
        self.summary = self.add("S&ummary", QPlainTextEdit())

    def attendee_ids(self) -> list[str]:
        items = (self.present.item(row) for row in range(self.present.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() is Qt.CheckState.Checked
        ]

    def job(self) -> Job:
        kind, mode, held_on = (
            self.kind.currentData(),
            self.mode.currentData(),
            required_date(self.held_on),
        )
        minutes, summary, case_id, file_id = (
            self.minutes.value(),
            self.summary.toPlainText().strip(),
            self.case_id,
            self.file_id,
        )
        present, reminded, private = (
            self.attendee_ids(),
            self.reminded.isChecked(),
            self.private.isChecked(),
        )
        return lambda cw: cw.add_contact(
            case_id,
            kind,
            mode,
            held_on,
            minutes,
            party_file_id=file_id,
            attendee_ids=present,
            summary=summary,
            reminded_not_to_record=reminded,
            private_location_confirmed=private,
        )


class ConsentForm(RecordForm):
    """Verbal consent, a signed form with its scan, or a refusal to sign (closes the case)."""

    def __init__(self, runner: CaseworkRunner, file_view: FileView, parent: QWidget | None) -> None:
        super().__init__(runner, "Record consent", parent)
        self.participant = self.add("&Who", QComboBox())
        for person in file_view.participants:
            self.participant.addItem(person.display_name, person.id)
        self.scope = self.add("&Consent to", enum_combo(ConsentScope))
        self.method = self.add("&How", enum_combo(ConsentMethod))
        self.detail = self.add("&What it covers", QLineEdit())
        self.scan = self.add("Signed form &scan", QComboBox())
        self.scan.addItem("No scan attached", None)
        for document in file_view.documents:
            self.scan.addItem(document.filename, document.id)
        self.recorded_on = self.add("&Date", date_edit())
        self.refuse_button = named(QPushButton("&Refused to sign (closes the case)"), "Refused")
        self.buttons.addButton(self.refuse_button, self.buttons.ButtonRole.ActionRole)
        self.refuse_button.clicked.connect(self.refuse)

    def job(self) -> Job:
        who, scope, method = (
            self.participant.currentData(),
            self.scope.currentData(),
            self.method.currentData(),
        )
        if who is None:
            raise ValueError("add a participant to this file first")
        detail, scan, on = (
            self.detail.text().strip(),
            self.scan.currentData(),
            date_of(self.recorded_on),
        )
        return lambda cw: cw.record_consent(
            who, scope, method, detail=detail, evidence_document_id=scan, on=on
        )

    def refuse(self) -> None:
        who, on = self.participant.currentData(), date_of(self.recorded_on)
        if who is None:
            self.message.setText("Add a participant to this file first.")
            return
        self.run(lambda cw: cw.record_refusal(who, on))


class RiskForm(RecordForm):
    def __init__(
        self,
        runner: CaseworkRunner,
        case_id: str,
        file_id: str | None,
        parent: QWidget | None,
        kind: RiskKind = RiskKind.SECONDARY,
    ) -> None:
        super().__init__(runner, "Risk assessment", parent)
        self.case_id, self.file_id = case_id, file_id
        self.kind = self.add("&Kind", enum_combo(RiskKind))
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.factors = self.add("&Factors (one a line)", QPlainTextEdit())
        self.mitigations = self.add("&Mitigations (one a line)", QPlainTextEdit())
        self.outcome = self.add("&Outcome", enum_combo(RiskOutcome, none="Not completed yet"))
        self.review_on = self.add("&Review by", date_edit(optional=True))

    def job(self) -> Job:
        case_id, file_id, kind = self.case_id, self.file_id, self.kind.currentData()
        factors, mitigations = (
            lines_of(self.factors.toPlainText()),
            lines_of(self.mitigations.toPlainText()),
        )
        outcome, review = self.outcome.currentData(), date_of(self.review_on)
        return lambda cw: cw.record_risk(
            case_id,
            kind,
            party_file_id=file_id,
            factors=factors,
            mitigations=mitigations,
            outcome=outcome,
            review_on=review,
        )


class OutcomeForm(RecordForm):
    def __init__(self, runner: CaseworkRunner, view: CaseView, parent: QWidget | None) -> None:
        super().__init__(runner, "Outcome agreement item", parent)
        self.case_id = view.case.id
        self.kind = self.add("&Kind", enum_combo(OutcomeKind))
        self.description = self.add("&What", QLineEdit())
        self.responsible = self.add("&Who does it", QComboBox())
        self.signed: list[tuple[QCheckBox, str]] = []
        for file_view in view.files:
            side = side_name(file_view.party_file.side)
            self.responsible.addItem(f"The {side} side", file_view.id)
            box = QCheckBox(f"Signed for the {side} side")
            self.signed.append((self.add(f"Signed ({side})", box), file_view.id))
        self.due_on = self.add("D&ue by", date_edit(optional=True))

    def job(self) -> Job:
        case_id, kind, text = self.case_id, self.kind.currentData(), self.description.text()
        responsible, due = self.responsible.currentData(), date_of(self.due_on)
        signed = tuple(file_id for box, file_id in self.signed if box.isChecked())
        return lambda cw: cw.add_outcome_item(
            case_id, kind, text, responsible, due, signed_by=signed
        )


class TimeForm(RecordForm):
    """A new time entry, or (given ``entry``) a correction of one of the volunteer's own."""

    def __init__(
        self,
        runner: CaseworkRunner,
        case_id: str,
        parent: QWidget | None,
        entry: TimeEntry | None = None,
    ) -> None:
        super().__init__(runner, "Correct the entry" if entry else "Time and expenses", parent)
        self.case_id, self.entry = case_id, entry
        self.worked_on = self.add("&Date", date_edit(entry.worked_on if entry else None))
        self.activity = self.add("&Activity", QLineEdit(entry.activity if entry else ""))
        self.minutes = self.add("&Time", minutes_box(entry.minutes if entry else 60))
        self.miles = self.add("&Miles", QDoubleSpinBox())
        self.miles.setRange(0, 2000)
        self.miles.setDecimals(1)
        self.expense_kind = self.add("&Cost for", enum_combo(ExpenseKind, none="No cost"))
        self.cost = self.add("C&ost (£)", QLineEdit())
        self.cost.setPlaceholderText("3.40")
        if entry is not None:
            self.miles.setValue(entry.miles)
            self.expense_kind.setCurrentIndex(self.expense_kind.findData(entry.expense_kind))
            if entry.expense_pence:
                self.cost.setText(pounds(entry.expense_pence).removeprefix("£"))

    def job(self) -> Job:
        on = required_date(self.worked_on)
        details = {
            "activity": self.activity.text(),
            "miles": self.miles.value(),
            "expense_kind": self.expense_kind.currentData(),
            "expense_pence": pence_from_pounds(self.cost.text()),
        }
        minutes = self.minutes.value()
        if self.entry is not None:
            entry_id = self.entry.id
            return lambda cw: cw.correct_time(entry_id, worked_on=on, minutes=minutes, **details)
        case_id = self.case_id
        return lambda cw: cw.add_time(case_id, on, minutes=minutes, **details)
