"""Which screens office mode shows, in order: each area adds its screen here with one line."""

from __future__ import annotations

from erms_desktop.gui.office import allocation, referrals, risk
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
