"""What the engine tells the GUI: progress while a cycle runs, and a status between cycles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Phase(StrEnum):
    CONNECTING = "connecting"
    PUSHING = "pushing"
    PULLING = "pulling"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Progress:
    """Items are records (pushed mutations, pulled changes); bytes are attachment content.
    A total is the best estimate so far and never below the matching done figure."""

    phase: Phase
    items_done: int
    items_total: int
    bytes_done: int
    bytes_total: int


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class SyncStatus:
    online: bool | None  # None until the first attempt
    last_success: datetime | None
    pending: int  # local changes not yet accepted by the store
    attention: int  # rejections, conflicts, quarantined records, missing attachments


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: int
    pulled: int
    conflicts: int
    rejected: int
    removed: int


class Meter:
    """Accumulates progress for one phase and reports each change."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.phase = Phase.CONNECTING
        self.items_done = self.items_total = self.bytes_done = self.bytes_total = 0

    def start(self, phase: Phase, items_total: int = 0, bytes_total: int = 0) -> None:
        self.phase, self.items_total, self.bytes_total = phase, items_total, bytes_total
        self.items_done = self.bytes_done = 0
        self.report()

    def add(
        self, items: int = 0, bytes_: int = 0, *, items_total: int = 0, bytes_total: int = 0
    ) -> None:
        self.items_done += items
        self.bytes_done += bytes_
        self.items_total += items_total
        self.bytes_total += bytes_total
        self.report()

    def report(self) -> None:
        if self.callback is not None:
            self.callback(
                Progress(
                    self.phase,
                    self.items_done,
                    max(self.items_total, self.items_done),
                    self.bytes_done,
                    max(self.bytes_total, self.bytes_done),
                )
            )
