"""Reallocating and deallocating from the allocation screen, with a reason, against the real
store: the whole case moves from one volunteer to another, then leaves the second; the screen
and the store agree at each step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from erms_desktop.central.models import Allocation
from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.domain.enums import (
    AllocationChangeReason,
    JusticeStage,
    LawfulBasis,
    OffenceType,
    ReferralSource,
    RiskOutcome,
    Side,
)
from erms_desktop.gui.office.allocation import WHOLE_CASE, AllocationScreen, ChangeDialog
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.office import casework
from erms_desktop.service.office.casework import (
    InitialAssessment,
    ReferralIntake,
    ReferredPerson,
)
from erms_desktop.service.office.session import OfficeSession
from tests.gui.office.helpers import go_to_screen, press, when_dialog
from tests.service.office import Office

CO_VOLUNTEER = "demo.cofacilitator"


def _allocated_case(office: Office) -> str:
    """A case accepted, assessed and allocated whole to the demo volunteer (through the
    Qt-free office client)."""
    session = OfficeSession(office.url)
    session.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    form = ReferralIntake(
        source=ReferralSource.VICTIM_SUPPORT,
        received_on=date(2026, 9, 14),
        offence_type=OffenceType.THEFT,
        offence_summary="A bicycle taken from a front garden",
        people=[
            ReferredPerson(side=Side.VICTIM, given_names="Araminta", family_name="Coldwell"),
            ReferredPerson(side=Side.OFFENDER, given_names="Lucan", family_name="Feathers"),
        ],
        lawful_basis=LawfulBasis.CONSENT,
    )
    referral_id = casework.take_in(session, form).referral_id
    opened = casework.accept(session, referral_id, "RJ-MOVE-1", JusticeStage.POST_SENTENCE)
    for party_file in opened.files:
        assessment = InitialAssessment(outcome=RiskOutcome.PROCEED, completed_on=date(2026, 9, 20))
        casework.assess(session, party_file.party_file_id, assessment)
    vera = next(v.user_id for v in casework.volunteers(session) if v.username == DEMO_USERNAME)
    casework.allocate(session, opened.case_id, [vera])
    session.sign_out()
    return opened.case_id


def _holders(office: Office, case_id: str) -> set[str]:
    with office.central.session() as s:
        return set(s.scalars(select(Allocation.user_id).where(Allocation.case_id == case_id)))


def test_reallocate_then_deallocate_with_a_reason(
    qtbot: QtBot, office: Office, office_window: OfficeWindow
) -> None:
    case_id = _allocated_case(office)
    go_to_screen(qtbot, office_window, "Allocation")
    screen = office_window.tabs.currentWidget()
    assert isinstance(screen, AllocationScreen)
    screen.choose_case(case_id)
    screen.refresh()
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.case_id == case_id, timeout=10000
    )
    names = {username: user_id for user_id, username in screen.names.items()}

    def move(dialog: ChangeDialog) -> None:
        assert dialog.holder.currentText() == DEMO_USERNAME
        dialog.to.setCurrentIndex(dialog.to.findText(CO_VOLUNTEER))
        dialog.reason.setCurrentIndex(dialog.reason.findData(AllocationChangeReason.WORKLOAD))
        dialog.accept()

    when_dialog(ChangeDialog, move)
    press(qtbot, screen.reallocate_button)
    qtbot.waitUntil(lambda: _whole_case_holders(screen) == CO_VOLUNTEER, timeout=10000)
    assert _holders(office, case_id) == {names[CO_VOLUNTEER]}

    def leave(dialog: ChangeDialog) -> None:
        assert not dialog.to.isVisible()
        dialog.reason.setCurrentIndex(dialog.reason.findData(AllocationChangeReason.VOLUNTEER_LEFT))
        dialog.accept()

    when_dialog(ChangeDialog, leave)
    press(qtbot, screen.deallocate_button)
    qtbot.waitUntil(lambda: _whole_case_holders(screen) == "Nobody", timeout=10000)
    assert _holders(office, case_id) == set()


def _whole_case_holders(screen: AllocationScreen) -> str:
    for row in range(screen.files.rowCount()):
        first = screen.files.item(row, 0)
        if first is not None and first.data(Qt.ItemDataRole.UserRole) == WHOLE_CASE:
            held = screen.files.item(row, 3)
            return "" if held is None else held.text()
    return ""
