"""The case's progress, from the case list as a volunteer works it: move to the next stage and
back where the workflow allows, put the case on hold with a reason and a review date, resume it,
and set the next action; a hold without a reason is refused in the form and changes nothing."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Case
from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.gui.case_workspace.progress import HoldForm, NextActionForm, StageForm
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from tests.gui.case_workspace.helpers import click
from tests.gui.case_workspace.test_party_files import open_from_list
from tests.gui.conftest import StartWindow
from tests.service.world import World


def save(qtbot: QtBot, workspace: CaseWorkspace, form: object) -> None:
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def stored(world: World) -> Case:
    return world.vault.store.get(Case, world.case.id)


def test_moving_holding_and_next_action(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    progress = workspace.progress
    click(qtbot, progress, "move_to_stage")
    form = progress.last_form
    assert isinstance(form, StageForm)
    choices = [form.stage.itemText(i) for i in range(form.stage.count())]
    assert choices == ["Assessment", "Delivery"]  # back one step, or on; never closure here
    form.stage.setCurrentIndex(1)
    save(qtbot, workspace, form)
    assert stored(world).stage is WorkflowStage.DELIVERY
    assert workspace.header.title.text() == "ERMS-2026-0107 · Delivery"

    click(qtbot, progress, "put_on_hold")
    hold = progress.last_form
    assert isinstance(hold, HoldForm)
    qtbot.keyClicks(hold.reason, "Awaiting the sentencing hearing")
    qtbot.mouseClick(hold.save_button, Qt.MouseButton.LeftButton)
    assert hold.message.text() == "Give the reason and the date to review the case."
    assert not stored(world).on_hold
    hold.review.setDate(date(2026, 12, 1))
    save(qtbot, workspace, hold)
    assert stored(world).hold_review_on == date(2026, 12, 1)
    assert "On hold: Awaiting the sentencing hearing, review 01/12/2026" in (
        workspace.header.details.text()
    )
    assert not progress.buttons["Move to stage"].isEnabled()

    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        click(qtbot, progress, "resume")
    assert not stored(world).on_hold
    click(qtbot, progress, "set_next_action")
    action = progress.last_form
    assert isinstance(action, NextActionForm)
    action.action.clear()
    qtbot.keyClicks(action.action, "Plan the conference")
    action.due.setDate(date(2026, 11, 20))
    save(qtbot, workspace, action)
    assert (stored(world).next_action, stored(world).next_action_due) == (
        "Plan the conference",
        date(2026, 11, 20),
    )
    assert "Next: Plan the conference by 20/11/2026" in workspace.header.dates.text()


def test_an_overdue_next_action_is_marked_in_the_header(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    late = dataclasses.replace(world.case, next_action_due=date(2026, 10, 30))  # before NOW
    world.vault.store.save(late)
    workspace = open_from_list(qtbot, world, start_window)
    assert "Next: Preparation meeting by 30/10/2026" in workspace.header.dates.text()
    attention = workspace.header.attention
    assert attention.isVisible()
    assert attention.text().startswith("Needs attention: next action overdue")
