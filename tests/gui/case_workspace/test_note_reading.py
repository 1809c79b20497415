"""Notes read whole and amended beside their original, from the case list as a volunteer works:
Enter on a note opens it with its whole text, author, times and sync state; Amend shows the
original read-only beside the new text; the list marks the note amended, its amendment under it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Note
from erms_desktop.domain.enums import Side
from erms_desktop.gui.case_workspace.file_pane import PartyFilePane
from erms_desktop.gui.case_workspace.note_view import NoteReadView
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from tests.gui.case_workspace.helpers import click
from tests.gui.case_workspace.test_party_files import open_from_list
from tests.gui.conftest import StartWindow
from tests.service.world import World

LONG = " ".join(f"Sentence {n} of what Philippa said about the garden." for n in range(40))


def victim_notes(workspace: CaseWorkspace) -> PartyFilePane:
    pane = workspace.panes[Side.VICTIM]
    workspace.tabs.setCurrentWidget(pane)
    pane.notes.setFocus()
    return pane


def test_a_long_note_is_read_whole(qtbot: QtBot, world: World, start_window: StartWindow) -> None:
    note = world.casework.new_note(world.victim_file.id, LONG)
    world.casework.finalise(note)
    workspace = open_from_list(qtbot, world, start_window)
    pane = victim_notes(workspace)
    assert pane.notes.item(0).text().count("Sentence") < 5  # the list shows a preview
    assert pane.notes.item(0).toolTip().startswith("Sentence 0")
    pane.notes.setCurrentRow(0)
    qtbot.keyClick(pane.notes, Qt.Key.Key_Return)
    reader = pane.reader
    assert isinstance(reader, NoteReadView)
    assert reader.isVisible()
    assert reader.text.toPlainText() == LONG
    assert reader.text.isReadOnly()
    facts = reader.facts.text()
    assert "Written by you" in facts
    assert "Conversation took place" in facts
    assert "Sync: waiting to sync" in facts


def test_amending_shows_the_original_beside_the_new_text(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    world.casework.finalise(world.casework.new_note(world.victim_file.id, "Met on Tuesday."))
    workspace = open_from_list(qtbot, world, start_window)
    pane = victim_notes(workspace)
    pane.notes.setCurrentRow(0)
    qtbot.keyClick(pane.notes, Qt.Key.Key_Return)
    click(qtbot, pane.reader, "amend_this_note")
    qtbot.waitUntil(lambda: workspace.editor is not None, timeout=5000)
    editor = workspace.editor
    assert editor is not None
    assert editor.original.toPlainText() == "Met on Tuesday."
    assert editor.original.isReadOnly()
    assert editor.original.isVisible()
    qtbot.keyClicks(editor.text, "It was Wednesday, not Tuesday.")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.notes.count() == 2, timeout=5000)
    rows = [pane.notes.item(i).text() for i in range(2)]
    assert "Note (amended) · Met on Tuesday." in rows[0]
    assert "↳ Amendment · It was Wednesday" in rows[1]
    pane.notes.setCurrentRow(0)
    qtbot.keyClick(pane.notes, Qt.Key.Key_Return)
    (below,) = pane.reader.amendment_boxes
    assert below.toPlainText() == "It was Wednesday, not Tuesday."


def test_the_volunteer_sets_when_the_conversation_took_place(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    pane = victim_notes(workspace)
    click(qtbot, pane, "new_note")
    qtbot.waitUntil(lambda: workspace.editor is not None, timeout=5000)
    editor = workspace.editor
    assert editor is not None
    assert editor.when.accessibleName() == "Conversation took place"
    editor.when.setDateTime(datetime(2026, 10, 30, 14, 15))
    qtbot.keyClicks(editor.text, "Phoned about the visit.")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = world.vault.store.get(Note, saved.args[0].id)
    assert stored.took_place_at is not None
    assert stored.took_place_at.astimezone().replace(tzinfo=None) == datetime(2026, 10, 30, 14, 15)
