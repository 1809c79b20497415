"""The case list screen shown once unlocked: filters, the list of cases, note search results and
the attention panel. (A case opened from it shows in ``case_workspace``.)

A view only: the main window feeds it the desktop service's results and clears it, all at once,
on lock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.gui.attention import AttentionPanel
from erms_desktop.gui.case_model import (
    ATTENTION_COLUMN,
    CASE_ROLE,
    LEGEND,
    NEXT_ACTION_COLUMN,
    CaseFilter,
    CaseTableModel,
)
from erms_desktop.gui.clipboard import ClipboardGuard
from erms_desktop.gui.widgets import message_label, named, stage_label
from erms_desktop.service.formatting import uk_date
from erms_desktop.service.models import CaseRow, NoteSearchResult

SEARCH_DELAY_MS = 300
WRAP_WIDTH = 210


class CaseList(QWidget):
    search_requested = Signal(str)
    case_activated = Signal(str)  # a case id: Enter or double-click on a row (opens the case)
    note_activated = Signal(str, str)  # case id, note id: a note search result opened
    change_password_requested = Signal()

    def __init__(self, clipboard: ClipboardGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.model = CaseTableModel()
        self.filter = CaseFilter()
        self.filter.setSourceModel(self.model)
        self._build_banner()
        self._build_filters()
        self._build_lists()
        self._lay_out()
        self.filter.modelReset.connect(self._count_changed)
        self.filter.rowsInserted.connect(self._count_changed)
        self.filter.rowsRemoved.connect(self._count_changed)

    def _build_banner(self) -> None:
        self.banner = QWidget()
        self.banner_text = message_label("Password expiry warning")
        self.banner_button = named(QPushButton("Change &password…"), "Change office password now")
        self.banner_button.clicked.connect(self.change_password_requested)
        banner_row = QHBoxLayout(self.banner)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_button)
        self.banner.hide()

    def _build_filters(self) -> None:
        self.search = named(QLineEdit(), "Search", "Searches your notes and filters the case list")
        self.search.setPlaceholderText("Search my notes and cases (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._open_selected)
        self.search.installEventFilter(self)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

        self.stage = named(QComboBox(), "Stage filter")
        self.stage.addItem("All stages", None)
        for stage in WorkflowStage:
            self.stage.addItem(stage_label(stage), stage.value)
        self.stage.currentIndexChanged.connect(
            lambda _i: self.filter.set_stage(self.stage.currentData())
        )
        self.pending_only = named(QCheckBox("&Waiting to sync only"), "Waiting to sync only")
        self.pending_only.toggled.connect(self.filter.set_pending_only)

    def _build_lists(self) -> None:
        self.table = named(QTableView(), "Cases", "Your cases; people are shown by initials")
        self.table.setModel(self.filter)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.activated.connect(self._activate_case)
        self.table.horizontalHeader().setStretchLastSection(True)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy_selected_reference)

        self.case_count = named(QLabel(), "Case count")
        self.legend = named(QLabel(LEGEND), "List legend")
        self.legend.setWordWrap(True)
        self.results = named(
            QListWidget(), "Search results", "Each says its case and file; Enter opens it"
        )
        self.results.itemActivated.connect(self._open_hit)
        self.results_label = named(
            QLabel("Notes and cases matching your search"), "Search results heading"
        )
        self.results_label.setBuddy(self.results)
        self.attention = AttentionPanel()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.stage)
        filters.addWidget(self.pending_only)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.case_count)
        left_layout.addWidget(self.legend)
        left_layout.addWidget(self.results_label)
        left_layout.addWidget(self.results, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.attention)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([920, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter)

    # -- feeding -----------------------------------------------------------------------------
    def set_cases(self, cases: list[CaseRow]) -> None:
        self.model.set_cases(cases)
        self._fit_columns()
        self._select_first()

    def _fit_columns(self) -> None:
        """Columns as wide as their contents, but the next action and what needs attention at
        most WRAP_WIDTH, their longer text wrapped onto a second line."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for column in (NEXT_ACTION_COLUMN, ATTENTION_COLUMN):
            header.resizeSection(column, min(header.sectionSize(column), WRAP_WIDTH))
        self.table.resizeRowsToContents()

    def show_note_hits(self, hits: list[NoteSearchResult]) -> None:
        self.results.clear()
        self.filter.set_note_matches(frozenset(hit.case_id for hit in hits))
        for hit in hits:
            written = f" · note of {uk_date(hit.written_on)}" if hit.written_on else ""
            row = QListWidgetItem(f"{hit.service_reference} · {hit.place}{written} · {hit.snippet}")
            row.setData(Qt.ItemDataRole.UserRole, (hit.case_id, hit.note_id))
            row.setToolTip("Enter or double-click opens it")
            self.results.addItem(row)
        if self.search.text().strip() and not hits:
            self.results.addItem("Nothing matches.")

    def show_password_warning(self, text: str | None) -> None:
        self.banner.setVisible(text is not None)
        self.banner_text.setText(text or "")

    def clear(self) -> None:
        """Forget every piece of case data shown (used on lock)."""
        self._search_timer.stop()
        self.model.clear()
        self.results.clear()
        self.attention.clear()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filter.set_text("")
        self.banner.hide()

    # -- behaviour ---------------------------------------------------------------------------
    def copy_selected_reference(self) -> None:
        case = self.selected_case()
        if case is not None:
            self._clipboard.copy(case.service_reference)

    def selected_case(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        value = self.filter.data(rows[0], CASE_ROLE) if rows else None
        return value if isinstance(value, CaseRow) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down or Page Down in the search box moves to the list, as in a file dialog."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and self.filter.rowCount()
        ):
            self._select_first()
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _select_first(self) -> None:
        """Keep a case selected while any is shown, so Enter always has one to open."""
        if self.filter.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def _open_selected(self) -> None:
        """Enter in the search box opens the selected case (the first one shown if the search
        filtered the selection away); the note hits are one Tab or Down further."""
        self._select_first()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._activate_case(rows[0])

    def _activate_case(self, index: QModelIndex) -> None:
        case = self.filter.data(index, CASE_ROLE)
        if isinstance(case, CaseRow):
            self.case_activated.emit(case.case_id)

    def _search_changed(self, text: str) -> None:
        self.filter.set_text(text)
        self._search_timer.start()

    def _run_search(self) -> None:
        query = self.search.text().strip()
        if query:
            self.search_requested.emit(query)
        else:
            self.results.clear()

    def _open_hit(self, item: QListWidgetItem) -> None:
        """Enter or double-click on a result opens the note in its case (a case hit, the case);
        the search stays as typed for coming back to it."""
        target = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(target, (tuple, list)):
            return  # "Nothing matches."
        case_id, note_id = target
        if note_id is None:
            self.case_activated.emit(case_id)
        else:
            self.note_activated.emit(case_id, note_id)

    def _count_changed(self) -> None:
        shown, total = self.filter.rowCount(), self.model.rowCount()
        self.case_count.setText(
            f"Showing {shown} of {total} cases" if shown != total else f"{total} cases"
        )
