"""What the panes of a case workspace need from it (kept as a protocol so each pane can be
built and tested on its own terms)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from erms_desktop.domain import Note
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.clipboard import ClipboardGuard
from erms_desktop.service.case_views import CaseView, FileView
from erms_desktop.service.casework import Casework


class WorkspaceHost(Protocol):
    clipboard: ClipboardGuard

    @property
    def runner(self) -> CaseworkRunner: ...

    @property
    def view(self) -> CaseView | None: ...

    def run(self, job: Callable[[Casework], Any], done: str) -> None:
        """Run a change on the worker, then reload the case and say ``done``."""

    def show_message(self, text: str) -> None: ...

    def open_editor(self, note: Note, file_view: FileView) -> None: ...

    def choose_files(self) -> list[str]: ...

    def choose_save_path(self, suggested: str) -> str: ...

    def reload(self) -> None: ...

    def today(self) -> date:
        """The workspace's idea of today (tests pin it)."""
