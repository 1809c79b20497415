"""The case list's item model and its filters. Rows carry initials only, never names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.domain.workflow import stage_name
from erms_desktop.gui import theme
from erms_desktop.service.formatting import uk_date
from erms_desktop.service.models import CaseRow

#: People come before what needs attention, so a laptop-width window shows who is in each file.
HEADERS = ("Reference", "Stage", "Next action", "Due", "People", "Needs attention", "Sync")
STAGE_COLUMN = 1
NEXT_ACTION_COLUMN, DUE_COLUMN, PEOPLE_COLUMN, ATTENTION_COLUMN, SYNC_COLUMN = 2, 3, 4, 5, 6
PENDING_MARK = "●"
#: The list's short forms and marks, said once under the table and on each column header.
LEGEND = (
    "People: V = a victim file, O = an offender file, Party A, B, ... = a mediation party's file,"
    " each with its people's initials only.  "
    f"{PENDING_MARK} = changed here, waiting to be sent to the office."
)
_HEADER_TIPS = {
    ATTENTION_COLUMN: "Overdue or missing: next action, on-hold review, risk review, consent",
    PEOPLE_COLUMN: (
        "Each party file by its people's initials: V = victim file, O = offender file,"
        " Party A, B, ... = a mediation party's file"
    ),
    SYNC_COLUMN: f"{PENDING_MARK} = changed here, waiting to be sent to the office",
}
CASE_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._cases: list[CaseRow] = []

    def set_cases(self, cases: list[CaseRow]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def clear(self) -> None:
        self.set_cases([])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS.get(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        case = self._cases[index.row()] if index.isValid() else None
        if case is None or role == CASE_ROLE:
            return case
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell(case, column, accessible=role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tip(case, column)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return _highlight(role) if _highlighted(case, column) else None
        if role == Qt.ItemDataRole.UserRole:  # sort key: dates sort by date, not by text
            return (
                case.next_action_due.toordinal()
                if column == DUE_COLUMN and case.next_action_due
                else _cell(case, column)
            )
        return None


def _tip(case: CaseRow, column: int) -> str | None:
    if column == SYNC_COLUMN and case.pending_sync:
        return "Changed here; waiting to be sent to the office"
    if column in (NEXT_ACTION_COLUMN, ATTENTION_COLUMN):
        return _cell(case, column) or None  # the whole text, if the column cuts it
    return None


def _highlighted(case: CaseRow, column: int) -> bool:
    """The attention column, and the due date when the next action is overdue, in the error
    colour and bold (the words say it too, so colour is never the only sign)."""
    if column == ATTENTION_COLUMN:
        return bool(case.alerts)
    return column == DUE_COLUMN and "next action overdue" in case.alerts


def _highlight(role: int) -> QColor | QFont:
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(theme.current().error)
    font = QFont()
    font.setBold(True)
    return font


def _cell(case: CaseRow, column: int, *, accessible: bool = False) -> str:
    if column == ATTENTION_COLUMN:
        words = "; ".join(case.alerts)
        return words[:1].upper() + words[1:]
    if column == SYNC_COLUMN:
        if not case.pending_sync:
            return "Synced" if accessible else ""
        return "Waiting to sync" if accessible else PENDING_MARK
    if column == PEOPLE_COLUMN:
        return case.initials
    values = (
        case.service_reference,
        stage_name(case.stage, case.case_type),
        case.next_action,
        uk_date(case.next_action_due, missing=""),
    )
    return values[column]


class CaseFilter(QSortFilterProxyModel):
    """Stage, pending-only and reference/next-action text filters over the case model."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self._stage: WorkflowStage | None = None
        self._pending_only = False
        self._text = ""
        self._note_matches: frozenset[str] = frozenset()

    def set_stage(self, stage: WorkflowStage | str | None) -> None:
        stage = None if stage is None else WorkflowStage(stage)
        self._refilter(lambda: setattr(self, "_stage", stage))

    def set_pending_only(self, pending_only: bool) -> None:
        self._refilter(lambda: setattr(self, "_pending_only", pending_only))

    def set_text(self, text: str) -> None:
        """Filter on reference and next action; note matches arrive later (set_note_matches)."""

        def change() -> None:
            self._text = text.strip().casefold()
            self._note_matches = frozenset()

        self._refilter(change)

    def set_note_matches(self, case_ids: frozenset[str]) -> None:
        """Also show the cases whose notes matched the search text."""
        self._refilter(lambda: setattr(self, "_note_matches", case_ids))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; the older call is deprecated there
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        case = model.data(model.index(source_row, 0, source_parent), CASE_ROLE)
        if not isinstance(case, CaseRow):
            return False
        if self._stage is not None and case.stage is not self._stage:
            return False
        if self._pending_only and not case.pending_sync:
            return False
        haystack = f"{case.service_reference} {case.next_action}".casefold()
        return not self._text or self._text in haystack or case.case_id in self._note_matches
