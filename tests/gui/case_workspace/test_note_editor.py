"""The separating note editor, driven as a volunteer would: type, see the mention underlined and
explained, find Save disabled, fix it in one click, save; confirm a warning; paste 1 MB and
keep typing without lag."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Note
from erms_desktop.domain.enums import Side
from erms_desktop.gui.case_workspace.note_editor import NoteEditor
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from tests.service.world import OFFENDER_NAME, World


def open_editor(qtbot: QtBot, world: World, runner: WorkerRunner, **kw: int) -> NoteEditor:
    note = world.casework.new_note(world.victim_file.id)
    editor = NoteEditor(runner, note, Side.VICTIM, [world.offender], **kw)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def scanned(qtbot: QtBot, editor: NoteEditor) -> None:
    qtbot.waitUntil(lambda: editor.scanner.current, timeout=5000)


def test_a_violating_note_cannot_be_saved_until_fixed(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    editor = open_editor(qtbot, world, runner)
    qtbot.keyClicks(editor.text, f"Talked about how {OFFENDER_NAME} frightened her")
    scanned(qtbot, editor)
    assert not editor.save_button.isEnabled()
    assert editor.text.extraSelections()[0].cursor.selectedText() == OFFENDER_NAME
    assert "Must fix: a name of T.K. (offender)" in editor.findings_list.item(0).text()

    qtbot.mouseClick(editor.fix_button, Qt.MouseButton.LeftButton)
    scanned(qtbot, editor)
    assert editor.text.toPlainText() == "Talked about how the other party frightened her"
    assert editor.findings_list.count() == 0
    assert editor.save_button.isEnabled()

    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = world.vault.store.get(Note, saved.args[0].id)
    assert stored.is_final
    assert OFFENDER_NAME not in stored.body


def test_a_warning_needs_this_is_not_about_them_which_is_recorded(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    editor = open_editor(qtbot, world, runner)
    qtbot.keyClicks(editor.text, "Her party was on 17 April.")
    scanned(qtbot, editor)
    assert editor.findings_list.item(0).text().startswith("Check: possibly a date of birth")
    assert not editor.save_button.isEnabled()
    assert not editor.fix_button.isEnabled()
    editor.findings_list.setCurrentRow(0)
    qtbot.mouseClick(editor.confirm_button, Qt.MouseButton.LeftButton)
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = world.vault.store.get(Note, saved.args[0].id)
    assert [c.kind for c in stored.confirmations] == ["date_of_birth"]
    assert stored.confirmations[0].text.startswith("17 April")


def test_drafts_autosave_at_each_pause(qtbot: QtBot, world: World, runner: WorkerRunner) -> None:
    editor = open_editor(qtbot, world, runner, pause_ms=100)
    qtbot.keyClicks(editor.text, "First thoughts")
    qtbot.waitUntil(lambda: bool(world.vault.store.drafts()), timeout=5000)
    assert world.vault.store.drafts()[0].body == "First thoughts"
    editor.reject()  # closing keeps the draft


def test_pasting_a_megabyte_keeps_typing_fast(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    editor = open_editor(qtbot, world, runner)
    line = "The volunteer discussed sleep, the garden and the broken greenhouse panes.\n"
    big = line * (1_048_576 // len(line) + 1)
    QApplication.clipboard().setText(big)
    editor.text.setFocus()
    editor.text.paste()
    QApplication.clipboard().clear()
    durations = []
    for char in f" then {OFFENDER_NAME} arrived":
        started = time.perf_counter()
        qtbot.keyClick(editor.text, char)
        durations.append(time.perf_counter() - started)
    assert len(editor.text.toPlainText()) > 1_048_576
    # The first key pays once for Qt's deferred layout of the pasted text; the rest must not
    # wait for any scanning (which is debounced and runs on its own thread).
    first, rest = durations[0], durations[1:]
    assert first < 0.5, f"first key took {first * 1000:.1f} ms"
    assert statistics.median(rest) < 0.005, f"median key {statistics.median(rest) * 1000:.1f} ms"
    # Generous for a shared, loaded CI machine; the benchmark reports the real figures.
    assert max(rest) < 0.1, f"slowest key took {max(rest) * 1000:.1f} ms"
    scanned(qtbot, editor)
    assert [f.text for f in editor.findings] == [OFFENDER_NAME]
    assert not editor.save_button.isEnabled()


def test_drafts_also_autosave_every_few_seconds_while_typing_goes_on(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    editor = open_editor(qtbot, world, runner, autosave_ms=150, pause_ms=60_000)
    for word in ("Typing ", "without ", "a ", "pause ", "for ", "a ", "while "):
        qtbot.keyClicks(editor.text, word)
        qtbot.wait(60)
    qtbot.waitUntil(lambda: bool(world.vault.store.drafts()), timeout=5000)
    assert world.vault.store.drafts()[0].body.startswith("Typing without")
    editor.reject()
