"""Time and expenses as people type money: "3.4" is £3.40 (not 34p), a third decimal place is
refused in the form, and each entry says whose it is."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import TimeEntry
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.gui.case_workspace.forms import TimeForm
from erms_desktop.gui.case_workspace.month_form import SubmitMonthForm
from erms_desktop.service.activity import MonthSubmittedError, NotYourEntryError
from erms_desktop.service.formatting import pence_from_pounds, pounds
from tests.gui.case_workspace.helpers import click
from tests.gui.case_workspace.test_party_files import open_from_list
from tests.gui.conftest import StartWindow
from tests.service.world import World, new_id


@pytest.mark.parametrize(
    ("typed", "pence"), [("3.4", 340), ("£3.40", 340), ("3", 300), ("", 0), ("1,250.05", 125005)]
)
def test_money_as_people_type_it(typed: str, pence: int) -> None:
    assert pence_from_pounds(typed) == pence


@pytest.mark.parametrize("typed", ["3.405", "-2", "three pounds", "3.4.5"])
def test_money_that_cannot_be_read_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValueError):
        pence_from_pounds(typed)


def test_pounds_are_shown_with_pence() -> None:
    assert (pounds(340), pounds(5), pounds(125005)) == ("£3.40", "£0.05", "£1,250.05")


def test_a_cost_typed_in_pounds_is_stored_in_pence_and_shown_as_yours(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    workspace = open_from_list(qtbot, world, start_window)
    workspace.tabs.setCurrentWidget(workspace.time)
    click(qtbot, workspace.time, "add_time_or_mileage")
    form = workspace.time.last_form
    assert isinstance(form, TimeForm)
    qtbot.keyClicks(form.activity, "Bus to the visit")
    form.expense_kind.setCurrentIndex(1)
    qtbot.keyClicks(form.cost, "3.405")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.message.text() == "Type the cost in pounds and pence, like 3.40."
    assert world.vault.store.find_all(TimeEntry) == []
    form.cost.clear()
    qtbot.keyClicks(form.cost, "3.4")
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    (entry,) = world.vault.store.find_all(TimeEntry)
    assert entry.expense_pence == 340
    qtbot.waitUntil(lambda: workspace.time.entries.count() == 1, timeout=5000)
    shown = workspace.time.entries.item(0).text()
    assert shown.startswith("Yours · ")
    assert "£3.40" in shown


def test_own_entries_are_corrected_and_removed_and_others_are_not(
    qtbot: QtBot, world: World, start_window: StartWindow
) -> None:
    mine = world.casework.add_time(world.case.id, date(2026, 11, 1), "Visit", 60)
    theirs = dataclasses.replace(mine, id=new_id(), volunteer_id=new_id(), activity="Their visit")
    world.vault.store.save(theirs)
    workspace = open_from_list(qtbot, world, start_window)
    pane = workspace.time
    workspace.tabs.setCurrentWidget(pane)
    rows = [pane.entries.item(i).text() for i in range(pane.entries.count())]
    assert rows[0].startswith("Yours · ")
    assert rows[1].startswith("A co-facilitator's · ")
    pane.entries.setCurrentRow(1)
    click(qtbot, pane, "correct")
    assert workspace.message.text() == "Choose one of your own entries."
    with pytest.raises(NotYourEntryError):
        world.casework.remove_time(theirs.id)

    pane.entries.setCurrentRow(0)
    click(qtbot, pane, "correct")
    form = pane.last_form
    assert isinstance(form, TimeForm)
    assert form.activity.text() == "Visit"
    form.expense_kind.setCurrentIndex(1)
    qtbot.keyClicks(form.cost, "4.5")
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert world.vault.store.get(TimeEntry, mine.id).expense_pence == 450
    pane.entries.setCurrentRow(0)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        click(qtbot, pane, "remove")
    assert [e.id for e in world.vault.store.find_all(TimeEntry)] == [theirs.id]


def test_a_submitted_month_is_locked(qtbot: QtBot, world: World, start_window: StartWindow) -> None:
    """The volunteer submits November's time; its entries say so and can no longer be corrected
    or removed, nor can time be added to that month (the service refuses as the store does)."""
    entry = world.casework.add_time(world.case.id, date(2026, 11, 1), "Visit", 60)
    workspace = open_from_list(qtbot, world, start_window)
    pane = workspace.time
    workspace.tabs.setCurrentWidget(pane)
    click(qtbot, pane, "submit_month")
    form = pane.last_form
    assert isinstance(form, SubmitMonthForm)
    assert form.month.currentText() == "November 2026"
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = world.vault.store.get(TimeEntry, entry.id)
    assert stored.submitted_on == world.casework.today()
    qtbot.waitUntil(lambda: "submitted 02/11/2026" in pane.entries.item(0).text(), timeout=5000)
    pane.entries.setCurrentRow(0)
    click(qtbot, pane, "correct")
    assert workspace.message.text() == "That month is submitted; ask the office to correct it."
    click(qtbot, pane, "remove")
    assert world.vault.store.get(TimeEntry, entry.id) == stored
    for attempt in (
        lambda: world.casework.correct_time(entry.id, minutes=90),
        lambda: world.casework.remove_time(entry.id),
        lambda: world.casework.add_time(world.case.id, date(2026, 11, 2), "Call", 10),
    ):
        with pytest.raises(MonthSubmittedError):
            attempt()
    later = world.casework.add_time(world.case.id, date(2026, 12, 1), "Call", 10)
    assert later.submitted_on is None  # another month stays open
