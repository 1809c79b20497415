"""One case as the office reads it: the case's progress, each party file on its own tab (the
volunteer's own panes, read-only: never two files in one view), the case level, and the
supervision notes panel. Held in memory only; :meth:`OversightCaseView.clear` drops it all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain import Note
from erms_desktop.domain.attention import overdue_items
from erms_desktop.domain.workflow import stage_name
from erms_desktop.gui.case_workspace.case_level import CaseLevelPane
from erms_desktop.gui.case_workspace.file_pane import PartyFilePane
from erms_desktop.gui.case_workspace.lists import hide_actions
from erms_desktop.gui.case_workspace.style import file_title, label
from erms_desktop.gui.clipboard import ClipboardGuard
from erms_desktop.gui.widgets import heading, message_label, named
from erms_desktop.service.case_views import CaseView, FileView
from erms_desktop.service.formatting import uk_date, uk_datetime
from erms_desktop.service.office.oversight import SupervisionNote

READ_ONLY = "The office's view of a case is read-only."


class _ReadOnlyHost:
    """What the volunteer's panes ask of their workspace, answered for reading only: every
    change is refused with a plain sentence (the panes' buttons are hidden anyway)."""

    def __init__(self, say: Callable[[str], None], today: Callable[[], date], parent: QWidget):
        self.clipboard = ClipboardGuard(parent=parent)
        self._say, self._today = say, today
        self.shown: CaseView | None = None

    @property
    def runner(self) -> _ReadOnlyHost:
        return self

    @property
    def view(self) -> CaseView | None:
        return self.shown

    def call(self, _job: Any, _on_done: Any = None, on_error: Any = None) -> None:
        self._say(READ_ONLY)

    def run(self, _job: Any, _done: str) -> None:
        self._say(READ_ONLY)

    def show_message(self, text: str) -> None:
        self._say(text)

    def open_editor(self, _note: Note, _file_view: FileView) -> None:
        self._say(READ_ONLY)

    def choose_files(self) -> list[str]:
        return []

    def choose_save_path(self, _suggested: str) -> str:
        return ""

    def reload(self) -> None:
        """Nothing to reload: the office reads the case again by opening it again."""

    def today(self) -> date:
        return self._today()


class SupervisionPanel(QGroupBox):
    """The case's supervision notes (office-only) and a box to add one."""

    def __init__(self, add: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__("Supervision notes (office only)", parent)
        named(self, "Supervision notes")
        self.notes = named(QListWidget(), "Supervision notes list")
        self.notes.setWordWrap(True)
        self.text = named(
            QPlainTextEdit(), "New supervision note", "Seen by the office only, never by laptops"
        )
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("A supervision note for this case…")
        self.add_button = named(QPushButton("&Add supervision note"), "Add supervision note")
        self.add_button.clicked.connect(lambda: add(self.text.toPlainText()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes, 2)
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout.addLayout(row)

    def show_notes(self, notes: list[SupervisionNote]) -> None:
        self.notes.clear()
        for note in notes:
            self.notes.addItem(f"{uk_datetime(note.written_at)} · {note.author} · {note.body}")

    def clear(self) -> None:
        self.notes.clear()
        self.text.clear()


class OversightCaseView(QWidget):
    """``back`` returns to the list (the button, or Escape); ``add_note`` asks for a
    supervision note to be added."""

    def __init__(
        self,
        back: Callable[[], None],
        add_note: Callable[[str], None],
        say: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        named(self, "Case, read-only")
        self._today = today
        self.host = _ReadOnlyHost(say, today, self)
        self.back_button = named(QPushButton("← &Back to the list"), "Back to the list")
        self.back_button.clicked.connect(back)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(back)
        self.title = heading("Case")
        self.progress = message_label("Case progress")
        self.tabs = named(QTabWidget(), "Case sections")
        self.case_level = CaseLevelPane(self.host)
        hide_actions(self.case_level)
        self.file_panes: list[PartyFilePane] = []
        self.supervision = SupervisionPanel(add_note)
        split = QSplitter()
        split.addWidget(self.tabs)
        split.addWidget(self.supervision)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(split, 1)

    def show_case(self, view: CaseView) -> None:
        self.clear()
        self.host.shown = view
        case = view.case
        stage = stage_name(case.stage, case.case_type)
        self.title.setText(f"{case.service_reference} · {stage} (read-only)")
        self.title.setAccessibleName(f"Case {case.service_reference}, read-only")
        self.progress.setText(_progress(view, self._today()))
        for file_view in view.files:
            pane = PartyFilePane(self.host, file_view.party_file.side, read_only=True)
            pane.show_file(view, file_view)
            self.file_panes.append(pane)
            self.tabs.addTab(pane, file_title(file_view))
        self.case_level.show_case(view)
        self.tabs.addTab(self.case_level, "Case level")
        self.tabs.setCurrentIndex(0)

    def clear(self) -> None:
        """Forget the case: every pane goes, nothing of it stays in memory here."""
        self.host.shown = None
        self.tabs.clear()
        for pane in self.file_panes:
            pane.deleteLater()
        self.file_panes = []
        self.case_level.meetings.clear()
        self.case_level.exchanges.clear()
        self.case_level.outcome.clear()
        self.case_level.risks.clear()
        self.case_level.view = None
        self.title.setText("Case")
        self.progress.clear()
        self.supervision.clear()


def _progress(view: CaseView, today: date) -> str:
    case = view.case
    status = label(case.status.value)
    if case.on_hold:
        why = case.hold_reason or "no reason given"
        status = f"On hold: {why}, review {uk_date(case.hold_review_on, missing='-')}"
    facilitators = len(case.facilitator_ids)
    parts = [
        f"{status} · {facilitators} facilitator{'s' if facilitators != 1 else ''}",
        f"Referred {uk_date(case.received_on, missing='-')}",
        f"Allocated {uk_date(case.allocated_on, missing='-')}",
    ]
    if case.next_action:
        parts.append(f"Next: {case.next_action} by {uk_date(case.next_action_due, missing='-')}")
    overdue = overdue_items(case, today)
    if overdue:
        parts.append(f"OVERDUE: {', '.join(overdue)}")
    return " · ".join(parts)
