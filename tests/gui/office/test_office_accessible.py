"""Every control of office mode has an accessible name: the window and its screens, and every
dialog they open."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from erms_desktop.domain.enums import ReferralSource, ReferralStatus, Side
from erms_desktop.gui.office.allocation import AllocationScreen, ChangeDialog
from erms_desktop.gui.office.referral_intake import IntakeDialog, PersonDialog
from erms_desktop.gui.office.referrals import AcceptDialog, ReferralsScreen, RejectDialog
from erms_desktop.gui.office.risk import AssessmentDialog
from erms_desktop.gui.office.sign_in import OfficeSignInDialog
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.office.casework import OfficeFile, ReferralSummary
from tests.gui.test_accessibility import unnamed


def test_every_office_control_is_named(qtbot: QtBot, office_window: OfficeWindow) -> None:
    assert unnamed(office_window) == []
    referrals = office_window.screen_titled("Referrals")
    allocation = office_window.screen_titled("Allocation")
    assert isinstance(referrals, ReferralsScreen)
    assert isinstance(allocation, AllocationScreen)
    summary = ReferralSummary(
        referral_id="r",
        source=ReferralSource.ESSEX_POLICE,
        source_label="Essex Police",
        received_on=date(2026, 10, 1),
        agency_reference="EP/1",
        status=ReferralStatus.RECEIVED,
        flags=[],
        people=1,
        policy_rule="The board's rule",
    )
    found = OfficeFile(
        party_file_id="f", side=Side.VICTIM, initial_outcome=None, cleared=False, facilitator_ids=[]
    )
    worker = office_window.worker
    dialogs = [
        OfficeSignInDialog(worker, "https://office.example"),
        IntakeDialog(worker, office_window),
        PersonDialog(office_window),
        AcceptDialog(referrals, summary),
        RejectDialog(office_window),
        AssessmentDialog(worker, found, office_window),
        ChangeDialog(allocation, ["u"], reallocating=True),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
