"""Demo mode offers both sides on its first screen: the volunteer's laptop (the passphrase is
shown) and office mode (the demo office accounts, a coordinator and the service manager, are
named on the sign-in dialog), on the same embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from erms_desktop.demo.account import (
    DEMO_MANAGER_USERNAME,
    DEMO_OFFICE_USERNAME,
    DEMO_PASSPHRASE,
    DEMO_PASSWORD,
)
from erms_desktop.demo.backend import DemoService
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.office.audit_screen import AuditScreen
from erms_desktop.gui.office.referrals import ReferralsScreen
from erms_desktop.gui.office.subject_screen import SubjectScreen
from erms_desktop.gui.worker import ServiceWorker
from tests.gui.conftest import show_started_window, unlock
from tests.gui.office.helpers import go_to_screen, open_sign_in, sign_in_to_office
from tests.service.office import Office


@pytest.fixture
def demo_window(qtbot: QtBot, tmp_path: Path, office: Office) -> Iterator[MainWindow]:
    worker = ServiceWorker(DemoService(tmp_path / "vault", lambda: (office.url, office.code())))
    window = show_started_window(qtbot, worker, timeout=5000, demo=True)
    yield window
    if window.office is not None and window.office.window is not None:
        window.office.window.close()
    window.close()
    worker.shutdown()


def test_demo_offers_the_volunteer_and_the_office_on_one_store(
    qtbot: QtBot, office: Office, demo_window: MainWindow
) -> None:
    window = demo_window
    hint = window.unlock_screen.demo_hint.text()
    assert DEMO_PASSPHRASE in hint
    assert "Office staff sign-in" in hint
    assert window.unlock_screen.office_button.isVisible()

    launcher = open_sign_in(qtbot, window, window.unlock_screen)
    dialog = launcher.dialog
    assert dialog.server.text() == office.url  # the demo's own store, filled in
    assert DEMO_OFFICE_USERNAME in dialog.hint.text()
    assert DEMO_PASSWORD in dialog.hint.text()
    dialog.reject()
    qtbot.waitUntil(lambda: window.office is None)

    office_window = sign_in_to_office(
        qtbot, window, window.unlock_screen, DEMO_OFFICE_USERNAME, DEMO_PASSWORD
    )
    assert "(demo)" in office_window.windowTitle()
    referrals = office_window.tabs.currentWidget()
    assert isinstance(referrals, ReferralsScreen)
    qtbot.waitUntil(lambda: "waiting for a decision" in referrals.message.text(), timeout=10000)
    office_window.sign_out()
    qtbot.waitUntil(lambda: window.isVisible() and window.office is None, timeout=10000)

    unlock(qtbot, window)  # and the volunteer's side, on the same store
    assert window.case_list.model.rowCount() == 7  # 5 restorative justice, 2 mediation cases


def test_the_demo_service_manager_sees_audit_search_and_subject_access(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The sign-in dialog names the demo's service manager too (an administrator); signed in
    as them, the office window has the Audit search and Subject access screens, which the
    coordinator's has not."""
    window = demo_window
    launcher = open_sign_in(qtbot, window, window.unlock_screen)
    assert DEMO_MANAGER_USERNAME in launcher.dialog.hint.text()
    launcher.dialog.reject()
    qtbot.waitUntil(lambda: window.office is None)

    staff = sign_in_to_office(
        qtbot, window, window.unlock_screen, DEMO_OFFICE_USERNAME, DEMO_PASSWORD
    )
    assert staff.screen_titled("Audit search") is None
    staff.sign_out()
    qtbot.waitUntil(lambda: window.isVisible() and window.office is None, timeout=10000)

    manager = sign_in_to_office(
        qtbot, window, window.unlock_screen, DEMO_MANAGER_USERNAME, DEMO_PASSWORD
    )
    assert DEMO_MANAGER_USERNAME in manager.who.text()
    assert isinstance(go_to_screen(qtbot, manager, "Audit search"), AuditScreen)
    assert isinstance(go_to_screen(qtbot, manager, "Subject access"), SubjectScreen)
