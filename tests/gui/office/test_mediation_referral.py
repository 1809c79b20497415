"""Issue 18 in office mode, from the office window against the real store on loopback: the
intake asks for the case type first; a three-household noise referral (a dispute type and its
description, no offence, the people as Party A, B and C) is taken in, listed as a mediation,
accepted without a justice stage, and opens a case whose Party A, B and C files the initial
risk, allocation and oversight screens show - nowhere a victim or an offender."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from erms_desktop.demo.account import DEMO_USERNAME
from erms_desktop.domain.enums import CaseType, DisputeType, Side
from erms_desktop.gui.office.allocation import AllocationScreen
from erms_desktop.gui.office.oversight import COLUMNS, OversightScreen
from erms_desktop.gui.office.referral_intake import IntakeDialog, PersonDialog
from erms_desktop.gui.office.referrals import AcceptDialog, ReferralsScreen
from erms_desktop.gui.office.risk import AssessmentDialog, RiskScreen
from erms_desktop.gui.office.window import OfficeWindow
from tests.gui.office.helpers import go_to_screen, press, when_dialog

LABELLING = re.compile(r"victim|offender|offence", re.IGNORECASE)
HOUSEHOLDS = (("Rosalind", "Featherby"), ("Augustin", "Pellowe"), ("Marguerite", "Oyelaran"))
REFERENCE, AGENCY = "MED-2026-031", "CST/2026/31"


def _texts(grid: QTableWidget) -> list[list[str]]:
    return [
        [grid.item(r, c).text() for c in range(grid.columnCount()) if grid.item(r, c)]
        for r in range(grid.rowCount())
    ]


def _add_party(qtbot: QtBot, given: str, family: str) -> Callable[[PersonDialog], None]:
    def act(dialog: PersonDialog) -> None:
        # Only parties are offered, the next one chosen already.
        assert [dialog.side.itemText(i) for i in range(dialog.side.count())] == [
            side.label for side in Side.parties()
        ]
        qtbot.keyClicks(dialog.given, given)
        qtbot.keyClicks(dialog.family, family)
        press(qtbot, dialog.ok)

    return act


def _take_in(qtbot: QtBot, screen: ReferralsScreen) -> None:
    def fill(dialog: IntakeDialog) -> None:
        assert dialog.focusWidget() is dialog.case_type  # the case type is asked first
        assert dialog.offence_box.isVisibleTo(dialog)
        assert not dialog.dispute_box.isVisibleTo(dialog)
        dialog.case_type.setCurrentIndex(dialog.case_type.findData(CaseType.MEDIATION))
        assert not dialog.offence_box.isVisibleTo(dialog)  # no offence, flags or justice stage
        assert dialog.dispute_box.isVisibleTo(dialog)
        assert [dialog.dispute_type.itemText(i) for i in range(dialog.dispute_type.count())] == [
            "Choose…",
            "Noise",
            "Boundaries",
            "Parking",
            "Anti-social behaviour",
            "Family",
            "Other",
        ]
        dialog.source.setCurrentIndex(dialog.source.findText("A council's community safety team"))
        qtbot.keyClicks(dialog.agency_reference, AGENCY)
        dialog.lawful_basis.setCurrentIndex(dialog.lawful_basis.findText("Public task"))
        when_dialog(PersonDialog, _add_party(qtbot, *HOUSEHOLDS[0]))
        press(qtbot, dialog.add_person)
        qtbot.waitUntil(lambda: dialog.people_table.rowCount() == 1)
        # Not yet: the dispute's type and description, then a second party, are asked for.
        press(qtbot, dialog.save_button)
        assert dialog.message.text() == "Choose the type of dispute."
        dialog.dispute_type.setCurrentIndex(dialog.dispute_type.findData(DisputeType.NOISE))
        qtbot.keyClicks(dialog.dispute, "Late-night music and slammed doors between three flats")
        press(qtbot, dialog.save_button)
        assert dialog.message.text() == "A mediation needs people from two parties or more."
        for given, family in HOUSEHOLDS[1:]:
            when_dialog(PersonDialog, _add_party(qtbot, given, family))
            press(qtbot, dialog.add_person)
        qtbot.waitUntil(lambda: dialog.people_table.rowCount() == 3)
        assert [row[0] for row in _texts(dialog.people_table)] == ["Party A", "Party B", "Party C"]
        press(qtbot, dialog.save_button)

    when_dialog(IntakeDialog, fill)
    press(qtbot, screen.new_button)
    qtbot.waitUntil(lambda: any(AGENCY in row for row in _texts(screen.list)), timeout=10000)
    row = next(row for row in _texts(screen.list) if AGENCY in row)
    assert "Mediation: noise" in row
    assert row[-1] == "3"


def _accept(qtbot: QtBot, screen: ReferralsScreen) -> str:
    screen.list.selectRow(next(i for i, r in enumerate(_texts(screen.list)) if AGENCY in r))
    opened: list[str] = []
    screen.case_opened.connect(opened.append)

    def fill(dialog: AcceptDialog) -> None:
        assert not dialog.stage.isVisibleTo(dialog)  # a dispute has no criminal justice stage
        qtbot.keyClicks(dialog.service_reference, REFERENCE)
        press(qtbot, dialog.accept_button)

    when_dialog(AcceptDialog, fill)
    press(qtbot, screen.accept_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    return opened[0]


def _files_screen(
    qtbot: QtBot, window: OfficeWindow, title: str, case_id: str
) -> RiskScreen | AllocationScreen:
    screen = go_to_screen(qtbot, window, title)
    assert isinstance(screen, RiskScreen | AllocationScreen)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.case_id == case_id, timeout=10000
    )
    assert screen.case_choice.currentText().startswith(f"{REFERENCE} (Mediation, ")
    return screen


def test_a_three_party_noise_referral_opens_party_files_in_the_office(
    qtbot: QtBot, office_window: OfficeWindow
) -> None:
    window = office_window
    qtbot.waitUntil(window.isActiveWindow)
    referrals = window.tabs.currentWidget()
    assert isinstance(referrals, ReferralsScreen)
    _take_in(qtbot, referrals)
    case_id = _accept(qtbot, referrals)

    risk = _files_screen(qtbot, window, "Initial risk", case_id)
    rows = _texts(risk.files)
    assert [row[0] for row in rows] == ["Party A file", "Party B file", "Party C file"]
    risk.files.selectRow(1)

    def assess(dialog: AssessmentDialog) -> None:
        assert dialog.windowTitle() == "Initial risk assessment: Party B file"
        press(qtbot, dialog.save_button)

    when_dialog(AssessmentDialog, assess)
    press(qtbot, risk.assess_button)
    qtbot.waitUntil(lambda: risk.files.item(1, 2).text() == "Yes", timeout=10000)
    assert "Party B file" in window.statusBar().currentMessage()

    allocation = _files_screen(qtbot, window, "Allocation", case_id)
    rows = _texts(allocation.files)
    assert [row[0] for row in rows] == [
        "Whole case (all 3 files)",
        "Party A file",
        "Party B file",
        "Party C file",
    ]
    shown = [text for row in rows for text in row] + [allocation.case_choice.currentText()]
    assert not [text for text in shown + _texts_of(risk) if LABELLING.search(text)]
    # The demo volunteer's caseload names the demo's mediation stages as mediation does.
    allocation.choose_volunteers(DEMO_USERNAME)
    qtbot.waitUntil(lambda: allocation.caseload_title.text().startswith(DEMO_USERNAME))
    stages = {row[0]: row[2] for row in _texts(allocation.caseload)}
    assert stages["ERMS-2026-M001"] == "Agreement"

    oversight = go_to_screen(qtbot, window, "Oversight")
    assert isinstance(oversight, OversightScreen)
    qtbot.waitUntil(lambda: any(c.case_id == case_id for c in oversight.cases), timeout=10000)
    row = next(r for r in _texts(oversight.table) if r[0] == REFERENCE)
    assert row[COLUMNS.index("Case type")] == "Mediation"
    assert row[COLUMNS.index("Stage")] == "Referral"


def _texts_of(screen: RiskScreen | AllocationScreen) -> list[str]:
    return [text for row in _texts(screen.files) for text in row]
