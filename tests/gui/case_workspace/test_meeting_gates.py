"""Issue 14, point 5 in the app: a conference is refused until each party present has a
completed secondary risk assessment, with the words the store uses; a video meeting records
that everyone was reminded not to record it and was somewhere private."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Contact
from erms_desktop.domain.enums import ContactMode, RiskKind, RiskOutcome
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from tests.gui.case_workspace.helpers import click, open_workspace
from tests.gui.case_workspace.test_exchange_and_forms import choose, tick_everyone
from tests.service.world import World

NO_RISK = (
    "A meeting or conference needs a completed secondary risk assessment for each party present."
)


def _meeting_form(qtbot: QtBot, workspace: CaseWorkspace) -> object:
    level = workspace.case_level
    workspace.tabs.setCurrentWidget(level)
    click(qtbot, level, "record_joint_meeting")
    form = level.last_form
    form.minutes.setValue(120)  # type: ignore[attr-defined]
    tick_everyone(form)
    return form


def _save_refused(qtbot: QtBot, form: object) -> str:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(form.message.text()), timeout=5000)  # type: ignore[attr-defined]
    assert form.isVisible()  # type: ignore[attr-defined]
    return str(form.message.text())  # type: ignore[attr-defined]


def _assess(world: World, file_id: str) -> None:
    world.casework.record_risk(
        world.case.id, RiskKind.SECONDARY, party_file_id=file_id, outcome=RiskOutcome.PROCEED
    )


def test_a_conference_is_refused_without_the_secondary_risk_assessment(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    _assess(world, world.victim_file.id)  # the offender's is missing
    workspace = open_workspace(qtbot, world, runner)
    form = _meeting_form(qtbot, workspace)
    assert _save_refused(qtbot, form) == NO_RISK
    assert world.vault.store.find_all(Contact) == []

    _assess(world, world.offender_file.id)
    form = _meeting_form(qtbot, workspace)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    [meeting] = world.vault.store.find_all(Contact)
    assert set(meeting.attendee_ids) == {world.victim.id, world.offender.id}


def test_a_video_conference_records_its_precautions(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    for file_id in (world.victim_file.id, world.offender_file.id):
        _assess(world, file_id)
    workspace = open_workspace(qtbot, world, runner)
    form = _meeting_form(qtbot, workspace)
    choose(form.mode, ContactMode.VIDEO)  # type: ignore[attr-defined]
    assert "reminded not to record" in _save_refused(qtbot, form)
    form.reminded.setChecked(True)  # type: ignore[attr-defined]
    form.private.setChecked(True)  # type: ignore[attr-defined]
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    [meeting] = world.vault.store.find_all(Contact)
    assert meeting.reminded_not_to_record
    assert meeting.private_location_confirmed
