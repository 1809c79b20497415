"""Which screens office mode shows, in order: each area adds its screen here with one line."""

from __future__ import annotations

from erms_desktop.domain.enums import UserRole
from erms_desktop.gui.office import allocation, handovers, laptop_records, referrals, risk
from erms_desktop.gui.office.audit_screen import AuditScreen
from erms_desktop.gui.office.laptops import LaptopsScreen
from erms_desktop.gui.office.oversight import OversightScreen
from erms_desktop.gui.office.people import PeopleScreen
from erms_desktop.gui.office.reports_screen import ReportsScreen
from erms_desktop.gui.office.subject_screen import SubjectScreen
from erms_desktop.gui.office.window import OfficeWindow


def install_screens(window: OfficeWindow) -> None:
    """Add every office screen to a new office window."""
    referral_screen = referrals.ReferralsScreen(window)
    risk_screen = risk.RiskScreen(window)
    allocation_screen = allocation.AllocationScreen(window)
    # A case opened from a referral is the one the next two screens start on.
    referral_screen.case_opened.connect(risk_screen.choose_case)
    referral_screen.case_opened.connect(allocation_screen.choose_case)
    window.add_screen(referrals.TITLE, referral_screen)
    window.add_screen(risk.TITLE, risk_screen)
    window.add_screen(allocation.TITLE, allocation_screen)
    window.add_screen("O&versight", OversightScreen(window))
    window.add_screen("&People", PeopleScreen(window))
    window.add_screen("&Laptops", LaptopsScreen(window))
    window.add_screen("Rep&orts", ReportsScreen(window))
    if window.account.role is UserRole.ADMIN:  # the data protection officer's tools
        window.add_screen("Au&dit search", AuditScreen(window))
        window.add_screen("Su&bject access", SubjectScreen(window))
    window.add_screen(handovers.TITLE, handovers.HandoversScreen(window))
    window.add_screen(laptop_records.TITLE, laptop_records.LaptopRecordsScreen(window))
