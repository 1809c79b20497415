"""Parts the report, audit search and subject access screens share: the save-as dialog, and
running a call on the office worker with its answer or problem shown (their results tables are
gui/office/rows.py's)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.office.session import OfficeSession

T = TypeVar("T")
FILTERS = {"pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)"}


def save_path(parent: QWidget, title: str, suggested: str, fmt: str) -> Path | None:
    """Where the user chose to save (None if they cancelled)."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, FILTERS[fmt])
    return Path(chosen) if chosen else None


def run(
    window: OfficeWindow,
    job: Callable[[OfficeSession], T],
    on_done: Callable[[T], None],
    *,
    quiet: bool = True,
) -> None:
    """``job`` on the worker; its answer to ``on_done``, or its problem to the status bar."""
    window.worker.call(job, on_done, window.show_problem, quiet=quiet)


def saved(window: OfficeWindow) -> Callable[[Any], None]:
    return lambda path: window.show_message(f"Saved {Path(path).name}.")
