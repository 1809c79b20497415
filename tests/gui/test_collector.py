"""The app collects Python's cyclic garbage between events only (gui/collector.py)."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from erms_desktop.gui.collector import COLLECT_EVERY_MS, SafeCollector


class _Cyclic(QWidget):
    """A parentless window kept alive only by a reference cycle."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self


def test_garbage_waits_for_the_collector_s_timer(qtbot: QtBot) -> None:
    gc.enable()  # (the GUI tests' own fixture switches it off: start as a fresh process does)
    collector = SafeCollector()
    try:
        assert not gc.isenabled()
        assert collector._timer.isActive()
        assert collector._timer.interval() == COLLECT_EVERY_MS
        widget = _Cyclic()
        destroyed: list[bool] = []
        widget.destroyed.connect(lambda: destroyed.append(True))
        del widget
        kept = [[] for _ in range(20_000)]  # enough allocations to set off automatic collection
        del kept
        assert not destroyed
        collector._timer.timeout.emit()
        assert destroyed
    finally:
        collector.deleteLater()
        gc.disable()  # back as the fixture left it
