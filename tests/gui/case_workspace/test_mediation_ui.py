"""Issue 18, points 1 and 6, as a volunteer sees it: the three-household noise dispute of the demo
opens from the case list (keyboard) with a tab for each household - Party A, Party B, Party C,
each with its own people's initials - and nowhere on the workspace is anybody called a victim
or an offender. Real vault, real store on loopback, the demo dataset."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QListWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Case, Participant, PartyFile
from erms_desktop.domain.enums import CaseType, DisputeType
from erms_desktop.domain.workflow import stage_name
from erms_desktop.gui.case_model import CASE_ROLE, PEOPLE_COLUMN, STAGE_COLUMN
from erms_desktop.gui.case_workspace.file_pane import PartyFilePane
from erms_desktop.gui.case_workspace.forms import ContactForm
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.case_workspace.helpers import click
from tests.gui.real_session import session

__all__ = ["session"]  # the fixture

LABELLING = re.compile(r"victim|offender|offence", re.IGNORECASE)


def _open_case(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    table, rows = window.case_list.table, window.case_list.filter
    row = next(
        r
        for r in range(rows.rowCount())
        if rows.data(rows.index(r, 0), CASE_ROLE).service_reference == reference
    )
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_opener.current is not None)


def _words_on(root: QWidget) -> list[str]:
    """Every text the workspace shows or says: labels, buttons, tabs, list and combo items,
    accessible names and descriptions."""
    words: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        words += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            words.append(widget.text())
        if isinstance(widget, QTabWidget):
            words += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            words += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            words += [widget.itemText(i) for i in range(widget.count())]
    return words


def test_the_three_household_noise_dispute_shows_party_a_b_c_and_no_victim_or_offender(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService]
) -> None:
    window, service = session
    store = service.vault.store
    case = next(c for c in store.find_all(Case) if c.dispute_type is DisputeType.NOISE)
    row_text = next(
        window.case_list.filter.data(window.case_list.filter.index(r, PEOPLE_COLUMN))
        for r in range(window.case_list.filter.rowCount())
        if window.case_list.filter.data(window.case_list.filter.index(r, 0))
        == case.service_reference
    )
    assert row_text.startswith("Party A ")
    assert not LABELLING.search(row_text)
    _open_case(qtbot, window, case.service_reference)
    workspace = window.case_opener.current
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=10000)
    panes = [
        workspace.tabs.widget(i)
        for i in range(workspace.tabs.count())
        if isinstance(workspace.tabs.widget(i), PartyFilePane)
    ]
    titles = [workspace.tabs.tabText(workspace.tabs.indexOf(p)) for p in panes]
    files = sorted(store.find_all(PartyFile, case_id=case.id), key=lambda f: f.side)
    expected = []
    for letter, party_file in zip("ABC", files, strict=True):
        people = store.find_all(Participant, party_file_id=party_file.id)
        initials = ", ".join(p.initials for p in people)
        expected.append(f"Party {letter} file · {initials}")
    assert titles == expected
    assert [p.accessibleName() for p in panes] == expected
    assert [p.banner.text() for p in panes] == ["Party A file", "Party B file", "Party C file"]
    assert "Mediation: Noise dispute" in workspace.header.details.text()
    shown = [word for word in _words_on(workspace) if LABELLING.search(word)]
    assert shown == []


def _cell(window: MainWindow, reference: str, column: int) -> str:
    rows = window.case_list.filter
    return str(
        next(
            rows.data(rows.index(r, column))
            for r in range(rows.rowCount())
            if rows.data(rows.index(r, 0)) == reference
        )
    )


def test_the_case_list_and_joint_meetings_use_the_mediation_names(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService]
) -> None:
    """The stage column says the mediation stage names ("Agreement", "Joint meeting or
    shuttle"), a restorative justice case keeps its own, and a mediation's joint meeting is a
    "Joint meeting", never a "Conference"."""
    window, service = session
    cases = service.vault.store.find_all(Case)
    boundary = next(c for c in cases if c.dispute_type is DisputeType.BOUNDARIES)
    noise = next(c for c in cases if c.dispute_type is DisputeType.NOISE)
    justice = next(c for c in cases if c.case_type is CaseType.RESTORATIVE_JUSTICE)
    assert _cell(window, boundary.service_reference, STAGE_COLUMN) == "Agreement"
    assert _cell(window, noise.service_reference, STAGE_COLUMN) == "Joint meeting or shuttle"
    assert _cell(window, justice.service_reference, STAGE_COLUMN) == stage_name(
        justice.stage, CaseType.RESTORATIVE_JUSTICE
    )
    _open_case(qtbot, window, noise.service_reference)
    workspace = window.case_opener.current
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=10000)
    meetings = workspace.case_level.meetings
    texts = [meetings.item(i).text() for i in range(meetings.count())]
    assert texts
    assert all(" · Joint meeting · " in text for text in texts)
    assert not any("Conference" in text for text in texts)
    # Recording another: the form offers a "Joint meeting", chosen already.
    workspace.tabs.setCurrentWidget(workspace.case_level)
    click(qtbot, workspace.case_level, "record_joint_meeting")
    form = workspace.case_level.last_form
    assert isinstance(form, ContactForm)
    assert form.kind.currentText() == "Joint meeting"
    assert "Conference" not in [form.kind.itemText(i) for i in range(form.kind.count())]
    form.reject()
