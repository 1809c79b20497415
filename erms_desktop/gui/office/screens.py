"""Which screens office mode shows, in order: each area adds its screen here with one line."""

from __future__ import annotations

from erms_desktop.gui.office.laptops import LaptopsScreen
from erms_desktop.gui.office.oversight import OversightScreen
from erms_desktop.gui.office.people import PeopleScreen
from erms_desktop.gui.office.window import OfficeWindow


def install_screens(window: OfficeWindow) -> None:
    """Add every office screen to a new office window."""
    # the referral, risk and allocation screens plug in here
    window.add_screen("O&versight", OversightScreen(window))
    window.add_screen("&People", PeopleScreen(window))
    window.add_screen("&Laptops", LaptopsScreen(window))
