"""When the desktop syncs by itself: the sync engine's pure :class:`Schedule` (debounce after a
saved change, a steady interval while online, backoff with jitter after a failure), timed as this
install's settings say. The GUI drives the schedule with a Qt timer and runs each sync on its one
worker, so a sync never runs beside another call to the vault."""

from __future__ import annotations

from erms_desktop.service.settings import DesktopSettings
from erms_desktop.sync.scheduler import Schedule, Timing

__all__ = ["Schedule", "Timing", "sync_timing"]


def sync_timing(settings: DesktopSettings) -> Timing:
    """The default timing, with the debounce and interval the settings choose (if any)."""
    default = Timing()
    debounce = settings.sync_debounce_seconds or default.debounce
    return Timing(
        debounce=debounce,
        debounce_max=max(debounce, default.debounce_max),
        interval=settings.sync_interval_seconds or default.interval,
        backoff_base=min(debounce, default.backoff_base),
        backoff_max=default.backoff_max,
    )
