"""Issue 15, point 8: errors are styled as errors and announced to screen readers. A label's
text changing is not read out by itself, so each error is sent as an accessibility
announcement (assertive: it interrupts). The recorder below sits in front of Qt's own
``QAccessible.updateAccessibility`` and passes every event on to it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from pytestqt.qtbot import QtBot

from erms_desktop.domain.enums import ClosureReason
from erms_desktop.gui import theme
from erms_desktop.gui.case_workspace.progress import CloseForm
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.enrolment import EnrolmentWizard
from tests.gui.case_workspace.helpers import click
from tests.gui.case_workspace.test_exchange_and_forms import choose
from tests.gui.case_workspace.test_note_editor import open_editor, scanned
from tests.gui.case_workspace.test_party_files import open_from_list
from tests.gui.conftest import StartWindow
from tests.gui.fake_service import FakeService
from tests.service.world import OFFENDER_NAME, World


@dataclass(frozen=True)
class Spoken:
    source: QObject
    message: str
    assertive: bool


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> list[Spoken]:
    heard: list[Spoken] = []
    qt_update = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            assertive = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            heard.append(Spoken(event.object(), event.message(), assertive))
        qt_update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    return heard


def test_a_wrong_passphrase_is_announced(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService, spoken: list[Spoken]
) -> None:
    window = start_window(enrolled_backend)
    error = window.unlock_screen.error
    qtbot.keyClicks(window.unlock_screen.passphrase, "not the passphrase")
    qtbot.keyClick(window.unlock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in error.text())
    assert Spoken(error, error.text(), assertive=True) in spoken
    rule = theme.style_sheet(theme.LIGHT).split("{")[0]  # the style sheet's error rule
    assert f"QLabel#{error.objectName()}" in rule


def test_an_enrolment_error_is_announced(
    qtbot: QtBot, start_window: StartWindow, spoken: list[Spoken]
) -> None:
    window = start_window(FakeService())
    wizard = window.enrolment
    assert isinstance(wizard, EnrolmentWizard)
    wizard.server.clear()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    problem = wizard.connect_error.text()
    assert problem
    assert Spoken(wizard.connect_error, problem, assertive=True) in spoken


def test_the_editor_announces_what_must_be_fixed(
    qtbot: QtBot, world: World, runner: WorkerRunner, spoken: list[Spoken]
) -> None:
    editor = open_editor(qtbot, world, runner)
    qtbot.keyClicks(editor.text, f"Talked about how {OFFENDER_NAME} frightened her")
    scanned(qtbot, editor)
    must_fix = "1 mention of the other party must be fixed before saving."
    assert Spoken(editor.status, must_fix, assertive=True) in spoken
    assert theme.current().error in editor.status.styleSheet()
    assert not [s for s in spoken if s.message.startswith("Checking")]  # not every keystroke
    qtbot.mouseClick(editor.fix_button, Qt.MouseButton.LeftButton)
    scanned(qtbot, editor)
    ready = "Checked: no mentions of the other party. Ready to save."
    assert Spoken(editor.status, ready, assertive=False) in spoken
    assert editor.status.styleSheet() == ""


def test_a_form_refusal_is_announced(
    qtbot: QtBot, world: World, start_window: StartWindow, spoken: list[Spoken]
) -> None:
    """A record form keeps what was typed and says why it refused, aloud too."""
    workspace = open_from_list(qtbot, world, start_window)
    click(qtbot, workspace.progress, "close_the_case")
    close = workspace.progress.last_form
    assert isinstance(close, CloseForm)
    choose(close.reason, ClosureReason.CONSENT_REFUSED)
    qtbot.mouseClick(close.save_button, Qt.MouseButton.LeftButton)
    refused = "Record the refused consent form first."
    qtbot.waitUntil(lambda: close.message.text() == refused, timeout=5000)
    assert Spoken(close.message, refused, assertive=True) in spoken
    assert close.message.property("error") is True  # app.qss: QLabel[error="true"]
