"""Automatic sync against the real central store on loopback (uvicorn, SQLite, the demo data)
through the real sync client into a real SQLCipher vault: nobody presses "Sync now"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from erms_desktop.central import admin
from erms_desktop.central.models import Device
from erms_desktop.gui.auto_sync import AutoSync
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.settings import NOT_SET, DesktopSettings
from erms_desktop.service.sync_timing import Timing, sync_timing
from tests.gui.conftest import StartWindow, start_on, unlock
from tests.gui.fake_service import FakeService
from tests.gui.real_session import session
from tests.service.office import PASSPHRASE, Office, enrolled

__all__ = ["session"]  # the fixture

FAST = Timing(debounce=0.3, debounce_max=1.0, interval=600.0, backoff_base=0.5, backoff_max=1.0)
CLEAN = "Talked about the garden and sleep."


@pytest.fixture
def auto(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService]
) -> tuple[MainWindow, ServiceWorker]:
    """The real session with automatic sync on fast timing."""
    window, _service = session
    AutoSync(window, FAST)
    return window, window.worker


def save_note(worker: ServiceWorker) -> list[str]:
    """Save a final note in the first case's first file, as the note editor does."""
    saved: list[str] = []

    def job(service: DesktopService) -> str:
        casework = service.casework
        case_id = service.list_cases()[0].case_id
        file_id = casework.load_case(case_id).files[0].id
        return casework.finalise(casework.new_note(file_id, CLEAN)).id

    worker.call(job, saved.append)
    return saved


def one_change_offline(qtbot: QtBot, window: MainWindow, office: Office) -> None:
    """After the sync at unlock, the office goes away and one change waits."""
    qtbot.waitUntil(lambda: settled(window), timeout=15000)
    office.online = False
    save_note(window.worker)
    qtbot.waitUntil(lambda: window.sync_bar.pending.text() == "1 change waiting to sync")


def settled(window: MainWindow) -> bool:
    return not window.syncing and window.sync_bar.connection.text() == "Online"


def test_a_saved_note_reaches_the_office_without_pressing_sync_now(
    qtbot: QtBot, auto: tuple[MainWindow, ServiceWorker], office: Office
) -> None:
    window, worker = auto
    qtbot.waitUntil(lambda: settled(window), timeout=15000)  # the sync at unlock
    saved = save_note(worker)
    qtbot.waitUntil(lambda: bool(saved) and saved[0] in office.central.note_ids(), timeout=15000)
    qtbot.waitUntil(lambda: window.sync_bar.pending.text() == "0 changes waiting to sync")


def test_offline_it_backs_off_and_sends_once_the_office_answers_again(
    qtbot: QtBot, auto: tuple[MainWindow, ServiceWorker], office: Office
) -> None:
    window, worker = auto
    qtbot.waitUntil(lambda: settled(window), timeout=15000)
    office.online = False
    saved = save_note(worker)
    qtbot.waitUntil(lambda: window.sync_bar.connection.text() == "Offline", timeout=15000)
    assert window.sync_bar.pending.text() == "1 change waiting to sync"
    office.online = True
    qtbot.waitUntil(lambda: saved[0] in office.central.note_ids(), timeout=15000)


def test_locking_offline_says_what_stays_on_the_laptop(
    qtbot: QtBot, auto: tuple[MainWindow, ServiceWorker], office: Office
) -> None:
    window, _worker = auto
    one_change_offline(qtbot, window, office)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    notice = window.unlock_screen.unsent
    qtbot.waitUntil(lambda: "1 change could not be sent" in notice.text(), timeout=15000)
    assert "stays on this laptop, encrypted" in notice.text()
    assert window.unlock_screen.error.text() == ""  # a manual lock: no "locked itself"


def test_quitting_with_unsent_work_tries_a_last_sync_and_says_what_stays(
    qtbot: QtBot, auto: tuple[MainWindow, ServiceWorker], office: Office
) -> None:
    window, _worker = auto
    one_change_offline(qtbot, window, office)
    window.close()
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "unsent_changes") is not None, timeout=15000
    )
    box = window.findChild(QMessageBox, "unsent_changes")
    assert box is not None
    assert "could not be sent" in box.text()
    assert window.isVisible()  # still there until the volunteer has read it
    box.accept()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_quitting_online_sends_the_last_change_first(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> None:
    service = enrolled(tmp_path / "vault", office)
    service.lock()
    window, worker = start_on(qtbot, service)  # no automatic sync: only the last one
    unlock(qtbot, window, PASSPHRASE)
    saved = save_note(worker)
    qtbot.waitUntil(lambda: window.sync_bar.pending.text() == "1 change waiting to sync")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15000)
    worker.shutdown()
    assert saved[0] in office.central.note_ids()


def test_a_due_sync_never_starts_beside_one_already_running(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    enrolled_backend.sync_step_delay = 0.05  # the demo caseload takes a while to arrive
    window = start_window(enrolled_backend)
    auto = AutoSync(window, Timing(debounce=0.01, debounce_max=0.01, interval=60))
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.syncing)  # the sync at unlock
    window.sync_now()  # pressed while it runs: dropped
    for _ in range(5):  # saves meanwhile: their syncs fall due while this one runs
        window.local_change.emit()
        qtbot.wait(50)
    running = [name for name, _ in enrolled_backend.calls].count("sync_now")
    assert running == 1
    assert window.syncing
    qtbot.waitUntil(lambda: not window.syncing, timeout=15000)
    assert auto.timer.isActive()  # the next one is scheduled from the end of this one


def test_sync_timing_comes_from_the_settings() -> None:
    settings = DesktopSettings.from_environ(
        {"ERMS_SYNC_DEBOUNCE_SECONDS": "2", "ERMS_SYNC_INTERVAL_SECONDS": "60"}
    )
    timing = sync_timing(settings)
    assert (timing.debounce, timing.interval) == (2.0, 60.0)
    odd = DesktopSettings.from_environ(
        {"ERMS_SYNC_DEBOUNCE_SECONDS": "soon", "ERMS_SYNC_INTERVAL_SECONDS": "-5"}
    )
    assert sync_timing(odd) == sync_timing(NOT_SET) == Timing()


def test_a_laptop_the_office_withdrew_hears_of_it_without_sync_now(
    qtbot: QtBot, auto: tuple[MainWindow, ServiceWorker], office: Office
) -> None:
    window, worker = auto
    qtbot.waitUntil(lambda: settled(window), timeout=15000)
    with office.central.session() as s:
        device = s.scalars(select(Device)).one()  # type: ignore[attr-defined]
        admin.revoke_device(s, device.id)  # type: ignore[arg-type]
    save_note(worker)  # the next automatic sync hears it
    qtbot.waitUntil(lambda: window.enrolment is not None, timeout=15000)
    assert window.case_list.model.rowCount() == 0
    box = window.findChild(QMessageBox, "laptop_withdrawn")
    assert box is not None
    assert "withdrawn this laptop" in box.text()
