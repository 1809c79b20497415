"""How the case workspace reaches the vault: every call runs on the shell's one background worker
(the single writer) and its result comes back to the GUI thread by a signal.

The workspace only needs ``call(job, on_done, on_error)`` with ``job`` taking a
:class:`Casework`. :class:`WorkerRunner` provides that over the shell's ``ServiceWorker``: the job
gets the desktop service's ``casework``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.service.casework import Casework

T = TypeVar("T")
OnError = Callable[[BaseException], None]


class CaseworkRunner(Protocol):
    def call(
        self,
        job: Callable[[Casework], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
    ) -> None: ...


class WorkerRunner:
    def __init__(self, worker: ServiceWorker) -> None:
        self.worker = worker

    def call(
        self,
        job: Callable[[Casework], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
    ) -> None:
        self.worker.call(lambda service: job(service.casework), on_done, on_error)


class ClosableRunner:
    """Passes calls on, but drops their callbacks once closed: a workspace that was closed (on
    lock, or "back to cases") must not be touched by a result arriving afterwards. The jobs
    themselves still run, so a draft saved while closing is kept."""

    def __init__(self, inner: CaseworkRunner) -> None:
        self.inner = inner
        self.closed = False

    def call(
        self,
        job: Callable[[Casework], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
    ) -> None:
        def done(result: T) -> None:
            if not self.closed and on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            if not self.closed and on_error is not None:
                on_error(error)

        self.inner.call(job, done, failed)
