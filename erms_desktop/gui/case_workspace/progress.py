"""The case's progress controls: move to the next stage (or back, where the workflow table
allows), put on hold with a reason and a review date, resume, set the next action and its
due date, and close the case with its reason. Each form's choice is only what the domain
allows; the service checks the new header with the same function the store runs, and a
refusal is shown in the form."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from erms_desktop.domain import Case
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.workflow import VOLUNTEER_CLOSURE_REASONS, stage_name
from erms_desktop.gui.case_workspace.form_base import Job, RecordForm, date_edit, date_of
from erms_desktop.gui.case_workspace.host import WorkspaceHost
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.case_workspace.style import label
from erms_desktop.gui.widgets import named
from erms_desktop.service.progress import stages_after


class StageForm(RecordForm):
    def __init__(self, runner: CaseworkRunner, case: Case, parent: QWidget | None) -> None:
        super().__init__(runner, "Move the case", parent)
        self.case_id = case.id
        self.stage = self.add("&Move to", QComboBox())
        for stage in stages_after(case):
            self.stage.addItem(stage_name(stage, case.case_type), stage)
        if not self.stage.count():
            why = "on hold: resume it first" if case.on_hold else "closed"
            self.message.setText(f"The case is {why}.")
            self.save_button.setEnabled(False)

    def job(self) -> Job:
        case_id, stage = self.case_id, self.stage.currentData()
        return lambda cw: cw.move_stage(case_id, stage)


class HoldForm(RecordForm):
    def __init__(self, runner: CaseworkRunner, case: Case, parent: QWidget | None) -> None:
        super().__init__(runner, "Put the case on hold", parent)
        self.case_id = case.id
        self.reason = self.add("&Reason", QLineEdit())
        self.reason.setPlaceholderText("Awaiting the sentencing hearing")
        self.reason.setMinimumWidth(320)
        self.review = self.add("Re&view on", date_edit(optional=True))

    def job(self) -> Job:
        reason, review = self.reason.text().strip(), date_of(self.review)
        if not reason or review is None:
            raise InvalidValueError("give the reason and the date to review the case")
        case_id = self.case_id
        return lambda cw: cw.put_on_hold(case_id, reason, review)


class NextActionForm(RecordForm):
    def __init__(self, runner: CaseworkRunner, case: Case, parent: QWidget | None) -> None:
        super().__init__(runner, "Next action", parent)
        self.case_id = case.id
        self.action = self.add("&Next action", QLineEdit(case.next_action))
        self.due = self.add("&Due by", date_edit(case.next_action_due, optional=True))
        if case.next_action_due:
            self.due.setDate(case.next_action_due)

    def job(self) -> Job:
        case_id, action, due = self.case_id, self.action.text().strip(), date_of(self.due)
        return lambda cw: cw.set_next_action(case_id, action, due)


class CloseForm(RecordForm):
    """Close the case with the reason a facilitator closes for, on the day it ended."""

    def __init__(self, runner: CaseworkRunner, case: Case, parent: QWidget | None) -> None:
        super().__init__(runner, "Close the case", parent)
        self.case_id = case.id
        self.reason = self.add("&Reason", QComboBox())
        for reason in VOLUNTEER_CLOSURE_REASONS:
            self.reason.addItem(label(reason.value), reason)
        self.closed_on = self.add("Closed &on", date_edit(optional=True))
        self.closed_on.setSpecialValueText("Today")  # the service's today when left unset

    def job(self) -> Job:
        case_id, reason, on = self.case_id, self.reason.currentData(), date_of(self.closed_on)
        return lambda cw: cw.close_case(case_id, reason, on)


_Form = StageForm | HoldForm | NextActionForm | CloseForm


class ProgressRow(QWidget):
    """The row of progress buttons under the case header."""

    def __init__(self, host: WorkspaceHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for text, slot in (
            ("Move &to stage…", lambda: self._open(StageForm)),
            ("Put on &hold…", lambda: self._open(HoldForm)),
            ("Res&ume", self.resume),
            ("Set next &action…", lambda: self._open(NextActionForm)),
            ("&Close the case…", lambda: self._open(CloseForm)),
        ):
            button = named(QPushButton(text), text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[button.accessibleName()] = button
        row.addStretch(1)

    def show_case(self, case: Case) -> None:
        open_case = not case.is_closed
        self.buttons["Move to stage"].setEnabled(open_case and not case.on_hold)
        self.buttons["Put on hold"].setEnabled(open_case and not case.on_hold)
        self.buttons["Resume"].setEnabled(case.on_hold)
        self.buttons["Set next action"].setEnabled(open_case)
        self.buttons["Close the case"].setEnabled(open_case)

    def _open(self, kind: type[_Form]) -> None:
        view = self.host.view
        if view is None:
            return
        form = kind(self.host.runner, view.case, self)
        form.recorded.connect(lambda _r: self.host.reload())
        form.open()
        self.last_form = form

    def resume(self) -> None:
        view = self.host.view
        if view is not None:
            case_id = view.case.id
            self.host.run(lambda cw: cw.resume_case(case_id), "The case is open again.")
