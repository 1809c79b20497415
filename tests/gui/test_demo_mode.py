"""Demo mode on the real vault: a throwaway folder, the demo volunteer enrolled before the unlock
screen asks for the demo passphrase, the synthetic caseload, and the real central store."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from erms_desktop.demo.account import DEMO_PASSPHRASE
from erms_desktop.demo.backend import DemoService
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.vault.errors import WrongPassphraseError
from tests.gui.conftest import show_started_window, unlock
from tests.service.office import Office


def _small_demo(tmp_path: Path, office: Office) -> DemoService:
    return DemoService(tmp_path / "vault", lambda: (office.url, office.code()))


def test_demo_service_prepares_a_real_vault(tmp_path: Path, office: Office) -> None:
    backend = _small_demo(tmp_path, office)
    before = backend.unlock_info()
    assert before.enrolled
    assert before.demo_passphrase == DEMO_PASSPHRASE
    assert not (tmp_path / "vault").exists()  # nothing made until warm_up, on the worker
    backend.warm_up()
    assert (tmp_path / "vault" / "vault.db").exists()
    info = backend.unlock_info()
    assert info.last_sync is not None
    assert info.lease.days_left == 30
    with backend.vault.paths.database.open("rb") as handle:
        assert b"SQLite format 3" not in handle.read(64)  # encrypted from the first page
    with pytest.raises(WrongPassphraseError):
        backend.unlock("not the demo passphrase")
    backend.unlock(DEMO_PASSPHRASE)
    assert len(backend.list_cases()) == 7  # 5 and the 2 mediation cases
    outcome = backend.sync_now(lambda _p: None)
    assert outcome.cases_received == 0  # already held: nothing new arrives
    backend.lock()


def test_demo_window_unlocks_into_the_caseload(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> None:
    worker = ServiceWorker(_small_demo(tmp_path, office))
    window = show_started_window(qtbot, worker, timeout=5000, demo=True)
    assert DEMO_PASSPHRASE in window.unlock_screen.demo_hint.text()
    qtbot.waitUntil(
        lambda: (
            "Last synchronised with the office: never" not in window.unlock_screen.last_sync.text()
        ),
        timeout=10000,
    )
    unlock(qtbot, window)  # typed as the screen says
    assert window.case_list.model.rowCount() == 7
    qtbot.waitUntil(lambda: window.sync_bar.connection.text() == "Online", timeout=10000)
    assert window.case_list.attention.items.count() == 0  # nothing refused or in conflict
    window.close()
    worker.shutdown()
