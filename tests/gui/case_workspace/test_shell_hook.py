"""The workspace inside the shell: activate a case in the list, the case opens (through the
shell's own worker); back to the list; locking forgets the open case and keeps the draft."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.service.casework import Casework
from erms_desktop.service.models import CaseRow
from tests.gui.conftest import StartWindow, unlock
from tests.gui.fake_service import FakeService
from tests.service.world import NOW, World


class ShellBackend(FakeService):
    """The shell's stand-in backend, listing the one real case and offering ``casework``."""

    def __init__(self, world: World) -> None:
        super().__init__(enrolled=True, clock=lambda: NOW)
        self._world = world

    def list_cases(self) -> list[CaseRow]:
        super().list_cases()
        case = self._world.case
        return [
            CaseRow(
                case.id,
                case.service_reference,
                case.stage,
                case.next_action,
                case.next_action_due,
                "V P.Q. · O T.K.",
                pending_sync=True,
            )
        ]

    @property
    def casework(self) -> Casework:
        return self._world.casework


def test_opening_a_case_from_the_list_and_locking(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    window = start_window(ShellBackend(world))
    opener = window.case_opener
    unlock(qtbot, window)
    window.case_list.table.selectRow(0)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Return)
    workspace = opener.current
    assert workspace is not None
    assert window.stack.currentWidget() is workspace
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    assert workspace.header.title.text().startswith("ERMS-2026-0107")

    workspace.panes[next(iter(workspace.panes))].new_note()
    qtbot.waitUntil(lambda: workspace.editor is not None, timeout=5000)
    editor = workspace.editor
    assert editor is not None
    qtbot.keyClicks(editor.text, "Typed just before the laptop locked")
    window.lock()
    assert opener.current is None
    assert window.stack.currentWidget() is window.unlock_screen
    qtbot.waitUntil(lambda: bool(world.vault.store.drafts()), timeout=5000)
    assert world.vault.store.drafts()[0].body == "Typed just before the laptop locked"


def test_back_to_the_case_list(qtbot: QtBot, world: World, start_window: StartWindow) -> None:
    window = start_window(ShellBackend(world))
    opener = window.case_opener
    unlock(qtbot, window)
    window.case_list.table.selectRow(0)
    workspace = opener.open(world.case.id)
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    qtbot.mouseClick(
        workspace.findChild(type(workspace.resume_button), "back_to_cases"),
        Qt.MouseButton.LeftButton,
    )
    assert opener.current is None
    assert window.stack.currentWidget() is window.case_list


def test_an_unfinished_note_is_offered_back_at_the_next_unlock(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    draft = world.casework.new_note(world.victim_file.id, "Kept through the crash")
    world.casework.save_draft(draft)
    window = start_window(ShellBackend(world))
    unlock(qtbot, window)
    opener = window.case_opener
    qtbot.waitUntil(lambda: getattr(opener, "draft_offer", None) is not None, timeout=5000)
    offer = opener.draft_offer
    assert offer.isVisible()
    assert "was not finished" in offer.text()
    (resume,) = [b for b in offer.buttons() if b.text() == "&Open the note"]
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    workspace = opener.current
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor is not None, timeout=5000)
    assert workspace.editor is not None
    assert workspace.editor.text.toPlainText() == "Kept through the crash"
