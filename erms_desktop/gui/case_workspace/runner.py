"""How the case workspace reaches the vault: every call runs on the shell's one background worker
(the single writer) and its result comes back to the GUI thread by a signal.

The workspace only needs ``call(job, on_done, on_error)`` with ``job`` taking a
:class:`Casework`. :class:`WorkerRunner` provides that over the shell's ``BackendWorker`` for any
backend that offers ``casework()``; a backend without it gives a clear error, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar, runtime_checkable

from erms_desktop.gui.worker import BackendWorker
from erms_desktop.service.casework import Casework
from erms_desktop.service.casework_errors import CaseworkError

T = TypeVar("T")
OnError = Callable[[BaseException], None]


class CaseworkRunner(Protocol):
    def call(
        self,
        job: Callable[[Casework], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
    ) -> None: ...


@runtime_checkable
class ProvidesCasework(Protocol):
    def casework(self) -> Casework: ...


class CaseworkUnavailableError(CaseworkError):
    """The backend behind the shell has no case store (the in-memory stand-in, say)."""


class WorkerRunner:
    def __init__(self, worker: BackendWorker) -> None:
        self.worker = worker

    def call(
        self,
        job: Callable[[Casework], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
    ) -> None:
        def run(backend: object) -> T:
            if not isinstance(backend, ProvidesCasework):
                raise CaseworkUnavailableError("case records are not available in this mode")
            return job(backend.casework())

        self.worker.call(run, on_done, on_error)


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
