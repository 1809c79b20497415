"""The case workspace as a volunteer sees it: the header, the two files apart, notes with their
sync state, amendments, recovered drafts, and the case level."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Note
from erms_desktop.domain.enums import Side
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.service.casework import Casework
from tests.gui.case_workspace.conftest import CaseworkOnly
from tests.gui.case_workspace.helpers import click, open_workspace
from tests.service.world import OFFENDER_NAME, World, reopen


def test_header_and_the_two_files_are_kept_apart(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    assert workspace.header.title.text() == "ERMS-2026-0107 · Preparation"
    assert "Criminal damage" in workspace.header.details.text()
    assert "a co-facilitator" in workspace.header.details.text()
    assert "Next: Preparation meeting by 12/11/2026" in workspace.header.dates.text()
    victim, offender = workspace.panes[Side.VICTIM], workspace.panes[Side.OFFENDER]
    assert victim.banner.text() == "Victim file"
    assert offender.banner.text() == "Offender file"
    assert victim.banner.styleSheet() != offender.banner.styleSheet()
    # One file per tab: showing one hides the other, so both are never editable together.
    workspace.tabs.setCurrentWidget(victim)
    assert victim.isVisible()
    assert not offender.isVisible()
    assert victim.participants.item(0).text().startswith("Philippa Quenby-Ardmore · Victim")
    assert offender.participants.item(0).text().startswith("Tobias Kell · Offender")
    assert "waiting to sync" in victim.participants.item(0).text()


def test_write_fix_save_and_amend_a_note(qtbot: QtBot, world: World, runner: WorkerRunner) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    qtbot.mouseClick(pane.new_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.editor is not None and workspace.editor.isVisible())
    editor = workspace.editor
    assert editor is not None
    qtbot.keyClicks(editor.text, f"She asked if {OFFENDER_NAME} would apologise")
    qtbot.waitUntil(lambda: editor.scanner.current and bool(editor.findings), timeout=5000)
    assert not editor.save_button.isEnabled()
    qtbot.mouseClick(editor.fix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert pane.notes.count() == 1
    assert "She asked if the other party would apologise · waiting to sync" in (
        pane.notes.item(0).text()
    )

    pane.notes.setCurrentRow(0)
    qtbot.mouseClick(pane.amend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.editor is not editor and workspace.editor is not None)
    amendment = workspace.editor
    assert amendment is not None
    qtbot.keyClicks(amendment.text, "Correction: she asked on the phone")
    qtbot.waitUntil(amendment.save_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(amendment.save_button, Qt.MouseButton.LeftButton)
    notes = world.vault.store.find_all(Note, party_file_id=world.victim_file.id)
    assert [n.amends_note_id for n in notes] == [None, notes[0].id]
    assert "Amendment · Correction: she asked on the phone" in pane.notes.item(1).text()


def test_an_unfinished_draft_is_offered_back_after_a_crash(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    draft = world.casework.new_note(world.offender_file.id, "He talked about the night itself")
    world.casework.save_draft(draft)
    world.vault.lock()  # the app died; the draft is in the vault, encrypted
    vault = reopen(tmp_path / "vault")  # the next unlock
    worker = ServiceWorker(CaseworkOnly(Casework(vault, world.casework.user_id)))  # type: ignore[arg-type]
    try:
        workspace = open_workspace(qtbot, world, WorkerRunner(worker))
        assert workspace.recovered.isVisible()
        assert "offender file" in workspace.recovered.text()
        qtbot.mouseClick(workspace.resume_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: workspace.editor is not None)
        assert workspace.editor is not None
        assert workspace.editor.text.toPlainText() == "He talked about the night itself"
        assert workspace.tabs.currentWidget() is workspace.panes[Side.OFFENDER]
        with qtbot.waitSignal(workspace.loaded, timeout=5000):
            workspace.editor.reject()  # closing keeps the draft and reloads the case
        qtbot.waitUntil(lambda: "all your cases" in workspace.time.total.text(), timeout=5000)
    finally:
        worker.shutdown()
        vault.lock()


def test_time_with_the_running_monthly_total(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    world.casework.add_time(world.case.id, date(2026, 11, 1), "Visit", 75, miles=12.5)
    workspace = open_workspace(qtbot, world, runner)
    workspace.tabs.setCurrentWidget(workspace.time)
    click(qtbot, workspace.time, "add_time_or_mileage")
    form = workspace.time.last_form
    qtbot.keyClicks(form.activity, "Phone call")
    form.minutes.setValue(30)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "all your cases" in workspace.time.total.text(), timeout=5000)
    assert workspace.time.total.text().startswith(
        "November 2026 on this case: 1 h 45 min, 12.5 miles, £0.00"
    )
    assert workspace.time.entries.count() == 2
