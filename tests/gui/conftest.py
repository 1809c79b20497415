"""Fixtures for the shell's offscreen tests: a fake backend, the worker and a started window."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.worker import ServiceWorker
from tests.gui.fake_service import DEMO_PASSPHRASE, FakeService

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

StartWindow = Callable[[FakeService], MainWindow]


@pytest.fixture(autouse=True)
def collect_garbage_between_events() -> Iterator[None]:
    """As the app does (erms_desktop/gui/collector.py): no automatic garbage collection while Qt
    delivers events, which can delete a parentless window in the middle of an event to it; the
    collector runs at the test's edges instead, outside the event loop."""
    gc.collect()
    gc.disable()
    yield
    gc.collect()
    gc.enable()


def show_started_window(
    qtbot: QtBot, worker: ServiceWorker, timeout: int = 10000, **options: Any
) -> MainWindow:
    """A main window over ``worker``, shown and started, once its first screen is up."""
    window = MainWindow(worker, **options)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.screen_shown, timeout=timeout):
        window.start()
    return window


def start_on(qtbot: QtBot, backend: object) -> tuple[MainWindow, ServiceWorker]:
    """A started window over its own worker for ``backend`` (the caller shuts the worker)."""
    worker = ServiceWorker(backend)
    return show_started_window(qtbot, worker), worker


@pytest.fixture
def enrolled_backend() -> FakeService:
    return FakeService(enrolled=True, clock=lambda: NOW)


@pytest.fixture
def start_window(qtbot: QtBot) -> Iterator[StartWindow]:
    made: list[tuple[MainWindow, ServiceWorker]] = []

    def start(backend: FakeService) -> MainWindow:
        worker = ServiceWorker(backend)
        window = show_started_window(
            qtbot, worker, timeout=5000, demo=backend.demo, today=NOW.date()
        )
        made.append((window, worker))
        return window

    yield start
    for window, worker in made:
        window.close()
        worker.shutdown()


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str = DEMO_PASSPHRASE) -> None:
    """Type the passphrase and press Enter, as a volunteer would; wait for the cases."""
    qtbot.keyClicks(window.unlock_screen.passphrase, passphrase)
    with qtbot.waitSignal(window.screen_shown, timeout=5000):
        qtbot.keyClick(window.unlock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() > 0, timeout=5000)
