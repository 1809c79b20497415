"""Issue 14, points 4 and 8: a volunteer takes their case through the stages to closure with a
reason, from the case list (a reason that needs a recorded refusal is refused in the form
first), then records each party's feedback at closure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Feedback
from erms_desktop.domain.enums import ClosureReason, Satisfaction, Side, WorkflowStage
from erms_desktop.gui.case_workspace.feedback_form import FeedbackForm
from erms_desktop.gui.case_workspace.progress import CloseForm, StageForm
from tests.gui.case_workspace.helpers import click
from tests.gui.case_workspace.test_exchange_and_forms import choose
from tests.gui.case_workspace.test_party_files import open_from_list
from tests.gui.case_workspace.test_progress_ui import save, stored
from tests.gui.conftest import StartWindow
from tests.service.world import World


def test_a_case_moves_through_its_stages_to_closure_with_a_reason(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    progress = workspace.progress
    for stage in (WorkflowStage.DELIVERY, WorkflowStage.OUTCOME_AGREEMENT, WorkflowStage.FOLLOW_UP):
        click(qtbot, progress, "move_to_stage")
        form = progress.last_form
        assert isinstance(form, StageForm)
        choose(form.stage, stage)
        save(qtbot, workspace, form)
        assert stored(world).stage is stage

    click(qtbot, progress, "close_the_case")
    close = progress.last_form
    assert isinstance(close, CloseForm)
    choose(close.reason, ClosureReason.CONSENT_REFUSED)
    qtbot.mouseClick(close.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(close.message.text()), timeout=5000)
    assert close.message.text() == "Record the refused consent form first."
    assert not stored(world).is_closed

    choose(close.reason, ClosureReason.COMPLETED)
    save(qtbot, workspace, close)
    case = stored(world)
    assert (case.stage, case.closure_reason) == (WorkflowStage.CLOSURE, ClosureReason.COMPLETED)
    assert ": Completed" in workspace.header.dates.text()
    assert not progress.buttons["Close the case"].isEnabled()
    assert not progress.buttons["Move to stage"].isEnabled()

    for side, satisfaction in (
        (Side.VICTIM, Satisfaction.SATISFIED),
        (Side.OFFENDER, Satisfaction.NEITHER),
    ):
        pane = workspace.panes[side]
        workspace.tabs.setCurrentWidget(pane)
        pane.tabs.setCurrentIndex(3)  # Consent, where feedback at closure is recorded
        click(qtbot, pane, "feedback_at_closure")
        form = pane.last_form
        assert isinstance(form, FeedbackForm)
        choose(form.satisfaction, satisfaction)
        qtbot.keyClicks(form.comments, "Glad it was done properly")
        save(qtbot, workspace, form)
    given = {f.participant_id: f.satisfaction for f in world.vault.store.find_all(Feedback)}
    assert given == {
        world.victim.id: Satisfaction.SATISFIED,
        world.offender.id: Satisfaction.NEITHER,
    }
