"""Python's cyclic garbage collector, run only at safe points.

A window or dialog with no Qt parent is owned by its Python wrapper; when that wrapper sits in
a reference cycle, the collector deletes the Qt object whenever it happens to run - possibly
while Qt is delivering an event to that very object (an application-wide event filter, such as
the idle lock's, is called for every event), which crashes the process. So automatic collection
is switched off and a timer collects between events, where deleting a Qt object is safe."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 10_000


class SafeCollector(QObject):
    """Owns the timer; ``collect`` may also be called directly from the top of the event loop."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(COLLECT_EVERY_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @staticmethod
    def collect() -> None:
        gc.collect()
