"""The GUI thread never touches the vault or the network: every backend call of a full session
(enrol, passphrase, first sync, search, resolve, sync, change passphrase, lock, unlock) must come
from the one worker thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import MainWindow
from tests.gui.conftest import NOW, StartWindow, unlock
from tests.gui.fake_service import FakeService
from tests.gui.test_enrolment import GOOD_PASSPHRASE, _fill_connect, _sign_in


def _session(qtbot: QtBot, window: MainWindow, backend: FakeService) -> None:
    wizard = window.enrolment
    assert wizard is not None
    _fill_connect(qtbot, wizard)
    _sign_in(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.page_index == 2)
    qtbot.keyClicks(wizard.passphrase, GOOD_PASSPHRASE)
    qtbot.keyClicks(wizard.confirm, GOOD_PASSPHRASE)
    qtbot.mouseClick(wizard.set_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.open_button.isEnabled)
    qtbot.mouseClick(wizard.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_list.attention.items.count() == 2)
    qtbot.keyClicks(window.case_list.search, "apology")
    qtbot.waitUntil(lambda: window.case_list.results.count() > 0)
    qtbot.mouseClick(window.case_list.attention._buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_list.attention.items.count() == 1)
    window.sync_now()
    qtbot.waitUntil(window.sync_bar.sync_button.isEnabled)
    window.lock()
    unlock(qtbot, window, GOOD_PASSPHRASE)


def test_every_backend_call_comes_from_the_worker_thread(
    qtbot: QtBot, start_window: StartWindow
) -> None:
    backend = FakeService(clock=lambda: NOW)
    window = start_window(backend)
    _session(qtbot, window, backend)
    names = {name for name, _ in backend.calls}
    assert {
        "enrol",
        "set_passphrase",
        "sync_now",
        "search_notes",
        "resolve",
        "lock",
        "unlock",
    } <= names
    threads = backend.calling_threads()
    assert threading.main_thread().ident not in threads
    assert threading.get_ident() not in threads
    assert len(threads) == 1  # one worker, one writer


def test_the_probe_would_catch_a_gui_thread_call() -> None:
    backend = FakeService(clock=lambda: NOW)
    backend.unlock_info()  # made here, on the test's (GUI) thread
    assert threading.get_ident() in backend.calling_threads()
