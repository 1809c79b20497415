"""Unlocking, the offline lease, and every way of locking hides the cases at once."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import TITLE, MainWindow
from tests.gui.conftest import NOW, StartWindow, unlock
from tests.gui.fake_service import DEMO_PASSPHRASE, FakeService


def _locked(window: MainWindow) -> bool:
    return (
        window.stack.currentWidget() is window.unlock_screen
        and window.case_list.model.rowCount() == 0
        and window.case_list.results.count() == 0
        and window.case_list.attention.items.count() == 0
    )


def test_right_passphrase_opens_the_case_list(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    assert window.stack.currentWidget() is window.unlock_screen
    unlock(qtbot, window)
    assert window.stack.currentWidget() is window.case_list
    assert window.case_list.model.rowCount() == 52
    qtbot.waitUntil(lambda: window.case_list.attention.items.count() == 2)
    assert window.windowTitle() == TITLE


def test_wrong_passphrase_stays_locked_and_says_so(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    qtbot.keyClicks(window.unlock_screen.passphrase, "not the passphrase")
    qtbot.keyClick(window.unlock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in window.unlock_screen.error.text())
    assert _locked(window)
    assert not window.unlocked
    assert window.unlock_screen.unlock_button.isEnabled()


def test_unlock_screen_shows_last_sync_in_uk_format_and_lease(
    start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    enrolled_backend.last_sync = enrolled_backend.last_contact = NOW - timedelta(days=3)
    window = start_window(enrolled_backend)
    text = window.unlock_screen.last_sync.text()
    assert "30/10/2026" in text
    assert "27 more days" in window.unlock_screen.lease.text()
    assert "29/11/2026" in window.unlock_screen.lease.text()
    assert not window.unlock_screen.demo_hint.isVisibleTo(window)


def test_demo_mode_shows_the_demo_passphrase(start_window: StartWindow) -> None:
    window = start_window(FakeService(enrolled=True, demo=True))
    assert window.unlock_screen.demo_hint.isVisibleTo(window)
    assert DEMO_PASSPHRASE in window.unlock_screen.demo_hint.text()
    assert "(demo)" in window.windowTitle()


def test_expired_lease_offline_refuses_to_unlock_and_explains(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    enrolled_backend.last_contact = NOW - timedelta(days=31)
    enrolled_backend.online = False
    window = start_window(enrolled_backend)
    assert "has not reached the office server for 30 days" in window.unlock_screen.lease.text()
    qtbot.keyClicks(window.unlock_screen.passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(window.unlock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "too long" in window.unlock_screen.error.text())
    assert _locked(window)
    enrolled_backend.online = True  # back online: the same passphrase now works
    unlock(qtbot, window)
    assert window.case_list.model.rowCount() == 52


def test_ctrl_l_hides_all_case_data_and_closes_the_vault(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    qtbot.keyClicks(window.case_list.search, "apology")
    qtbot.waitUntil(lambda: window.case_list.results.count() > 0)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert _locked(window)  # at once, before the worker has even closed the vault
    assert window.case_list.search.text() == ""
    assert window.sync_bar.connection.text() == "Locked"
    qtbot.waitUntil(lambda: any(name == "lock" for name, _ in enrolled_backend.calls))
    assert not enrolled_backend._unlocked


def test_idle_time_locks(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    window.idle.set_timeout(300)
    window.idle.start()
    qtbot.waitUntil(lambda: _locked(window), timeout=3000)
    assert "locked itself" in window.unlock_screen.error.text()


def test_activity_postpones_the_idle_lock(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    window.idle.set_timeout(600)
    window.idle.start()
    for _ in range(6):  # 6 x 200 ms of typing: longer than the timeout, never idle that long
        qtbot.keyClick(window.case_list.search, Qt.Key.Key_A)
        qtbot.wait(200)
    assert window.unlocked
    qtbot.waitUntil(lambda: _locked(window), timeout=3000)


def test_platform_screen_lock_signal_locks(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    window.session_watcher.session_locked.emit()
    assert _locked(window)


def test_results_arriving_after_lock_are_dropped(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    window.refresh()  # results come back by queued signal: lock before they land
    window.lock()
    qtbot.wait(300)
    assert _locked(window)
