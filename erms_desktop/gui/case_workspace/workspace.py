"""The case workspace: the case header, each party file on its own coloured tab (never two in
one view, so never both sides editable at once; a case with two victim files has two victim
tabs, named by their people's initials), the case level, and time and expenses. All vault
work goes through the runner; the widget only shows snapshots.

Open it with ``CaseWorkspace(runner, case_id, parent)``; call :meth:`clear` on lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain import Note
from erms_desktop.domain.enums import Side
from erms_desktop.gui import theme
from erms_desktop.gui.case_workspace.case_level import CaseLevelPane, TimePane, hours
from erms_desktop.gui.case_workspace.file_pane import PartyFilePane
from erms_desktop.gui.case_workspace.header import CaseHeader
from erms_desktop.gui.case_workspace.note_editor import NoteEditor
from erms_desktop.gui.case_workspace.progress import ProgressRow
from erms_desktop.gui.case_workspace.runner import CaseworkRunner, ClosableRunner
from erms_desktop.gui.case_workspace.style import file_title
from erms_desktop.gui.clipboard import ClipboardGuard
from erms_desktop.gui.widgets import message_label, named
from erms_desktop.service.case_views import CaseView, FileView
from erms_desktop.service.casework import Casework
from erms_desktop.service.file_labels import side_name
from erms_desktop.service.formatting import pounds
from erms_desktop.service.messages import user_message


class CaseWorkspace(QWidget):
    loaded = Signal(object)  # the CaseView shown
    close_requested = Signal()

    def __init__(
        self,
        runner: CaseworkRunner,
        case_id: str,
        parent: QWidget | None = None,
        *,
        clipboard: ClipboardGuard | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        named(self, "Case workspace")
        self.runner, self.case_id = ClosableRunner(runner), case_id
        self.clipboard = clipboard or ClipboardGuard(parent=self)
        self._today = today
        self._view: CaseView | None = None
        self.editor: NoteEditor | None = None
        self._resume_on_load = False
        self._note_on_load: str | None = None
        self.header = CaseHeader()
        self.progress = ProgressRow(self)
        back = named(QPushButton("← &Cases"), "Back to cases")
        back.clicked.connect(self.close_requested)
        self.message = message_label("Workspace message")
        self.recovered = message_label("Recovered drafts")
        self.resume_button = named(QPushButton("&Resume draft"), "Resume draft")
        self.resume_button.clicked.connect(self.resume_draft)
        self.tabs = named(QTabWidget(), "Case sections")
        self.file_panes: dict[str, PartyFilePane] = {}  # party file id -> its own tab
        self.case_level = CaseLevelPane(self)
        self.time = TimePane(self)
        self.tabs.addTab(self.case_level, "Case level")
        self.tabs.addTab(self.time, "Time and expenses")
        self._tab_keys()
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.header, 1)
        recovered = QHBoxLayout()
        recovered.addWidget(self.recovered, 1)
        recovered.addWidget(self.resume_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addLayout(recovered)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self._show_drafts()
        self.reload()

    def _tab_keys(self) -> None:
        """Ctrl+Tab / Ctrl+PageDown (and back) switch the case's own tabs, the party files
        among them, from anywhere in the case, even inside a file's own tabs."""
        for keys, step in (
            (("Ctrl+Tab", "Ctrl+PgDown"), 1),
            (("Ctrl+Shift+Tab", "Ctrl+PgUp"), -1),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self, lambda s=step: self._step_tab(s))
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # -- WorkspaceHost -----------------------------------------------------------------------
    @property
    def view(self) -> CaseView | None:
        return self._view

    @property
    def panes(self) -> dict[Side, PartyFilePane]:
        """The first file of each side (most cases have one of each)."""
        first: dict[Side, PartyFilePane] = {}
        for pane in self.file_panes.values():
            first.setdefault(pane.side, pane)
        return first

    def reload(self) -> None:
        case_id = self.case_id
        self.runner.call(lambda cw: cw.load_case(case_id), self._loaded, self._failed)

    def run(self, job: Callable[[Casework], Any], done: str) -> None:
        def finished(_result: object) -> None:
            self.show_message(done)
            self.reload()

        self.runner.call(job, finished, self._failed)

    def today(self) -> date:
        return self._today()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def open_editor(self, note: Note, file_view: FileView) -> None:
        if self._view is None:
            return
        if self.editor is not None:
            self.editor.reject()
        originals = [n for n in file_view.notes if n.id == note.amends_note_id]
        self.editor = NoteEditor(
            self.runner,
            note,
            file_view.party_file.side,
            self._view.other_side(file_view.id),
            self,
            original=originals[0] if originals else None,
        )
        self.editor.saved.connect(lambda _n: self.show_message("Note saved."))
        self.editor.finished.connect(lambda _r: self.reload())
        self.editor.open()

    def choose_files(self) -> list[str]:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Attach files", "", "Documents and emails (*.eml *.msg *.txt *.pdf *.png *.jpg)"
        )
        return paths

    def choose_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, "Save PDF", suggested, "PDF (*.pdf)")
        return path

    # -- showing -----------------------------------------------------------------------------
    def _loaded(self, view: CaseView) -> None:
        self._view = view
        self.header.show_case(view, self._today())
        self.progress.show_case(view.case)
        first_load = not self.file_panes
        for file_view in view.files:
            self._pane_for(file_view).show_file(view, file_view)
        if first_load:
            self.tabs.setCurrentIndex(0)  # the case opens on its first party file
        self.case_level.show_case(view)
        self.time.show_case(view, self._today())
        self._show_drafts()
        if self._resume_on_load:
            self._resume_on_load = False
            self.resume_draft()
        if self._note_on_load is not None:
            note_id, self._note_on_load = self._note_on_load, None
            self.open_note(note_id)
        today = self._today()
        self.runner.call(lambda cw: cw.month_totals(today.year, today.month), self._all_cases_total)
        self.loaded.emit(view)

    def _pane_for(self, file_view: FileView) -> PartyFilePane:
        """The file's own tab, added after the files already shown; its title follows its
        people (initials), so a participant added later renames it."""
        pane = self.file_panes.get(file_view.id)
        side = file_view.party_file.side
        if pane is None:
            pane = self.file_panes[file_view.id] = PartyFilePane(self, side)
            self.tabs.insertTab(len(self.file_panes) - 1, pane, "")
        index = self.tabs.indexOf(pane)
        self.tabs.setTabText(index, file_title(file_view))
        scheme = theme.current()  # a mediation party's tab: its initials, in plain text colour
        colour = scheme.text if side.is_party else getattr(scheme, side.value)
        self.tabs.tabBar().setTabTextColor(index, QColor(colour))
        return pane

    def _all_cases_total(self, totals: tuple[int, float, int]) -> None:
        minutes, miles, pence = totals
        self.time.total.setText(
            f"{self.time.total.text()}  ·  all your cases: {hours(minutes)}, {miles:g} miles,"
            f" {pounds(pence)}"
        )

    def drafts(self) -> list[tuple[Note, FileView]]:
        if self._view is None:
            return []
        return [(d, f) for f in self._view.files for d in f.drafts]

    def _show_drafts(self) -> None:
        drafts = self.drafts()
        self.recovered.setVisible(bool(drafts))
        self.resume_button.setVisible(bool(drafts))
        if drafts:
            _note, file_view = drafts[0]
            self.recovered.setText(
                f"An unfinished note in the {side_name(file_view.party_file.side)} file was kept"
                f" safe ({len(drafts)} draft{'s' if len(drafts) > 1 else ''}). Resume it?"
            )

    def resume_when_loaded(self) -> None:
        """Open the first unfinished draft as soon as the case has loaded."""
        if self._view is None:
            self._resume_on_load = True
        else:
            self.resume_draft()

    def open_note_when_loaded(self, note_id: str) -> None:
        """A search result chosen: once the case has loaded, its file shows and the note opens."""
        if self._view is None:
            self._note_on_load = note_id
        else:
            self.open_note(note_id)

    def open_note(self, note_id: str) -> None:
        for pane in self.file_panes.values():
            if pane.select_note(note_id):
                self.tabs.setCurrentWidget(pane)
                pane.read_selected()
                return

    def resume_draft(self) -> None:
        drafts = self.drafts()
        if drafts:
            note, file_view = drafts[0]
            self.tabs.setCurrentWidget(self.file_panes[file_view.id])
            self.open_editor(note, file_view)

    def _failed(self, error: BaseException) -> None:
        self.show_message(user_message(error))

    def clear(self) -> None:
        """Forget the case (on lock): the editor keeps its draft, everything shown goes."""
        if self.editor is not None:
            self.editor.reject()
        self.runner.closed = True  # results still on their way are dropped
        self._view = None
        self.header.clear()
        for pane in self.file_panes.values():
            pane.setEnabled(False)
        self.tabs.clear()
