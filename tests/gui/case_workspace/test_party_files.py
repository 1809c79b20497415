"""Every party file of a case is reachable: a case with two victim files opens, from the case
list, with a tab for each, named by its people's initials; the exchange dialog names each file
once and starts from the file whose share consent is live."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import ConsentRecord, Participant, PartyFile
from erms_desktop.domain.enums import (
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ParticipantRole,
    Side,
)
from erms_desktop.gui.case_model import PEOPLE_COLUMN
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from erms_desktop.service.case_list import case_rows_from, note_results_from
from erms_desktop.service.models import CaseRow, NoteSearchResult
from tests.gui.case_workspace.test_exchange_and_forms import exchange_dialog
from tests.gui.case_workspace.test_shell_hook import ShellBackend
from tests.gui.conftest import StartWindow, unlock
from tests.service.world import World, new_id


def add_second_victim(world: World) -> PartyFile:
    second = PartyFile(id=new_id(), case_id=world.case.id, side=Side.VICTIM, label="Neighbour")
    person = Participant(
        id=new_id(),
        party_file_id=second.id,
        role=ParticipantRole.VICTIM,
        given_names="Joan",
        family_name="Ashdown",
    )
    world.vault.store.save_many((second, person))
    note = world.casework.new_note(second.id, "Joan would like to meet in the library.")
    world.casework.finalise(note)
    world.casework.finalise(world.casework.new_note(world.victim_file.id, "Philippa called."))
    return second


def open_from_list(qtbot: QtBot, world: World, start_window: StartWindow) -> CaseWorkspace:
    """Unlock, choose the case in the list and press Enter, as a volunteer would."""
    window = start_window(ShellBackend(world))
    unlock(qtbot, window)
    window.case_list.table.selectRow(0)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Return)
    workspace = window.case_opener.current
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    return workspace


def test_a_case_with_two_victim_files_shows_both(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    second = add_second_victim(world)
    workspace = open_from_list(qtbot, world, start_window)
    bar = workspace.tabs.tabBar()
    titles = [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]
    assert titles[:3] == ["Victim file · P.Q.", "Victim file · J.A.", "Offender file · T.K."]
    first = workspace.tabs.widget(0)
    assert first.accessibleName() == "Victim file · P.Q."
    bar.setFocus()
    workspace.tabs.setCurrentIndex(0)
    qtbot.keyClick(bar, Qt.Key.Key_Right)  # the next tab, by keyboard
    shown = workspace.tabs.currentWidget()
    assert shown is workspace.file_panes[second.id]
    assert shown.accessibleName() == "Victim file · J.A."
    assert "Joan would like to meet" in shown.notes.item(0).text()
    assert "Philippa called" in first.notes.item(0).text()


def test_the_exchange_dialog_names_each_file_once_and_starts_from_live_consent(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    second = add_second_victim(world)
    joan = world.vault.store.find_all(Participant, party_file_id=second.id)[0]
    consent = ConsentRecord(
        id=new_id(),
        case_id=world.case.id,
        participant_id=joan.id,
        party_file_id=second.id,
        scope=ConsentScope.SHARE_WITH_OTHER_PARTY,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.VERBAL,
        recorded_on=date(2026, 10, 20),
        detail="Her questions may go to him",
    )
    world.vault.store.save(consent)
    workspace = open_from_list(qtbot, world, start_window)
    dialog = exchange_dialog(qtbot, workspace)
    sources = [dialog.source.itemText(i) for i in range(dialog.source.count())]
    assert sources == ["Victim file · P.Q.", "Victim file · J.A.", "Offender file · T.K."]
    assert dialog.source.currentData() == second.id
    assert dialog.consent.currentData() == consent.id
    assert dialog.target.currentText() == "Offender file · T.K."
    dialog.source.setCurrentIndex(2)
    targets = [dialog.target.itemText(i) for i in range(dialog.target.count())]
    assert targets == ["Victim file · P.Q.", "Victim file · J.A."]
    assert dialog.consent.currentData() is None  # nothing live on the offender side


class VaultListBackend(ShellBackend):
    """The shell's backend listing and searching the world's real vault, as the service does."""

    def list_cases(self) -> list[CaseRow]:
        super().list_cases()
        return case_rows_from(self._world.vault.store, self._world.casework.today())

    def search_notes(self, query: str) -> list[NoteSearchResult]:
        return note_results_from(
            self._world.vault.store, query, author_id=self._world.casework.user_id
        )


def test_the_case_list_and_search_say_which_file(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    """The people column has one group per party file, and a search hit names its file the way
    the workspace tab does."""
    add_second_victim(world)
    window = start_window(VaultListBackend(world))
    unlock(qtbot, window)
    table = window.case_list.table
    people = table.model().index(0, PEOPLE_COLUMN).data()
    assert people == "V P.Q. · V J.A. · O T.K."
    search, results = window.case_list.search, window.case_list.results
    qtbot.keyClicks(search, "library")
    qtbot.waitUntil(lambda: results.count() >= 1, timeout=5000)
    texts = [results.item(i).text() for i in range(results.count())]
    assert any("Victim file · J.A. · note of" in text for text in texts), texts
