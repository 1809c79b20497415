"""The case level: joint meetings, exchanges (with custody), the outcome agreement and the
case's letter-sharing risk assessments; and time and expenses with the running monthly total.
Nothing here names anyone: joint records identify the parties by side only."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from erms_desktop.domain import TimeEntry, monthly_totals
from erms_desktop.domain.enums import Custody, LetterDelivery, RiskKind
from erms_desktop.domain.workflow import contact_name
from erms_desktop.gui.case_workspace.exchange_dialog import ExchangeDialog
from erms_desktop.gui.case_workspace.form_base import RecordForm
from erms_desktop.gui.case_workspace.forms import ContactForm, OutcomeForm, RiskForm, TimeForm
from erms_desktop.gui.case_workspace.host import WorkspaceHost
from erms_desktop.gui.case_workspace.lists import first_line, list_tab
from erms_desktop.gui.case_workspace.month_form import SubmitMonthForm
from erms_desktop.gui.case_workspace.style import SYNC_BADGES, label
from erms_desktop.gui.widgets import named
from erms_desktop.service.case_views import CaseView
from erms_desktop.service.file_labels import side_name
from erms_desktop.service.formatting import pounds


def boxed(title: str, content: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(content)
    return box


def hours(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d} min"


class CaseLevelPane(QWidget):
    def __init__(self, host: WorkspaceHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.view: CaseView | None = None
        meetings, self.meetings, _ = list_tab(
            "Joint meetings", (("Record &joint meeting…", self.add_meeting),)
        )
        exchanges, self.exchanges, _ = list_tab(
            "Exchanges",
            (
                ("&Share with the other party…", self.new_exchange),
                ("&Deliver by reading", lambda: self.deliver(LetterDelivery.READ_TO_RECIPIENT)),
                ("Deliver a co&py", lambda: self.deliver(LetterDelivery.COPY_HANDED_OVER)),
                ("&Return", lambda: self.move_custody(Custody.RETURNED)),
                ("D&estroy", lambda: self.move_custody(Custody.DESTROYED)),
            ),
        )
        outcome, self.outcome, _ = list_tab(
            "Outcome agreement",
            (("Add &item…", self.add_outcome), ("Mark &completed", self.complete_outcome)),
        )
        risks, self.risks, _ = list_tab(
            "Case risk assessments", (("&Letter-sharing assessment…", self.add_letter_risk),)
        )
        grid = QGridLayout(self)
        grid.addWidget(boxed("Joint meetings", meetings), 0, 0)
        grid.addWidget(boxed("Exchanges between the parties", exchanges), 0, 1)
        grid.addWidget(boxed("Outcome agreement", outcome), 1, 0)
        grid.addWidget(boxed("Case risk assessments", risks), 1, 1)

    def show_case(self, view: CaseView) -> None:
        self.view = view

        def badge(record_id: str) -> str:
            return SYNC_BADGES[view.state_of(record_id)]

        sides = {f.id: side_name(f.party_file.side) for f in view.files}
        self.meetings.clear()
        for m in view.joint_meetings:
            self.meetings.addItem(
                f"{m.held_on:%d/%m/%Y} · {contact_name(m.kind, view.case.case_type)} ·"
                f" {m.duration_minutes} min ·"
                f" {first_line(m.summary, 50)} · {badge(m.id)}"
            )
        self.exchanges.clear()
        for e in view.exchanges:
            redacted = f", {len(e.redactions)} redacted" if e.redactions else ""
            by = "you" if e.shared_by == view.viewer_id else "a co-facilitator"
            self.exchanges.addItem(
                f"{e.shared_at:%d/%m/%Y %H:%M} · {label(e.kind.value)} from the"
                f" {sides.get(e.from_party_file_id, '?')} side{redacted}, shared by {by} ·"
                f" {e.custody.value} ·"
                f" {first_line(e.content, 40)} · {badge(e.id)}"
            )
        self.outcome.clear()
        for o in view.outcome_items:
            due = f", due {o.due_on:%d/%m/%Y}" if o.due_on else ""
            done = f", completed {o.completed_on:%d/%m/%Y}" if o.completed_on else ""
            signers = [sides.get(f, "?") for f in o.signed_by_party_file_ids]
            signed = f" · signed by {', '.join(signers)}" if signers else ""
            self.outcome.addItem(
                f"{label(o.kind.value)}: {o.description} ({sides.get(o.responsible_party_file_id)}"
                f" side{due}{done}){signed} · {badge(o.id)}"
            )
        self.risks.clear()
        for r in view.case_risks:
            outcome = label(r.outcome.value) if r.outcome else "not completed"
            self.risks.addItem(f"{label(r.kind.value)} · {outcome} · {badge(r.id)}")

    def _open(self, form: RecordForm) -> None:
        form.recorded.connect(lambda _r: self.host.reload())
        form.open()
        self.last_form = form

    def add_meeting(self) -> None:
        if self.view is not None:
            people = [
                (person.id, f"{person.display_name} ({side_name(view.party_file.side)} file)")
                for view in self.view.files
                for person in view.participants
            ]
            case = self.view.case
            self._open(
                ContactForm(self.host.runner, case.id, None, people, self, case_type=case.case_type)
            )

    def new_exchange(self) -> None:
        if self.view is not None:
            self._open(ExchangeDialog(self.host.runner, self.view, self, self.host.today()))

    def add_outcome(self) -> None:
        if self.view is not None:
            self._open(OutcomeForm(self.host.runner, self.view, self))

    def add_letter_risk(self) -> None:
        if self.view is not None:
            case_id = self.view.case.id
            self._open(RiskForm(self.host.runner, case_id, None, self, RiskKind.LETTER_SHARING))

    def deliver(self, how: LetterDelivery) -> None:
        """Deliver the chosen exchange; for an apology letter ``how`` is recorded: read to the
        person it was written to, or a copy handed over."""
        self.move_custody(Custody.DELIVERED, how)

    def move_custody(self, to: Custody, how: LetterDelivery | None = None) -> None:
        row = self.exchanges.currentRow()
        if self.view is None or not 0 <= row < len(self.view.exchanges):
            self.host.show_message("Choose an exchange first.")
            return
        exchange_id = self.view.exchanges[row].id
        self.host.run(lambda cw: cw.move_custody(exchange_id, to, how), f"Exchange {to.value}.")

    def complete_outcome(self) -> None:
        row = self.outcome.currentRow()
        if self.view is None or not 0 <= row < len(self.view.outcome_items):
            self.host.show_message("Choose an outcome item first.")
            return
        item_id = self.view.outcome_items[row].id
        self.host.run(lambda cw: cw.complete_outcome_item(item_id), "Outcome item completed.")


class TimePane(QWidget):
    def __init__(self, host: WorkspaceHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.view: CaseView | None = None
        page, self.entries, _ = list_tab(
            "Time entries",
            (
                ("Add &time or mileage…", self.add),
                ("Co&rrect…", self.correct),
                ("Re&move", self.remove),
                ("&Submit month…", self.submit_month),
            ),
        )
        self.today = date.today()
        self.total = named(QLabel(), "Monthly total")
        layout = QVBoxLayout(self)
        layout.addWidget(page, 1)
        layout.addWidget(self.total)

    def show_case(self, view: CaseView, today: date) -> None:
        self.view, self.today = view, today
        self.entries.clear()
        for t in view.time_entries:
            cost = f", {pounds(t.expense_pence)}" if t.expense_pence else ""
            whose = "Yours" if t.volunteer_id == view.viewer_id else "A co-facilitator's"
            sent = f" · submitted {t.submitted_on:%d/%m/%Y}" if t.submitted_on else ""
            self.entries.addItem(
                f"{whose} · {t.worked_on:%d/%m/%Y} · {t.activity} · {hours(t.minutes)} ·"
                f" {t.miles:g} miles{cost}{sent} · {SYNC_BADGES[view.state_of(t.id)]}"
            )
        mine = [t for t in view.time_entries if t.volunteer_id == view.viewer_id]
        minutes, miles, pence = monthly_totals(mine, today.year, today.month)
        self.total.setText(
            f"{today:%B %Y} on this case: {hours(minutes)}, {miles:g} miles, {pounds(pence)}"
        )

    def add(self) -> None:
        if self.view is not None:
            self._open(TimeForm(self.host.runner, self.view.case.id, self))

    def selected(self) -> TimeEntry | None:
        """The chosen entry if it is the volunteer's own and not yet submitted (else say why and
        return None)."""
        row = self.entries.currentRow()
        entries = self.view.time_entries if self.view else ()
        entry = entries[row] if 0 <= row < len(entries) else None
        if entry is None or self.view is None or entry.volunteer_id != self.view.viewer_id:
            self.host.show_message("Choose one of your own entries.")
            return None
        if entry.submitted_on is not None:
            self.host.show_message("That month is submitted; ask the office to correct it.")
            return None
        return entry

    def correct(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._open(TimeForm(self.host.runner, entry.case_id, self, entry))

    def remove(self) -> None:
        entry = self.selected()
        if entry is not None:
            entry_id = entry.id
            self.host.run(lambda cw: cw.remove_time(entry_id), "Entry removed.")

    def submit_month(self) -> None:
        if self.view is not None:
            view = self.view
            self._open(
                SubmitMonthForm(
                    self.host.runner, view.time_entries, view.viewer_id, self.today, self
                )
            )

    def _open(self, form: RecordForm) -> None:
        form.recorded.connect(lambda _r: self.host.reload())
        form.open()
        self.last_form = form
