"""Oversight in office mode, against the real store on loopback with the demo dataset: staff
sign in, filter to overdue cases by keyboard, open one, read each party file on its own tab (no
action offered), add a supervision note, and close the case, which forgets it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from erms_desktop.central import casework
from erms_desktop.central.models import AuditEntry, Record, SupervisionNote, User
from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD
from erms_desktop.domain import Case, Note, Participant
from erms_desktop.domain.records import from_fields
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.office.oversight import OversightScreen
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.conftest import start_on
from tests.gui.office.helpers import go_to_screen, sign_in_to_office
from tests.gui.test_accessibility import unnamed
from tests.service.office import Office, desktop_service

NOTE = "Supervision: agreed to slow the pace until the victim is ready"


@pytest.fixture
def new_computer(qtbot: QtBot, tmp_path: Path, office: Office) -> Iterator[MainWindow]:
    service: DesktopService = desktop_service(tmp_path / "vault", office)
    window, worker = start_on(qtbot, service)
    yield window
    window.close()
    worker.shutdown()


def _overdue_case(office: Office) -> tuple[Case, dict[str, dict[str, set[str]]]]:
    """Make the first open case with people in both files overdue (every other one on time);
    return it with each of its files' participant initials and note openings, from the store."""
    with office.central.session() as s:
        session: Any = s
        rows = session.scalars(select(Record).where(Record.deleted.is_(False))).all()
        cases = sorted(
            (e for r in rows if isinstance(e := from_fields(r.kind, r.fields), Case)),
            key=lambda c: c.service_reference,
        )
        files: dict[str, dict[str, set[str]]] = {}
        case_of = {r.id: r.case_id for r in rows if r.kind == "party_file"}
        for r in rows:
            if r.kind in ("participant", "note"):
                held = files.setdefault(r.party_file_id, {"people": set(), "notes": set()})
                entity = from_fields(r.kind, r.fields)
                if isinstance(entity, Participant):
                    held["people"].add(entity.initials)
                elif isinstance(entity, Note):
                    held["notes"].add(entity.body.strip().splitlines()[0][:40])

        def peopled(case: Case) -> dict[str, dict[str, set[str]]]:
            return {
                f: held for f, held in files.items() if case_of[f] == case.id and held["people"]
            }

        case = next(c for c in cases if not c.is_closed and len(peopled(c)) == 2)
        overdue = dataclasses.replace(case, next_action_due=date.today() - timedelta(days=3))
        casework.save_entity(session, overdue)
        for other in cases:
            if other.id != case.id and not other.is_closed:
                on_time = dataclasses.replace(other, next_action_due=date.today())
                casework.save_entity(session, on_time)
    return overdue, peopled(case)


def _office(qtbot: QtBot, window: MainWindow, office: Office) -> OfficeWindow:
    wizard = window.enrolment
    assert wizard is not None
    return sign_in_to_office(qtbot, window, wizard, DEMO_OFFICE_USERNAME, DEMO_PASSWORD, office.url)


def _press(qtbot: QtBot, widget: Any, key: Qt.Key = Qt.Key.Key_Space) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


def test_filter_to_overdue_open_a_case_read_both_files_apart_add_a_supervision_note(
    qtbot: QtBot, new_computer: MainWindow, office: Office, tmp_path: Path
) -> None:
    case, files = _overdue_case(office)
    office_window = _office(qtbot, new_computer, office)
    screen = go_to_screen(qtbot, office_window, "Oversight")
    assert isinstance(screen, OversightScreen)
    every = len(office.central.dataset.cases)
    qtbot.waitUntil(lambda: screen.table.rowCount() == every, timeout=10000)  # every case first

    assert screen.overdue.accessibleName() == "Overdue next action only"
    _press(qtbot, screen.overdue)
    assert screen.overdue.isChecked()
    _press(qtbot, screen.show_button)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=10000)
    assert screen.table.item(0, 0).text() == case.service_reference
    assert "next action" in screen.table.item(0, 7).text()

    _press(qtbot, screen.table, Qt.Key.Key_Return)
    view = screen.case_view
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is view, timeout=10000)
    assert "OVERDUE: next action" in view.progress.text()
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert titles[-1] == "Case level"
    assert [t.split(" · ")[0] for t in titles[:-1]] == ["Victim file", "Offender file"]
    assert len(view.file_panes) == len(files) == 2
    for pane in view.file_panes:
        assert pane.file_view is not None
        mine = files[pane.file_view.id]
        others = [held for f, held in files.items() if f != pane.file_view.id]
        shown = [pane.notes.item(i).text() for i in range(pane.notes.count())]
        people = [pane.participants.item(i).text() for i in range(pane.participants.count())]
        assert all(any(n in line for line in shown) for n in mine["notes"])
        assert not any(n in line for held in others for n in held["notes"] for line in shown)
        assert len(people) == len(pane.file_view.participants) >= 1
        assert not [b for b in pane.findChildren(QPushButton) if b.isVisible()]
    assert not [b for b in view.case_level.findChildren(QPushButton) if b.isVisible()]
    assert unnamed(office_window) == []

    panel = view.supervision
    panel.text.setFocus()
    qtbot.keyClicks(panel.text, NOTE)
    _press(qtbot, panel.add_button)
    qtbot.waitUntil(lambda: panel.notes.count() == 1, timeout=10000)
    assert NOTE in panel.notes.item(0).text()
    assert DEMO_OFFICE_USERNAME in panel.notes.item(0).text()
    assert panel.text.toPlainText() == ""

    with office.central.session() as s:
        session: Any = s
        staff = session.scalar(select(User.id).where(User.username == DEMO_OFFICE_USERNAME))
        reads = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "read_case", AuditEntry.user_id == staff)
        ).all()
        notes = session.scalars(select(SupervisionNote)).all()
    assert [e.case_ids for e in reads] == [case.id]
    assert [(n.case_id, n.author_id, n.body) for n in notes] == [(case.id, staff, NOTE)]

    _press(qtbot, view.tabs, Qt.Key.Key_Escape)  # closes the case
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.list_page)
    assert view.tabs.count() == 0
    assert view.host.view is None
    assert panel.notes.count() == 0
    office_window.close()
    qtbot.waitUntil(lambda: new_computer.office is None, timeout=10000)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "office" not in p.parts]
    for path in written:  # the computer's own folder: nothing of the case reached the disk
        content = path.read_bytes()
        assert NOTE.encode() not in content
        assert case.service_reference.encode() not in content
