"""Which screens office mode shows, in order: each area adds its screen here with one line."""

from __future__ import annotations

from erms_desktop.domain.enums import UserRole
from erms_desktop.gui.office.audit_screen import AuditScreen
from erms_desktop.gui.office.laptops import LaptopsScreen
from erms_desktop.gui.office.oversight import OversightScreen
from erms_desktop.gui.office.people import PeopleScreen
from erms_desktop.gui.office.reports_screen import ReportsScreen
from erms_desktop.gui.office.subject_screen import SubjectScreen
from erms_desktop.gui.office.window import OfficeWindow


def install_screens(window: OfficeWindow) -> None:
    """Add every office screen to a new office window."""
    # the referral, risk and allocation screens plug in here
    window.add_screen("O&versight", OversightScreen(window))
    window.add_screen("&People", PeopleScreen(window))
    window.add_screen("&Laptops", LaptopsScreen(window))
    window.add_screen("&Reports", ReportsScreen(window))
    if window.account.role is UserRole.ADMIN:  # the data protection officer's tools
        window.add_screen("&Audit search", AuditScreen(window))
        window.add_screen("Su&bject access", SubjectScreen(window))
