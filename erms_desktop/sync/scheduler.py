"""When sync runs: at start, shortly after local changes (debounced), every few minutes while
online, and on demand; after a failure, exponential backoff with jitter.

:class:`Schedule` is the pure decision (what is due when, given a clock reading), so it is tested
with a fake clock. :class:`SyncScheduler` runs it on one background thread; no Qt - the GUI
passes callbacks and marshals them to its own thread.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from erms_desktop.sync.errors import AuthExpired, DeviceRevoked, Offline, ServerError, SyncError

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Timing:
    debounce: float = 5.0  # seconds of quiet after a local change
    debounce_max: float = 30.0  # however long the burst of edits goes on
    interval: float = 300.0  # between syncs while online
    backoff_base: float = 5.0
    backoff_max: float = 900.0


class Schedule:
    """Tracks the next due time. All times are clock readings in seconds."""

    def __init__(self, timing: Timing, now: float, rng: random.Random | None = None) -> None:
        self.timing = timing
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self.failures = 0
        self.stopped = False  # after a failure only the user can fix (sign in, upgrade, wipe)
        self.due = now  # at start
        self._first_change: float | None = None
        self._debouncing = False

    def _settle(self) -> None:
        self._first_change = None
        self._debouncing = False

    def local_change(self, now: float) -> None:
        """Debounce: sync ``debounce`` seconds after the last of a burst of edits, but no later
        than ``debounce_max`` after the first. While backing off, the backoff decides."""
        if self.stopped or self.failures:
            return
        if self._first_change is None:
            self._first_change = now
        target = min(now + self.timing.debounce, self._first_change + self.timing.debounce_max)
        if self._debouncing or target < self.due:
            self.due = target
            self._debouncing = True

    def on_demand(self, now: float) -> None:
        """The user asked: run now, even while backing off or stopped."""
        self.stopped = False
        self.due = now

    def succeeded(self, now: float) -> None:
        self._settle()
        self.failures = 0
        self.due = now + self.timing.interval

    def failed(self, now: float, error: BaseException) -> None:
        """Retry transient failures with exponential backoff and jitter; stop for the rest."""
        self._settle()
        if not isinstance(error, (Offline, ServerError)):
            self.stopped = True
            return
        self.failures += 1
        ceiling = min(self.timing.backoff_max, self.timing.backoff_base * 2 ** (self.failures - 1))
        self.due = now + ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def wait(self, now: float) -> float | None:
        """Seconds until the next run (0 if due now), None while stopped."""
        return None if self.stopped else max(0.0, self.due - now)


class SyncScheduler:
    """Runs ``cycle`` on a background thread when the :class:`Schedule` says so. ``on_result``
    gets None after a success or the exception after a failure (on the scheduler's thread)."""

    def __init__(
        self,
        cycle: Callable[[], object],
        *,
        timing: Timing | None = None,
        on_result: Callable[[BaseException | None], None] | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self._cycle = cycle
        self._on_result = on_result
        self._clock = clock
        self._wake = threading.Condition()
        self._schedule = Schedule(timing or Timing(), clock())
        self._running = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._wake:
            if self._thread is not None:
                return
            self._running = True
            self._thread = threading.Thread(target=self._loop, name="sync-scheduler", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the cycle in progress (if any) ends."""
        with self._wake:
            self._running = False
            self._wake.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def local_change(self) -> None:
        self._poke(self._schedule.local_change)

    def sync_now(self) -> None:
        self._poke(self._schedule.on_demand)

    def _poke(self, action: Callable[[float], None]) -> None:
        with self._wake:
            action(self._clock())
            self._wake.notify_all()

    def _loop(self) -> None:
        while True:
            with self._wake:
                while self._running:
                    wait = self._schedule.wait(self._clock())
                    if wait == 0:
                        break
                    self._wake.wait(wait)
                if not self._running:
                    return
            error: BaseException | None = None
            try:
                self._cycle()
            except SyncError as exc:
                error = exc
            with self._wake:
                if error is None:
                    self._schedule.succeeded(self._clock())
                else:
                    self._schedule.failed(self._clock(), error)
                if isinstance(error, (AuthExpired, DeviceRevoked)):
                    self._running = False
            if self._on_result is not None:
                self._on_result(error)
