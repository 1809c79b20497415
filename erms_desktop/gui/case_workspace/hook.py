"""Wiring the case workspace into the shell's main window: the case list's ``case_activated``
(double-click or Enter on a row) opens that case; "← Cases" goes back; locking forgets the open case
(its editor keeps the draft first). The workspace module itself is imported only when a case is
first opened, so start-up stays lean."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
    from erms_desktop.gui.main_window import MainWindow


class CaseOpener:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.current: CaseWorkspace | None = None
        window.case_list.case_activated.connect(self.open_activated)
        window.case_list.note_activated.connect(self.open_note)
        window.screen_shown.connect(self._screen_shown)

    def open_activated(self, case_id: str) -> None:
        if self.window.unlocked:
            self.open(case_id)

    def open_note(self, case_id: str, note_id: str) -> None:
        """A note found by the search: its case opens at the note, read whole."""
        if self.window.unlocked:
            self.open(case_id).open_note_when_loaded(note_id)

    def open(self, case_id: str) -> CaseWorkspace:
        from erms_desktop.gui.case_workspace.runner import WorkerRunner
        from erms_desktop.gui.case_workspace.workspace import CaseWorkspace

        self.close()
        window = self.window
        workspace = CaseWorkspace(
            WorkerRunner(window.worker), case_id, window.stack, clipboard=window.clipboard
        )
        workspace.close_requested.connect(self.back_to_cases)
        # "Note saved." and the like belong to the moment: moving to another tab clears them.
        workspace.tabs.currentChanged.connect(lambda _i: workspace.show_message(""))
        window.stack.addWidget(workspace)
        window.stack.setCurrentWidget(workspace)
        self.current = workspace
        return workspace

    def back_to_cases(self) -> None:
        self.close()
        self.window.stack.setCurrentWidget(self.window.case_list)
        self.window.refresh()

    def close(self) -> None:
        if self.current is not None:
            self.current.clear()
            self.window.stack.removeWidget(self.current)
            self.current.deleteLater()
            self.current = None

    def _screen_shown(self, screen: str) -> None:
        if screen != "workspace":
            self.close()
            return
        from erms_desktop.gui.case_workspace.runner import WorkerRunner

        WorkerRunner(self.window.worker).call(
            lambda cw: [(d.case_id, d.created_at) for d in cw.drafts()], self._offer_drafts
        )

    def _offer_drafts(self, drafts: list[tuple[str, datetime]]) -> None:
        """After a crash or a lock, unfinished notes are offered back at the next unlock."""
        if not drafts or not self.window.unlocked:
            return
        case_id, started = drafts[0]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unfinished note",
            f"A note you started on {started:%d/%m/%Y at %H:%M} was not finished; it was kept"
            " safe in the encrypted store. Open it now?",
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        resume = box.addButton("&Open the note", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
        resume.clicked.connect(lambda: self.open(case_id).resume_when_loaded())
        self.draft_offer = box
        box.open()
