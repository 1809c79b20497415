"""Application entry point: build the Qt application, the worker, the main window and its
automatic sync around the desktop service.

``--smoke-test`` (used on the frozen bundle) starts the real window, waits until the first screen
(unlock, or enrolment on a new laptop) is showing, prints which, and exits 0; a start-up failure
or a 30 s timeout exits 1.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from erms_desktop.service.desktop import DesktopService

SMOKE_TIMEOUT_MS = 30_000


def run(service: DesktopService, *, demo: bool, smoke_test: bool = False) -> int:
    """Start the Qt application; returns the process exit status."""
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from erms_desktop.gui import theme
    from erms_desktop.gui.auto_sync import AutoSync
    from erms_desktop.gui.collector import SafeCollector
    from erms_desktop.gui.main_window import MainWindow
    from erms_desktop.gui.worker import ServiceWorker
    from erms_desktop.service.sync_timing import sync_timing

    theme.before_app()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise TypeError("another kind of Qt application is already running in this process")
    app.setApplicationName("ERMS Desktop")
    app.setDesktopFileName("erms-desktop")
    theme.apply(app)
    SafeCollector(app)  # garbage collected between events only (gui/collector.py)
    worker = ServiceWorker(service)
    window = MainWindow(worker, demo=demo, warm_up=not smoke_test)
    AutoSync(window, sync_timing(service.settings))  # owned by the window
    status = 0
    if smoke_test:

        def reached(screen: str) -> None:
            print(f"smoke-test: reached the {screen} screen", flush=True)
            app.exit(0)

        def timed_out() -> None:
            print("smoke-test: no screen within the time limit", file=sys.stderr, flush=True)
            app.exit(1)

        window.screen_shown.connect(reached)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, timed_out)
    window.resize(1100, 700)
    window.show()
    window.start()
    status = app.exec()
    window.close()
    worker.shutdown()
    return status
