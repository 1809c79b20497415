"""Automatic sync: the sync engine's schedule driven by one Qt timer on the GUI thread.

It syncs at unlock, a few seconds after a save (debounced), every few minutes while online, and
after a failure again with backoff and jitter; a failure only the volunteer can fix (signing in
again, a newer version) stops it until "Sync now". Each sync runs through the main window, on the
one worker, so it never runs beside another: a due time that finds a sync queued or running waits
for its end. Nothing here takes the focus; the status bar shows what happens.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.sync_timing import Schedule, Timing

MAX_WAIT_MS = 2**31 - 1  # QTimer's limit; the schedule is read again when it fires


class AutoSync(QObject):
    def __init__(
        self, window: MainWindow, timing: Timing, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(window)
        self.window = window
        self.timing = timing
        self._clock = clock
        self.schedule: Schedule | None = None  # only while unlocked
        self._changed_meanwhile = False  # a save during a sync may have missed it
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._due)
        window.screen_shown.connect(self._screen_shown)
        window.local_change.connect(self._local_change)
        window.sync_finished.connect(self._finished)
        if window.unlocked:  # made after unlocking: start as unlocking would
            self._screen_shown("workspace")

    def _screen_shown(self, screen: str) -> None:
        if screen == "workspace":  # just unlocked (or enrolled): sync now
            self.schedule = Schedule(self.timing, self._clock())
            self._arm()
        else:
            self.schedule = None
            self.timer.stop()

    def _local_change(self) -> None:
        if self.schedule is not None:
            self._changed_meanwhile = self._changed_meanwhile or self.window.syncing
            self.schedule.local_change(self._clock())
            self._arm()

    def _finished(self, error: BaseException | None) -> None:
        if self.schedule is None:
            return
        if error is None:
            self.schedule.on_demand(self._clock())  # a success restarts a stopped schedule
            self.schedule.succeeded(self._clock())
            if self._changed_meanwhile:
                self.schedule.local_change(self._clock())
        else:
            self.schedule.failed(self._clock(), error)
        self._changed_meanwhile = False
        self._arm()

    def _arm(self) -> None:
        wait = None if self.schedule is None else self.schedule.wait(self._clock())
        if wait is None:
            self.timer.stop()
        else:
            self.timer.start(min(MAX_WAIT_MS, round(wait * 1000)))

    def _due(self) -> None:
        if self.schedule is None or self.window.syncing:
            return  # locked, or a sync is under way: its end arms the timer again
        wait = self.schedule.wait(self._clock())
        if wait:
            self._arm()
        elif wait == 0:
            self.window.sync_now(automatic=True)
