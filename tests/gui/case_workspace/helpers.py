"""Driving the workspace as a volunteer would: open it, drop files, fill forms."""

from __future__ import annotations

import warnings
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from tests.service.world import NOW, World


def open_workspace(qtbot: QtBot, world: World, runner: WorkerRunner) -> CaseWorkspace:
    workspace = CaseWorkspace(runner, world.case.id, today=NOW.date)
    qtbot.addWidget(workspace)
    workspace.resize(1200, 760)
    workspace.show()
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    return workspace


def button(parent: QWidget, object_name: str) -> QPushButton:
    found = parent.findChild(QPushButton, object_name)
    assert found is not None, object_name
    return found


def click(qtbot: QtBot, parent: QWidget, object_name: str) -> None:
    qtbot.mouseClick(button(parent, object_name), Qt.MouseButton.LeftButton)


def drop_files(target: QWidget, paths: list[Path]) -> bool:
    """Drag files over ``target`` and drop them; returns whether the drag was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    action, buttons, mods = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with warnings.catch_warnings():  # PySide6 marks Qt's only constructor as deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(target.rect().center(), action, mime, buttons, mods)
    target.dragEnterEvent(enter)  # type: ignore[attr-defined]
    if not enter.isAccepted():
        return False
    target.dropEvent(QDropEvent(QPointF(target.rect().center()), action, mime, buttons, mods))  # type: ignore[attr-defined]
    return True
