"""Which screens office mode shows, in order: each area adds its screen here with one line."""

from __future__ import annotations

from erms_desktop.gui.office.window import OfficeWindow


def install_screens(window: OfficeWindow) -> None:
    """Add every office screen to a new office window."""
    del window  # the referral, risk and allocation screens plug in here
