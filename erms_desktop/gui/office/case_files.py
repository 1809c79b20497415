"""The case picker and party-file table the risk and allocation screens share: choose a case by
its service reference (with its type and stage), see each file's side (a mediation's files are
"Party A file", "Party B file", ...: never victim or offender), initial assessment, whether it is
cleared for allocation, and who holds it (volunteers by user name)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from erms_desktop.domain.workflow import stage_name
from erms_desktop.gui.office.common import OfficeScreen, fill, selected_key, table, words
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import message_label, named
from erms_desktop.service.file_labels import side_title
from erms_desktop.service.office import casework
from erms_desktop.service.office.casework import OfficeCase, OfficeCaseFiles, OfficeFile
from erms_desktop.service.office.session import OfficeSession

WHOLE_CASE = "whole case"  # the key of the table's row for the case itself


def case_label(case: OfficeCase) -> str:
    """ "RJ-2026-118 (Restorative justice, Referral)", "MED-7 (Mediation, Individual visits)"."""
    stage = stage_name(case.stage, case.case_type)
    return f"{case.service_reference} ({case.case_type.label}, {stage})"


class CaseFilesScreen(OfficeScreen):
    """A screen built on a chosen case's party files. ``files_loaded`` fires after each read."""

    files_loaded = Signal()

    def __init__(self, window: OfficeWindow, *, whole_case_row: bool) -> None:
        super().__init__(window)
        self._whole_case_row = whole_case_row
        self.names: dict[str, str] = {}  # volunteer user id -> user name
        self.current: OfficeCaseFiles | None = None
        self._wanted: str | None = None  # a case to choose once the list arrives
        self.case_choice = named(QComboBox(), "Case")
        self.case_choice.currentIndexChanged.connect(lambda _i: self.load_files())
        self.files = table(
            "Party files", ["Part", "Initial risk assessment", "Cleared to allocate", "Held by"]
        )
        self.message = message_label("Case files message")
        picker = QFormLayout()
        picker.addRow("&Case:", self.case_choice)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(picker)
        self.layout_.addWidget(self.files)

    def add_below(self, *parts: QWidget) -> None:
        for part in parts:
            self.layout_.addWidget(part)
        self.layout_.addWidget(self.message)

    def choose_case(self, case_id: str) -> None:
        """Show ``case_id`` (now, or once the case list has been read)."""
        index = self.case_choice.findData(case_id)
        if index >= 0:
            self.case_choice.setCurrentIndex(index)
        else:
            self._wanted = case_id

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        def read(s: OfficeSession) -> tuple[list[OfficeCase], dict[str, str]]:
            return casework.cases(s), {v.user_id: v.username for v in casework.volunteers(s)}

        self.call(read, self._cases_read)

    def _cases_read(self, found: tuple[list[OfficeCase], dict[str, str]]) -> None:
        cases, self.names = found
        keep = self._wanted or self.case_choice.currentData()
        self._wanted = None
        self.case_choice.blockSignals(True)
        self.case_choice.clear()
        for case in cases:
            self.case_choice.addItem(case_label(case), case.case_id)
        index = max(0, self.case_choice.findData(keep))
        self.case_choice.setCurrentIndex(index)
        self.case_choice.blockSignals(False)
        self.load_files()

    def load_files(self) -> None:
        case_id = self.case_choice.currentData()
        if case_id is None:
            self.current = None
            fill(self.files, [])
            return
        self.call(lambda s: casework.case_files(s, case_id), self._files_read)

    def _files_read(self, found: OfficeCaseFiles) -> None:
        if found.case_id != self.case_choice.currentData():
            return  # another case was chosen meanwhile
        self.current = found
        rows: list[tuple[str, tuple[str, ...]]] = []
        if self._whole_case_row:
            held = self.held_by(found.case_facilitator_ids)
            count = len(found.files)
            every = "both files" if count == 2 else f"all {count} files"
            rows.append((WHOLE_CASE, (f"Whole case ({every})", "", "", held)))
        rows += [(f.party_file_id, self._row(f)) for f in found.files]
        fill(self.files, rows)
        self.files_loaded.emit()

    def _row(self, found: OfficeFile) -> tuple[str, ...]:
        outcome = (
            "Not yet assessed" if found.initial_outcome is None else words(found.initial_outcome)
        )
        return (
            side_title(found.side),
            outcome,
            "Yes" if found.cleared else "No",
            self.held_by(found.facilitator_ids),
        )

    def held_by(self, user_ids: list[str]) -> str:
        return ", ".join(self.names.get(u, "a former volunteer") for u in user_ids) or "Nobody"

    def selected_file(self) -> OfficeFile | None:
        key = selected_key(self.files)
        if self.current is None:
            return None
        return next((f for f in self.current.files if f.party_file_id == key), None)

    def select_file(self, key: str) -> None:
        """Select the row for party file ``key`` (or ``WHOLE_CASE``)."""
        for row in range(self.files.rowCount()):
            self.files.selectRow(row)
            if selected_key(self.files) == key:
                return
