"""Offscreen pictures of the workspace and the editor for the README. Every run renders them
(and checks they are real pictures); ERMS_WRITE_SCREENSHOTS=1 also saves them under
docs/screenshots/."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from erms_desktop.domain.enums import (
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    ExchangeKind,
    Side,
)
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from tests.gui.case_workspace.helpers import click, open_workspace
from tests.service.world import OFFENDER_NAME, World

DOCS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def furnish(world: World) -> None:
    cw = world.casework
    for body in (
        "First phone call. She would like to hear why it happened before deciding.",
        "Preparation visit at home with her sister as supporter. Talked about the garden.",
    ):
        cw.finalise(cw.new_note(world.victim_file.id, body))
    cw.add_contact(
        world.case.id,
        ContactKind.FIRST_CONTACT,
        ContactMode.VISIT,
        date(2026, 10, 20),
        75,
        party_file_id=world.victim_file.id,
    )
    cw.record_consent(world.victim.id, ConsentScope.TAKE_PART, ConsentMethod.VERBAL)
    consent = cw.record_consent(
        world.offender.id,
        ConsentScope.SHARE_WITH_OTHER_PARTY,
        ConsentMethod.VERBAL,
        detail="His answers to her questions",
        on=date(2026, 10, 1),
    )
    cw.create_exchange(
        ExchangeKind.ANSWERS_TO_QUESTIONS,
        world.offender_file.id,
        world.victim_file.id,
        "He says he was angry about something else and is sorry.",
        consent_id=consent.id,
    )
    cw.add_time(world.case.id, date(2026, 11, 1), "Preparation visit", 75, miles=14.2)


def picture(widget: QWidget, name: str, tmp_path: Path) -> None:
    image = widget.grab().toImage()
    assert image.width() > 600
    assert image.height() > 400
    assert len({image.pixel(x, 60) for x in range(0, image.width(), 7)}) > 3  # not blank
    folder = DOCS if os.environ.get("ERMS_WRITE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / name))
    assert not QImage(str(folder / name)).isNull()


def test_screenshots_of_the_workspace_and_the_editor(
    qtbot: QtBot, world: World, runner: WorkerRunner, tmp_path: Path
) -> None:
    furnish(world)
    workspace = open_workspace(qtbot, world, runner)
    workspace.resize(1280, 720)
    workspace.tabs.setCurrentWidget(workspace.panes[Side.VICTIM])
    qtbot.wait(50)
    picture(workspace, "case-workspace.png", tmp_path)

    click(qtbot, workspace.panes[Side.VICTIM], "new_note")
    qtbot.waitUntil(lambda: workspace.editor is not None, timeout=5000)
    editor = workspace.editor
    assert editor is not None
    qtbot.keyClicks(
        editor.text,
        f"Met her at home. She asked whether {OFFENDER_NAME} still lives nearby and"
        " whether he would write to her. Her party was on 17 April.",
    )
    qtbot.waitUntil(lambda: editor.scanner.current and len(editor.findings) == 2, timeout=5000)
    editor.findings_list.setCurrentRow(0)
    picture(editor, "note-editor.png", tmp_path)
    editor.reject()
