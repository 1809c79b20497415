"""The People and Laptops screens in the office window, against the real store on loopback,
driven from the keyboard: a new volunteer with a temporary password, a leaver disabled with
the allocations to reassign, hours by month; a laptop issued with the terms accepted, the slip
saved as a PDF, a real laptop enrolled with the code printed on it, then revoked and found
wiped at its next contact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.gui.office.laptops import LaptopsScreen
from erms_desktop.gui.office.people import PeopleScreen
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.models import EnrolmentRequest
from erms_desktop.sync.errors import DeviceRevoked
from tests.gui.conftest import start_on
from tests.gui.office.helpers import go_to_screen, sign_in_to_office
from tests.service.office import PASSPHRASE, Office, desktop_service


@pytest.fixture
def office_window(qtbot: QtBot, tmp_path: Path, office: Office) -> Iterator[OfficeWindow]:
    """Staff signed in to office mode from a computer's first screen (no laptop enrolment)."""
    window, worker = start_on(qtbot, desktop_service(tmp_path / "office-pc", office))
    wizard = window.enrolment
    assert wizard is not None
    opened = sign_in_to_office(
        qtbot, window, wizard, DEMO_OFFICE_USERNAME, DEMO_PASSWORD, office.url
    )
    yield opened
    opened.close()
    qtbot.waitUntil(lambda: window.office is None, timeout=10000)
    window.close()
    worker.shutdown()


def _press(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def _rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def _select(qtbot: QtBot, table: QTableWidget, first_cell: str) -> None:
    qtbot.waitUntil(lambda: any(row[0] == first_cell for row in _rows(table)), timeout=10000)
    row = next(i for i, cells in enumerate(_rows(table)) if cells[0] == first_cell)
    table.setFocus()
    table.setCurrentCell(row, 0)


def _confirm(qtbot: QtBot, box: QMessageBox, name: str) -> None:
    qtbot.waitUntil(box.isVisible)
    button = next(b for b in box.findChildren(QAbstractButton) if b.accessibleName() == name)
    _press(qtbot, button)


def test_people_new_volunteer_hours_and_a_leaver(qtbot: QtBot, office_window: OfficeWindow) -> None:
    people = go_to_screen(qtbot, office_window, "People")
    assert isinstance(people, PeopleScreen)
    assert people.accessibleName() == "People"
    _press(qtbot, people.new_button)
    qtbot.waitUntil(people.dialog.isVisible)
    qtbot.keyClicks(people.dialog.username, "vic.new")
    qtbot.keyClick(people.dialog.username, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "temporary password is" in people.message.text(), timeout=10000)
    assert re.search(r"is [a-z2-9]{5}(-[a-z2-9]{5}){3}\.", people.message.text())
    _select(qtbot, people.table, "vic.new")
    assert _rows(people.table)[people.table.currentRow()][1:3] == ["Volunteer", "Active"]

    _select(qtbot, people.table, DEMO_USERNAME)
    qtbot.waitUntil(lambda: people.hours.rowCount() > 0, timeout=10000)
    month, entries, hours, _miles = _rows(people.hours)[0]
    assert re.fullmatch(r"[A-Z][a-z]+ \d{4}", month)  # "March 2026"
    assert int(entries) > 0
    assert re.fullmatch(r"\d+h \d\dm", hours)

    _select(qtbot, people.table, "demo.cofacilitator")
    _press(qtbot, people.disable_button)
    assert "sessions end at once" in people.confirmation.text()
    assert "wipes itself" in people.confirmation.text()
    _confirm(qtbot, people.confirmation, "Disable")
    qtbot.waitUntil(lambda: "is disabled" in people.message.text(), timeout=10000)
    assert "Reallocate these:" in people.message.text()
    qtbot.waitUntil(
        lambda: ["demo.cofacilitator", "Volunteer", "Left (disabled)", "0"] in _rows(people.table),
        timeout=10000,
    )
    assert not people.disable_button.isEnabled()


def test_issue_enrol_with_the_printed_code_revoke_and_wiped_at_next_contact(
    qtbot: QtBot, office_window: OfficeWindow, office: Office, tmp_path: Path
) -> None:
    laptops = go_to_screen(qtbot, office_window, "Laptops")
    assert isinstance(laptops, LaptopsScreen)
    slip = tmp_path / "slip.pdf"
    laptops.choose_slip_path = lambda _suggested: str(slip)  # type: ignore[method-assign]
    _press(qtbot, laptops.issue_button)
    qtbot.waitUntil(
        lambda: hasattr(laptops, "dialog") and laptops.dialog.isVisible(), timeout=10000
    )
    dialog = laptops.dialog
    qtbot.keyClicks(dialog.asset_tag, "LAP-0099")
    dialog.volunteer.setFocus()
    qtbot.keyClicks(dialog.volunteer, DEMO_USERNAME)
    assert dialog.volunteer.currentText() == DEMO_USERNAME
    assert not dialog.issue.isEnabled()  # not until the terms are accepted
    _press(qtbot, dialog.terms)
    assert dialog.issue.isEnabled()
    qtbot.keyClick(dialog.asset_tag, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: slip.exists() and laptops.slip_path == str(slip), timeout=10000)

    printed = " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(slip).pages
    )
    found = re.search(r"Enrolment code: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})", printed)
    assert found is not None, printed
    assert re.search(r"before: \d\d/\d\d/\d{4} \d\d:\d\d", printed)
    assert "LAP-0099" in printed
    assert "RJ-" not in printed  # never case data

    laptop = desktop_service(tmp_path / "laptop", office)
    laptop.enrol(EnrolmentRequest(office.url, found.group(1), DEMO_USERNAME, DEMO_PASSWORD))
    laptop.set_passphrase(PASSPHRASE)
    received = laptop.sync_now(lambda _p: None).cases_received
    assert received > 0

    _press(qtbot, laptops.refresh_button)
    qtbot.waitUntil(
        lambda: any(r[0] == "LAP-0099" and r[2] == "In use" for r in _rows(laptops.table)),
        timeout=10000,
    )
    row = next(r for r in _rows(laptops.table) if r[0] == "LAP-0099")
    assert row[1] == DEMO_USERNAME
    assert row[4] != "—"  # the app version it reported
    assert re.fullmatch(r"Until \d\d/\d\d/\d{4}", row[5])

    _select(qtbot, laptops.table, "LAP-0099")
    _press(qtbot, laptops.revoke_button)
    warning = laptops.confirmation.text()
    assert "credentials stop at once" in warning
    assert "wipes itself the next time it reaches the office server" in warning
    _confirm(qtbot, laptops.confirmation, "Revoke")
    qtbot.waitUntil(lambda: "On it then:" in laptops.message.text(), timeout=10000)
    summary = laptops.message.text()
    assert "LAP-0099" in summary
    assert summary.count("•") == received  # every case it pulled, each once
    assert "no case data" not in summary

    with pytest.raises(DeviceRevoked):
        laptop.sync_now(lambda _p: None)
    assert laptop.unlock_info().enrolled is False
    files = [p for p in (tmp_path / "laptop").rglob("*") if p.is_file() and p.stat().st_size]
    assert files == []

    _press(qtbot, laptops.refresh_button)
    qtbot.waitUntil(
        lambda: any(
            r[0] == "LAP-0099" and r[2].startswith("Revoked; told to wipe")
            for r in _rows(laptops.table)
        ),
        timeout=10000,
    )
