"""The bridge that keeps the GUI thread away from the vault and the network.

Every call to the desktop service runs, in order, on one background thread (one writer). Its
result or typed error comes back to the GUI thread by a queued Qt signal, and only then is the
caller's callback run. Locking bumps a generation counter: results of calls made before the lock
are dropped, so a slow ``list_cases`` can never repopulate a locked window.

``settled`` fires when the queue runs dry after calls that may have changed something (any call
not marked ``quiet``): the window then re-reads the sync status, so counts follow every save.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from erms_desktop.service.messages import is_expected

if TYPE_CHECKING:  # named as strings in the two workers' bases (loaded on the worker thread)
    from erms_desktop.service.desktop import DesktopService  # noqa: F401
    from erms_desktop.service.office.session import OfficeSession  # noqa: F401

_log = logging.getLogger(__name__)
T = TypeVar("T")
S = TypeVar("S")
ErrorCallback = Callable[[BaseException], None]


class _Delivery:
    __slots__ = ("callback", "generation", "payload")

    def __init__(self, callback: Callable[[Any], None] | None, payload: object, generation: int):
        self.callback = callback
        self.payload = payload
        self.generation = generation


class BackgroundWorker(QObject, Generic[S]):
    """Runs calls on one service object off the GUI thread; callbacks run back on the GUI
    thread. The volunteer's window drives a :class:`ServiceWorker`, office mode an
    :class:`OfficeWorker`."""

    delivered = Signal(object)
    progress = Signal(object)
    busy_changed = Signal(bool)
    settled = Signal()

    def __init__(self, service: S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="erms-backend")
        self._generation = 0
        self._in_flight = 0
        self._unsettled = False  # a call that was not quiet ran since the queue was last empty
        self.delivered.connect(self._deliver)

    def call(
        self,
        job: Callable[[S], T],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorCallback | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        """Queue ``job(service)`` on the worker thread; ``quiet`` for calls that only read."""
        generation = self._generation
        self._unsettled = self._unsettled or not quiet
        self._in_flight += 1
        if self._in_flight == 1:
            self.busy_changed.emit(True)

        def run() -> None:
            try:
                result: object = job(self._service)
            except Exception as exc:
                if not is_expected(exc):  # a fault: its type only (a message may quote case data)
                    _log.error("service call failed: %s", type(exc).__name__)
                self.delivered.emit(_Delivery(on_error, exc, generation))
            else:
                self.delivered.emit(_Delivery(on_done, result, generation))

        self._executor.submit(run)

    def report_progress(self, value: object) -> None:
        """A progress callback for the service: safe to call from the worker thread."""
        self.progress.emit(value)

    def invalidate(self) -> None:
        """Drop the results of every call made so far (used when locking)."""
        self._generation += 1

    def shutdown(self) -> None:
        """Finish queued calls, and drop every result still on its way (the window is gone)."""
        self._generation += 1
        self._executor.shutdown(wait=True)

    def _deliver(self, delivery: _Delivery) -> None:
        self._in_flight -= 1
        current = delivery.generation == self._generation
        if current and delivery.callback is not None:
            delivery.callback(delivery.payload)
        if self._in_flight == 0:
            self.busy_changed.emit(False)
            if self._unsettled and current:
                self._unsettled = False
                self.settled.emit()


class ServiceWorker(BackgroundWorker["DesktopService"]):
    """The volunteer's window's worker: calls on the desktop service."""


class OfficeWorker(BackgroundWorker["OfficeSession"]):
    """Office mode's worker: calls on the office session (the network only; nothing on disk)."""
