"""Issue 14, point 6: feedback per participant at closure, from the party file's Consent tab;
its comments are checked for separation and an identified case study needs written permission."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Feedback
from erms_desktop.domain.enums import CaseStudyUse, Satisfaction, Side
from erms_desktop.gui.case_workspace.feedback_form import FeedbackForm
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from tests.gui.case_workspace.helpers import click, open_workspace
from tests.gui.case_workspace.test_exchange_and_forms import choose
from tests.service.world import OFFENDER_NAME, World


def _refusal(qtbot: QtBot, form: FeedbackForm) -> str:
    form.message.setText("")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(form.message.text()), timeout=5000)
    return form.message.text()


def test_feedback_at_closure_with_separation_and_case_study_permission(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    workspace.tabs.setCurrentWidget(pane)
    pane.tabs.setCurrentIndex(3)
    click(qtbot, pane, "feedback_at_closure")
    form = pane.last_form
    assert isinstance(form, FeedbackForm)
    choose(form.satisfaction, Satisfaction.VERY_SATISFIED)
    form.recommend.setChecked(True)
    qtbot.keyClicks(form.comments, f"Meeting {OFFENDER_NAME} helped")
    assert _refusal(qtbot, form)
    form.comments.clear()
    qtbot.keyClicks(form.comments, "It helped me to stop worrying")
    choose(form.case_study, CaseStudyUse.IDENTIFIED)
    assert "written permission" in _refusal(qtbot, form)
    assert world.vault.store.find_all(Feedback) == []
    choose(form.case_study, CaseStudyUse.ANONYMOUS)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    [feedback] = world.vault.store.find_all(Feedback)
    assert (feedback.participant_id, feedback.satisfaction) == (
        world.victim.id,
        Satisfaction.VERY_SATISFIED,
    )
    assert feedback.would_recommend
    assert feedback.case_study is CaseStudyUse.ANONYMOUS
    shown = [pane.consents.item(row).text() for row in range(pane.consents.count())]
    assert any(
        text.startswith("Feedback from ") and "Very satisfied, would recommend" in text
        for text in shown
    )
