"""The office window's Reports, Audit search and Subject access screens against the real
store on loopback (the demo dataset, a real laptop enrolled and synced): reached by keyboard
from the office window, typed into, saved through the save dialog; every search audited on
the store, the subject access bundle free of the other party's identifiers."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from erms_desktop.central import admin
from erms_desktop.central.models import AuditEntry, Record
from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD
from erms_desktop.domain.enums import Side
from erms_desktop.gui.office.audit_screen import AuditScreen
from erms_desktop.gui.office.reports_screen import ReportsScreen
from erms_desktop.gui.office.screens import install_screens
from erms_desktop.gui.office.subject_screen import SubjectScreen
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.worker import OfficeWorker
from erms_desktop.service.office.session import OfficeSession
from tests.gui.office.helpers import go_to_screen
from tests.service.office import Office, enrolled

DPO, PASSWORD = "dpo.admin", "a long dpo password 1"


def _text(path: Path) -> str:
    return " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(BytesIO(path.read_bytes())).pages
        ).split()
    )


def _actions(office: Office, action: str) -> int:
    with office.central.session() as s:
        return len(s.scalars(select(AuditEntry).where(AuditEntry.action == action)).all())  # type: ignore[attr-defined]


def _signed_in(qtbot: QtBot, office: Office, username: str, password: str) -> OfficeWindow:
    """An office window with every screen the account may use, straight after sign-in."""
    session = OfficeSession(office.url)
    office_window = OfficeWindow(OfficeWorker(session), session.sign_in(username, password))
    install_screens(office_window)
    qtbot.addWidget(office_window)
    return office_window


@pytest.fixture
def window(qtbot: QtBot, office: Office, tmp_path: Path) -> Iterator[OfficeWindow]:
    """The data protection officer's office window, with the demo volunteer's laptop enrolled
    and synced (so the store has a laptop with something on it)."""
    laptop = enrolled(tmp_path / "vault", office)
    laptop.lock()
    with office.central.session() as s:
        admin.create_user(s, office.central.settings, DPO, "admin", PASSWORD)  # type: ignore[arg-type]
    office_window = _signed_in(qtbot, office, DPO, PASSWORD)
    office_window.show()
    yield office_window
    office_window.close()  # signs out on the store
    office_window.worker.shutdown()


def _screen(qtbot: QtBot, window: OfficeWindow, title: str, kind: type) -> object:
    screen = go_to_screen(qtbot, window, title)
    assert isinstance(screen, kind)
    return screen


def _saving_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


def test_reports_screen_produces_and_saves_the_report(
    qtbot: QtBot, window: OfficeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = _screen(qtbot, window, "Reports", ReportsScreen)
    assert isinstance(screen, ReportsScreen)
    screen.month.setFocus()
    screen.month.clear()
    qtbot.keyClicks(screen.month, "March")
    qtbot.keyClick(screen.month, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "YYYY-MM" in window.statusBar().currentMessage(), timeout=10000)
    screen.month.clear()
    qtbot.keyClicks(screen.month, "2026-10")
    qtbot.keyClick(screen.month, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "by dpo.admin" in screen.summary.text(), timeout=10000)
    assert screen.table.rowCount() == 12
    assert screen.measure.count() == 10  # one chart per table, mediation's four included
    target = tmp_path / "report.pdf"
    _saving_to(monkeypatch, target)
    screen.save_pdf.click()
    qtbot.waitUntil(
        lambda: "Saved report.pdf" in window.statusBar().currentMessage(), timeout=10000
    )
    assert "Period: 2025-11 to 2026-10" in _text(target)
    csv_target = tmp_path / "report.csv"
    _saving_to(monkeypatch, csv_target)
    screen.save_csv.click()
    # The file appears before its lines are written: wait for them.
    qtbot.waitUntil(
        lambda: csv_target.exists() and "dpo.admin" in csv_target.read_text(), timeout=10000
    )
    assert "produced_by,dpo.admin" in csv_target.read_text()


def test_audit_screen_searches_and_answers_what_a_laptop_held(
    qtbot: QtBot,
    window: OfficeWindow,
    office: Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = _screen(qtbot, window, "Audit search", AuditScreen)
    assert isinstance(screen, AuditScreen)
    screen.kind.setCurrentIndex(screen.kind.findData("user"))
    qtbot.keyClicks(screen.subject, "demo.volunteer")
    qtbot.keyClick(screen.subject, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.results.rowCount() > 0, timeout=10000)
    actions = {screen.results.item(r, 3).text() for r in range(screen.results.rowCount())}
    assert {"enrol", "pull"} <= actions
    assert _actions(office, "audit_search") == 1
    target = tmp_path / "search.pdf"
    _saving_to(monkeypatch, target)
    screen.save_pdf.click()
    qtbot.waitUntil(target.exists, timeout=10000)
    assert "everything user demo.volunteer did" in _text(target)
    assert _actions(office, "audit_search") == 2  # the export ran the search again: audited

    screen.load_devices.click()
    qtbot.waitUntil(lambda: screen.devices.count() == 1, timeout=10000)
    screen.contents.click()
    qtbot.waitUntil(lambda: screen.held.rowCount() > 0, timeout=10000)
    with office.central.session() as s:
        allocated = {
            r.fields["service_reference"]
            for r in s.scalars(select(Record).where(Record.kind == "case"))  # type: ignore[attr-defined]
            if r.id in office.central.volunteer_cases()
        }
    held = {screen.held.item(r, 0).text() for r in range(screen.held.rowCount())}
    assert held == allocated
    assert _actions(office, "audit_laptop_contents") == 1


def test_subject_access_screen_finds_exports_redacted_and_erases(
    qtbot: QtBot,
    window: OfficeWindow,
    office: Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dataset = office.central.dataset
    sides = {f.id: (f.case_id, f.side) for f in dataset.party_files}
    victim = next(
        p
        for p in dataset.participants
        if sides[p.party_file_id][1] is Side.VICTIM and p.family_name
    )
    case_id = sides[victim.party_file_id][0]
    others = [p for p in dataset.participants if sides[p.party_file_id] == (case_id, Side.OFFENDER)]
    screen = _screen(qtbot, window, "Subject access", SubjectScreen)
    assert isinstance(screen, SubjectScreen)
    qtbot.keyClicks(screen.name, f"{victim.given_names} {victim.family_name}")
    qtbot.keyClick(screen.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.matches.rowCount() > 0, timeout=10000)
    assert screen.selected() == victim.id
    assert "rejected referrals were destroyed" in screen.summary.text()
    target = tmp_path / "bundle.pdf"
    _saving_to(monkeypatch, target)
    screen.bundle.click()
    qtbot.waitUntil(target.exists, timeout=10000)
    text = _text(target)
    assert victim.family_name in text
    for other in others:
        for identifier in (other.given_names, other.family_name, *other.phones):
            if identifier:
                assert identifier not in text, identifier
    screen.requests.click()
    qtbot.waitUntil(lambda: screen.answered.rowCount() == 1, timeout=10000)
    assert screen.answered.item(0, 0).text() == victim.id

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    screen.erase.click()
    qtbot.waitUntil(lambda: "Erased" in window.statusBar().currentMessage(), timeout=10000)
    with office.central.session() as s:
        record = s.get(Record, victim.id)  # type: ignore[attr-defined]
        assert record.deleted
    assert _actions(office, "erase_person") == 1


def test_office_staff_get_the_reports_but_not_the_officers_tools(
    qtbot: QtBot, office: Office
) -> None:
    staff_window = _signed_in(qtbot, office, DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    assert isinstance(staff_window.screen_titled("Reports"), ReportsScreen)
    assert staff_window.screen_titled("Audit search") is None
    assert staff_window.screen_titled("Subject access") is None
    staff_window.close()
    staff_window.worker.shutdown()
