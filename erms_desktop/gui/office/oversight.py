"""The office's Oversight screen: every case, filtered (stage, on hold, unallocated, overdue next
action, risk review due, consent missing, no contact for N days), and from a row the case,
read-only, with its supervision notes.

Every call goes through the office window's worker (never on the GUI thread) and each read is
audited on the store. What is shown is held in memory only and dropped when the case is closed,
the list is left or the window goes: office mode writes nothing to disk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.domain.workflow import stage_name
from erms_desktop.gui.office.oversight_case import OversightCaseView
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import message_label, named, stage_label
from erms_desktop.service.case_views import CaseView
from erms_desktop.service.formatting import uk_date
from erms_desktop.service.office import oversight
from erms_desktop.service.office.oversight import (
    MAX_DAYS,
    OversightCase,
    OversightFilters,
    SupervisionNote,
)

COLUMNS = (
    "Reference",
    "Case type",
    "Stage",
    "On hold",
    "Facilitators",
    "Unallocated files",
    "Next action due",
    "Overdue",
    "Risk reviews due",
    "Without consent",
    "Last contact",
)


def _cells(case: OversightCase) -> tuple[str, ...]:
    return (
        case.service_reference,
        case.case_type.label,
        stage_name(case.stage, case.case_type),
        "Yes" if case.on_hold else "No",
        str(case.facilitators),
        str(case.unallocated_files or "-"),
        uk_date(case.next_action_due, missing="-"),
        ", ".join(case.overdue) or "-",
        str(case.risk_reviews_due or "-"),
        str(case.consent_missing or "-"),
        uk_date(case.last_contact_on, missing="none"),
    )


class OversightScreen(QWidget):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__()
        named(self, "Oversight")
        self.window_ = window
        self.cases: list[OversightCase] = []
        self.case_id: str | None = None
        self._listed = False
        self.stack = QStackedWidget()
        self.list_page = QWidget()
        self._build_filters()
        self._build_table()
        self.case_view = OversightCaseView(self.back_to_list, self.add_note, window.show_message)
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.case_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # -- building ---------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.stage = named(QComboBox(), "Stage filter")
        self.stage.addItem("Any stage", None)
        for stage in WorkflowStage:
            self.stage.addItem(stage_label(stage), stage)
        self.on_hold = named(QComboBox(), "On hold filter")
        for text, value in (("On hold or not", None), ("On hold", True), ("Not on hold", False)):
            self.on_hold.addItem(text, value)
        self.unallocated = named(QCheckBox("&Unallocated"), "Unallocated only")
        self.overdue = named(QCheckBox("Overdue next &action"), "Overdue next action only")
        self.risk_due = named(QCheckBox("&Risk review due"), "Risk review due only")
        self.consent = named(QCheckBox("Consent &missing"), "Consent missing only")
        self.no_contact = named(QSpinBox(), "No contact for days", "0: any")
        self.no_contact.setRange(0, MAX_DAYS)
        self.no_contact.setSpecialValueText("any")
        self.no_contact.setSuffix(" days")
        self.show_button = named(QPushButton("&Show cases"), "Show cases")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        stage_label_widget = QLabel("S&tage")
        stage_label_widget.setBuddy(self.stage)
        contact_label = QLabel("No co&ntact for")
        contact_label.setBuddy(self.no_contact)
        self.filter_row = QHBoxLayout()
        for widget in (
            *(stage_label_widget, self.stage, self.on_hold, self.unallocated, self.overdue),
            *(self.risk_due, self.consent, contact_label, self.no_contact, self.show_button),
        ):
            self.filter_row.addWidget(widget)
        self.filter_row.addStretch(1)

    def _build_table(self) -> None:
        self.table = named(QTableWidget(0, len(COLUMNS)), "Cases", "Enter opens the case")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.count = message_label("Cases shown")
        layout = QVBoxLayout(self.list_page)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        for keys in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self.open_row(self.table.currentRow()))

    # -- the list ---------------------------------------------------------------------------
    def filters(self) -> OversightFilters:
        days = self.no_contact.value()
        return OversightFilters(
            stage=self.stage.currentData(),
            on_hold=self.on_hold.currentData(),
            unallocated=self.unallocated.isChecked(),
            overdue=self.overdue.isChecked(),
            risk_review_due=self.risk_due.isChecked(),
            consent_missing=self.consent.isChecked(),
            no_contact_days=days or None,
        )

    def refresh(self) -> None:
        wanted = self.filters()
        self.window_.worker.call(
            lambda s: oversight.list_cases(s, wanted),
            self.show_cases,
            self.window_.show_problem,
            quiet=True,
        )

    def show_cases(self, cases: list[OversightCase]) -> None:
        self.cases = cases
        self.table.setRowCount(len(cases))
        for row, case in enumerate(cases):
            for column, text in enumerate(_cells(case)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.count.setText(f"{len(cases)} case{'s' if len(cases) != 1 else ''} shown.")
        if cases:
            self.table.selectRow(0)

    # -- one case ---------------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.cases):
            return
        case_id = self.case_id = self.cases[row].case_id
        worker = self.window_.worker
        worker.call(
            lambda s: oversight.open_case(s, case_id),
            self._opened,
            self.window_.show_problem,
            quiet=True,
        )
        self._load_notes(case_id)

    def _load_notes(self, case_id: str) -> None:
        def show(notes: list[SupervisionNote]) -> None:
            if case_id == self.case_id:
                self.case_view.supervision.show_notes(notes)

        self.window_.worker.call(
            lambda s: oversight.supervision_notes(s, case_id),
            show,
            self.window_.show_problem,
            quiet=True,
        )

    def _opened(self, view: CaseView) -> None:
        if view.case.id != self.case_id:
            return  # another case was asked for since
        self.case_view.show_case(view)
        self.stack.setCurrentWidget(self.case_view)
        self.case_view.tabs.setFocus()

    def add_note(self, body: str) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        if not body.strip():
            self.window_.show_message("Write the supervision note first.")
            return
        self.window_.worker.call(
            lambda s: oversight.add_supervision_note(s, case_id, body),
            lambda _note: self._note_added(case_id),
            self.window_.show_problem,
        )

    def _note_added(self, case_id: str) -> None:
        self.case_view.supervision.text.clear()
        self.window_.show_message("Supervision note added.")
        self._load_notes(case_id)

    def back_to_list(self) -> None:
        """Close the case: what it showed is forgotten."""
        self.case_id = None
        self.case_view.clear()
        self.stack.setCurrentWidget(self.list_page)
        self.table.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the screen is shown, list every case."""
        super().showEvent(event)
        if not self._listed:
            self._listed = True
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the screen (or the window closing) closes the case."""
        if self.case_id is not None:
            self.back_to_list()
        super().hideEvent(event)
