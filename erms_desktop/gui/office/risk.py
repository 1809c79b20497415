"""The initial risk assessment screen: the office assesses each party file of a case before it
can be allocated (the store refuses allocation until the file is cleared)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import RiskOutcome
from erms_desktop.gui.case_workspace.form_base import date_edit, date_of, lines_of, required_date
from erms_desktop.gui.office.case_files import CaseFilesScreen
from erms_desktop.gui.office.common import choice, lines_edit
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import dialog_buttons, message_label, named
from erms_desktop.gui.worker import OfficeWorker
from erms_desktop.service.file_labels import side_file
from erms_desktop.service.messages import user_message
from erms_desktop.service.office import casework
from erms_desktop.service.office.casework import InitialAssessment, OfficeFile

TITLE = "Initial ris&k"


class RiskScreen(CaseFilesScreen):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__(window, whole_case_row=False)
        self.assess_button = named(QPushButton("&Assess selected file…"), "Assess selected file")
        self.assess_button.clicked.connect(self.assess_selected)
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.assess_button)
        buttons.addStretch()
        self.add_below(row)
        self.files.activated.connect(lambda _index: self.assess_selected())  # Enter on a row

    def assess_selected(self) -> None:
        found = self.selected_file()
        if found is None:
            self.message.setText("Choose a case and one of its party files first.")
            return
        dialog = AssessmentDialog(self.office.worker, found, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.office.show_message(
                f"Initial risk assessment of the {side_file(found.side)} recorded."
            )
            self.load_files()
        self.files.setFocus()


class AssessmentDialog(QDialog):
    """Outcome, date, risk factors and mitigations (one per line), and a review date."""

    def __init__(self, worker: OfficeWorker, found: OfficeFile, parent: QWidget | None = None):
        super().__init__(parent)
        title = f"Initial risk assessment: {side_file(found.side)}"
        self.setWindowTitle(title)
        named(self, "Initial risk assessment")
        self._worker = worker
        self._file = found
        self.outcome = choice(list(RiskOutcome), "Outcome")
        self.completed = named(date_edit(), "Completed on")
        self.factors = lines_edit("Risk factors")
        self.mitigations = lines_edit("Mitigations")
        self.review = named(date_edit(optional=True), "Review on")
        self.message = message_label("Assessment problem")
        buttons, self.save_button = dialog_buttons(
            self, "&Save assessment", "Save", self._submit, save=True
        )
        form = QFormLayout()
        form.addRow("&Outcome:", self.outcome)
        form.addRow("&Completed on:", self.completed)
        form.addRow("Risk &factors (one per line):", self.factors)
        form.addRow("&Mitigations (one per line):", self.mitigations)
        form.addRow("&Review on:", self.review)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.outcome.setFocus()

    def _submit(self) -> None:
        try:
            form = InitialAssessment(
                outcome=self.outcome.currentData(),
                completed_on=required_date(self.completed),
                factors=lines_of(self.factors.toPlainText()),
                mitigations=lines_of(self.mitigations.toPlainText()),
                review_on=date_of(self.review),
            )
        except ValueError:
            self.message.setText("At most 20 factors and 20 mitigations, each one line.")
            return
        file_id = self._file.party_file_id
        self.save_button.setEnabled(False)
        self.message.setText("Saving…")
        self._worker.call(lambda s: casework.assess(s, file_id, form), self._saved, self._failed)

    def _saved(self, _assessment_id: str) -> None:
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(user_message(error))
