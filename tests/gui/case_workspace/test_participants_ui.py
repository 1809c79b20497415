"""Participants, as a volunteer works them from the case list: every detail of a person is shown;
a person added to the offender file is known to the victim file's note editor at once; a recorded
phone number cannot be removed (the store would refuse it), and the form says so."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Participant
from erms_desktop.domain.enums import ParticipantRole, Side
from erms_desktop.gui.case_workspace.participant_form import ParticipantForm
from erms_desktop.gui.case_workspace.participants_box import ParticipantsBox
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from erms_desktop.gui.clipboard import ClipboardGuard
from tests.gui.case_workspace.helpers import click
from tests.gui.case_workspace.test_party_files import open_from_list
from tests.gui.conftest import NOW, StartWindow
from tests.service.world import VICTIM_PHONE, World

NEW_PHONE = "07700 900733"


def participants_of(qtbot: QtBot, workspace: CaseWorkspace, side: Side) -> ParticipantsBox:
    pane = workspace.panes[side]
    workspace.tabs.setCurrentWidget(pane)
    pane.tabs.setCurrentWidget(pane.people)
    return pane.people


def test_the_participant_view_shows_every_detail(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    world.vault.store.save(
        dataclasses.replace(
            world.victim,
            aliases=("Pip",),
            safe_contact="Call after 6pm; a family member may answer",
            vulnerability_notes="Anxious on the phone",
            access_needs="Step-free venue",
        )
    )
    workspace = open_from_list(qtbot, world, start_window)
    box = participants_of(qtbot, workspace, Side.VICTIM)
    text = box.details.toPlainText()
    for expected in (
        "Other names: Pip",
        f"Phone: {VICTIM_PHONE}",
        "Safe contact: Call after 6pm; a family member may answer",
        "Vulnerability: Anxious on the phone",
        "Access needs: Step-free venue",
        "Child: no",
        "Adult who must be present: none recorded",
    ):
        assert expected in text
    assert box.details.accessibleName() == "Participant details"


def test_a_new_offender_side_phone_is_refused_in_a_victim_note_at_once(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    box = participants_of(qtbot, workspace, Side.OFFENDER)
    click(qtbot, box, "add_participant")
    form = box.last_form
    assert isinstance(form, ParticipantForm)
    form.role.setCurrentIndex(form.role.findData(ParticipantRole.SUPPORTER))
    qtbot.keyClicks(form.given, "Dawn")
    qtbot.keyClicks(form.family, "Kell")
    qtbot.keyClicks(form.phones, NEW_PHONE)
    form.child.setFocus()
    qtbot.keyClick(form.child, Qt.Key.Key_Space)
    qtbot.keyClicks(form.adult, "Her aunt")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible() or bool(form.message.text()), timeout=5000)
    assert form.message.text() == ""
    (dawn,) = [p for p in world.vault.store.find_all(Participant) if p.given_names == "Dawn"]
    assert dawn.phones == (NEW_PHONE,)
    assert dawn.is_child
    assert dawn.present_adult == "Her aunt"
    shown = "Dawn Kell · Supporter · waiting to sync"  # back from the reload
    qtbot.waitUntil(
        lambda: shown in [box.people.item(i).text() for i in range(box.people.count())],
        timeout=5000,
    )

    victim = workspace.panes[Side.VICTIM]
    workspace.tabs.setCurrentWidget(victim)
    click(qtbot, victim, "new_note")
    qtbot.waitUntil(lambda: workspace.editor is not None, timeout=5000)
    editor = workspace.editor
    assert editor is not None
    qtbot.keyClicks(editor.text, f"She was rung from {NEW_PHONE} last night")
    qtbot.waitUntil(lambda: editor.scanner.current, timeout=5000)
    assert not editor.save_button.isEnabled()
    assert "phone" in editor.findings_list.item(0).text()


def test_a_recorded_phone_cannot_be_removed_and_the_form_says_why(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    box = participants_of(qtbot, workspace, Side.VICTIM)
    box.people.setCurrentRow(0)
    click(qtbot, box, "edit_details")
    form = box.last_form
    assert isinstance(form, ParticipantForm)
    form.phones.clear()
    qtbot.keyClicks(form.phones, "07700 900111")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(form.message.text()), timeout=5000)
    assert form.message.text() == (
        "Only office staff change or remove recorded phone numbers; add the new details and"
        " ask the office to correct the old ones."
    )
    assert form.isVisible()
    assert world.vault.store.get(Participant, world.victim.id).phones == (VICTIM_PHONE,)


def test_copying_a_phone_number_uses_the_clipboard_rule(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    """ "Copy phone" puts the number on the clipboard through the shell's guard, which clears it
    after its time (30 seconds in the app; shortened here)."""
    workspace = CaseWorkspace(
        runner, world.case.id, clipboard=ClipboardGuard(clear_after_ms=300), today=NOW.date
    )
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    box = participants_of(qtbot, workspace, Side.VICTIM)
    click(qtbot, box, "copy_phone")
    clipboard = QApplication.clipboard()
    assert clipboard.text() == VICTIM_PHONE
    assert "clears in 30 seconds" in workspace.message.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5000)
