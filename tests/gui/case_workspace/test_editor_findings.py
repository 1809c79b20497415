"""Issue 15, point 7: the note editor's status line and the text's accessible description always
carry the state and its reason (a saved draft never hides it), and each finding can be fixed on
its own, from the findings list or the context menu on the marked text, in readable words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.gui.case_workspace.note_editor import NoteEditor
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from tests.gui.case_workspace.test_note_editor import open_editor, scanned
from tests.service.world import OFFENDER_EMAIL, OFFENDER_NAME, World

MUST_FIX = "1 mention of the other party must be fixed before saving."


def described(editor: NoteEditor) -> str:
    return editor.text.accessibleDescription()


def test_a_saved_draft_never_hides_why_save_is_disabled(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    editor = open_editor(qtbot, world, runner, pause_ms=50, autosave_ms=100)
    qtbot.keyClicks(editor.text, f"Talked about how {OFFENDER_NAME} frightened her")
    assert described(editor).startswith("Checking")  # before the scan has caught up
    scanned(qtbot, editor)
    qtbot.waitUntil(lambda: "Draft saved at" in editor.status.text(), timeout=5000)
    assert editor.status.text().startswith(MUST_FIX)
    assert described(editor) == MUST_FIX
    assert not editor.save_button.isEnabled()
    qtbot.mouseClick(editor.fix_button, Qt.MouseButton.LeftButton)
    scanned(qtbot, editor)
    ready = "Checked: no mentions of the other party. Ready to save."
    assert described(editor) == ready
    assert editor.status.text().startswith(ready)
    assert editor.save_button.isEnabled()


def test_a_warning_to_confirm_is_counted(qtbot: QtBot, world: World, runner: WorkerRunner) -> None:
    editor = open_editor(qtbot, world, runner)
    qtbot.keyClicks(editor.text, "Her party was on 17 April.")
    scanned(qtbot, editor)
    assert described(editor) == "1 possible mention to confirm as not about them."


def test_each_finding_is_fixed_on_its_own_in_readable_words(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    editor = open_editor(qtbot, world, runner)
    qtbot.keyClicks(editor.text, f"Met {OFFENDER_NAME}; email {OFFENDER_EMAIL} today.")
    scanned(qtbot, editor)
    rows = [editor.findings_list.item(i).text() for i in range(editor.findings_list.count())]
    email_row = next(i for i, row in enumerate(rows) if "email" in row)
    editor.findings_list.setFocus()
    editor.findings_list.setCurrentRow(email_row)
    qtbot.mouseClick(editor.fix_one_button, Qt.MouseButton.LeftButton)
    scanned(qtbot, editor)
    assert editor.text.toPlainText() == f"Met {OFFENDER_NAME}; email [email address removed] today."
    assert not editor.save_button.isEnabled()  # the name is still there
    menu = editor.finding_menu(len("Met T"))  # the context menu on the underlined name
    choices = [action.text() for action in menu.actions() if action.text().startswith("Replace")]
    assert f"Replace “{OFFENDER_NAME}” with “the other party”" in choices
    pick = next(a for a in menu.actions() if a.text().endswith("“the person responsible”"))
    pick.trigger()
    scanned(qtbot, editor)
    assert (
        editor.text.toPlainText()
        == "Met the person responsible; email [email address removed] today."
    )
    assert editor.save_button.isEnabled()
    assert any("Copy" in a.text() for a in menu.actions())  # the usual editing actions stay


def test_the_chosen_role_word_is_used_when_fixing_all(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    editor = open_editor(qtbot, world, runner)
    qtbot.keyClicks(editor.text, f"{OFFENDER_NAME} said sorry.")
    scanned(qtbot, editor)
    editor.word.setFocus()
    editor.word.setCurrentIndex(editor.word.findText("the person responsible"))
    qtbot.mouseClick(editor.fix_button, Qt.MouseButton.LeftButton)
    scanned(qtbot, editor)
    assert editor.text.toPlainText() == "the person responsible said sorry."
