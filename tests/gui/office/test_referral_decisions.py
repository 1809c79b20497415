"""Deciding on referrals from the referrals screen, against the real store: rejecting warns that
the referral is destroyed at once, then finds it gone from the store with only an anonymous
count left; a knife-crime referral shows the board's policy rule, and Accept waits until it has
been read."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from erms_desktop.central.models import Record, ReferralDetail, RejectionCount
from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD
from erms_desktop.domain.enums import (
    LawfulBasis,
    OffenceFlag,
    OffenceType,
    ReferralSource,
    RejectionReason,
    Side,
)
from erms_desktop.gui.office.referrals import (
    REJECTION_WARNING,
    AcceptDialog,
    ReferralsScreen,
    RejectDialog,
)
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.office import casework
from erms_desktop.service.office.casework import ReferralIntake, ReferredPerson
from erms_desktop.service.office.session import OfficeSession
from tests.gui.office.helpers import press, when_dialog
from tests.service.office import Office


def _referral(office: Office, reference: str, *flags: OffenceFlag) -> str:
    """A referral taken in through the Qt-free office client (as another staff member)."""
    session = OfficeSession(office.url)
    session.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    form = ReferralIntake(
        source=ReferralSource.ESSEX_POLICE,
        received_on=date(2026, 10, 5),
        agency_reference=reference,
        offence_type=OffenceType.VIOLENCE,
        offence_summary="An assault outside a shop",
        flags=flags,
        people=[ReferredPerson(side=Side.VICTIM, given_names="Wilhelmina", family_name="Tarrant")],
        lawful_basis=LawfulBasis.CONSENT,
    )
    try:
        return casework.take_in(session, form).referral_id
    finally:
        session.sign_out()


def _select(qtbot: QtBot, screen: ReferralsScreen, referral_id: str) -> None:
    screen.refresh()

    def shown() -> bool:
        for row in range(screen.list.rowCount()):
            item = screen.list.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == referral_id:
                screen.list.selectRow(row)
                return True
        return False

    qtbot.waitUntil(shown, timeout=10000)


def test_rejecting_warns_then_destroys_the_referral(
    qtbot: QtBot, office: Office, office_window: OfficeWindow
) -> None:
    referral_id = _referral(office, "EP/REJ/1")
    screen = office_window.tabs.currentWidget()
    assert isinstance(screen, ReferralsScreen)
    _select(qtbot, screen, referral_id)
    warned: list[str] = []

    def decide(dialog: RejectDialog) -> None:
        warned.append(dialog.findChild(type(screen.message), "rejection_warning").text())
        dialog.reason.setCurrentIndex(dialog.reason.findData(RejectionReason.OUT_OF_AREA))
        press(qtbot, dialog.reject_button)

    when_dialog(RejectDialog, decide)
    press(qtbot, screen.reject_button)
    assert warned == [REJECTION_WARNING]
    assert "destroys this referral at once" in REJECTION_WARNING
    assert "anonymous count" in REJECTION_WARNING
    qtbot.waitUntil(lambda: "rejected and destroyed" in office_window.statusBar().currentMessage())
    qtbot.waitUntil(lambda: not [r for r in screen.referrals if r.referral_id == referral_id])
    with office.central.session() as s:
        tombstone = s.get(Record, referral_id)  # kept empty, so laptops learn it is gone
        assert tombstone is not None
        assert (tombstone.deleted, tombstone.fields) == (True, {})
        assert s.get(ReferralDetail, referral_id) is None
        counted = s.scalar(
            select(func.sum(RejectionCount.count)).where(RejectionCount.reason == "out_of_area")
        )
    assert counted == 1


def test_a_knife_crime_referral_shows_the_policy_rule_before_it_can_be_accepted(
    qtbot: QtBot, office: Office, office_window: OfficeWindow
) -> None:
    referral_id = _referral(office, "EP/KNIFE/1", OffenceFlag.KNIFE_CRIME)
    screen = office_window.tabs.currentWidget()
    assert isinstance(screen, ReferralsScreen)
    _select(qtbot, screen, referral_id)
    seen: list[tuple[str, bool, bool]] = []

    def read_rule(dialog: AcceptDialog) -> None:
        seen.append((dialog.rule.text(), dialog.rule.isVisible(), dialog.accept_button.isEnabled()))
        qtbot.keyClicks(dialog.service_reference, "RJ-KNIFE-1")
        press(qtbot, dialog.rule_read)
        assert dialog.accept_button.isEnabled()
        press(qtbot, dialog.accept_button)

    when_dialog(AcceptDialog, read_rule)
    opened: list[str] = []
    screen.case_opened.connect(opened.append)
    press(qtbot, screen.accept_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    rule, visible, enabled_before = seen[0]
    assert "criminal proceedings" in rule
    assert visible
    assert not enabled_before
