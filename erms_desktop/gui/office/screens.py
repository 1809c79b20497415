"""Which screens office mode shows, in order: each area adds its screen here with one line."""

from __future__ import annotations

from erms_desktop.gui.office import handovers, laptop_records
from erms_desktop.gui.office.window import OfficeWindow


def install_screens(window: OfficeWindow) -> None:
    """Add every office screen to a new office window."""
    handovers.install(window)
    laptop_records.install(window)
