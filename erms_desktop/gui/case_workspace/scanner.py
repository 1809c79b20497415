"""Live separation scanning that never makes typing lag.

A keystroke only restarts a debounce timer. When the volunteer pauses, the text is taken once and
checked on a private thread (not the vault worker: no database is touched); the result comes back
by a queued signal and is dropped if the text changed meanwhile. Offsets are converted to Qt's
UTF-16 positions on that thread too, so highlighting is a handful of cursor moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from erms_desktop.domain import Participant
from erms_desktop.domain.separation import Finding, SeparationChecker

SCAN_DELAY_MS = 200
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class ScanResult:
    generation: int
    findings: tuple[Finding, ...]
    spans: tuple[tuple[int, int], ...]  # Qt document positions of each finding


def qt_spans(text: str, findings: Sequence[Finding]) -> tuple[tuple[int, int], ...]:
    """Python string offsets to UTF-16 positions (characters outside the BMP count twice)."""
    if not _ASTRAL.search(text):
        return tuple((f.start, f.end) for f in findings)

    def position(index: int) -> int:
        return index + len(_ASTRAL.findall(text, 0, index))

    return tuple((position(f.start), position(f.end)) for f in findings)


class SeparationScanner(QObject):
    scanned = Signal(object)  # ScanResult for the current text
    _finished = Signal(object)

    def __init__(
        self,
        participants: Sequence[Participant],
        source: Callable[[], str],
        delay_ms: int = SCAN_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="erms-scan")
        self._checker: Future[SeparationChecker] = self._executor.submit(
            SeparationChecker, list(participants)
        )
        self._generation = 0
        self._scanned_generation = -1
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.scan_now)
        self._finished.connect(self._deliver)

    @property
    def current(self) -> bool:
        """True when the last result describes the text as it is now."""
        return self._scanned_generation == self._generation

    def text_changed(self) -> None:
        """Called on every edit: cheap by design."""
        self._generation += 1
        self._timer.start()

    def scan_now(self) -> None:
        self._timer.stop()
        text, generation = self._source(), self._generation
        self._executor.submit(self._scan, text, generation)

    def _scan(self, text: str, generation: int) -> None:
        if generation != self._generation:
            return  # already out of date: a newer scan is queued
        findings = self._checker.result().check(text)
        self._finished.emit(ScanResult(generation, tuple(findings), qt_spans(text, findings)))

    def _deliver(self, result: ScanResult) -> None:
        if result.generation == self._generation:
            self._scanned_generation = result.generation
            self.scanned.emit(result)

    def shutdown(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._executor.shutdown(wait=True, cancel_futures=True)
