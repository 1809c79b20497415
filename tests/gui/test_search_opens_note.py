"""Issue 15, point 6, as a volunteer searches: part of a name typed in the search box finds the
note, the result says its case and file, and Enter on it opens the note read whole in its case.
Real vault, real store on loopback."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain.notes import Note
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.real_session import session

__all__ = ["session"]  # the fixture

BODY = "Spoke with Mrs Featherstonehaugh about the garden wall."


def test_a_result_names_its_file_and_enter_opens_the_note(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService]
) -> None:
    window, service = session
    store = service.vault.store
    note = dataclasses.replace(
        store.find_all(Note)[0], id="8a3f4b5c-6d7e-4f80-9a1b-2c3d4e5f6a7b", body=BODY
    )
    store.save(note)
    search, results = window.case_list.search, window.case_list.results
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(search, "therston")  # inside the family name, no trailing *
    qtbot.waitUntil(lambda: results.count() == 1 and "therston" in results.item(0).text())
    text = results.item(0).text()
    assert " · note of " in text
    assert "Victim file · " in text or "Offender file · " in text  # the file, by its initials
    assert results.accessibleName() == "Search results"
    results.setFocus()
    results.setCurrentRow(0)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_opener.current is not None)
    workspace = window.case_opener.current
    assert workspace is not None
    assert workspace.case_id == note.case_id
    qtbot.waitUntil(lambda: getattr(workspace.tabs.currentWidget(), "reader", None) is not None)
    pane = workspace.tabs.currentWidget()
    reader = pane.reader  # type: ignore[attr-defined]
    assert reader.isVisible()
    assert reader.text.toPlainText() == BODY
    assert pane.selected_note().id == note.id  # type: ignore[attr-defined]
