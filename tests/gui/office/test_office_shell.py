"""Office mode from the app's first screen, against the real store on loopback: staff sign in
without a laptop and get the office window (no vault opened); a volunteer is told office sign-in
is for staff; a staff account setting up a laptop is told to use office sign-in; sign-out ends
the session on the store and brings back the first screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from erms_desktop.central.models import SessionToken, User
from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.conftest import start_on
from tests.gui.office.helpers import open_sign_in, sign_in_to_office, type_sign_in
from tests.service.office import PASSPHRASE, Office, desktop_service, enrolled


def _office_sessions(office: Office) -> int:
    with office.central.session() as s:
        return len(s.scalars(select(SessionToken).where(SessionToken.device_id.is_(None))).all())


@pytest.fixture
def locked(qtbot: QtBot, tmp_path: Path, office: Office) -> Iterator[MainWindow]:
    """A volunteer's laptop, locked, on its unlock screen."""
    service = enrolled(tmp_path / "vault", office)
    service.lock()
    window, worker = start_on(qtbot, service)
    yield window
    window.close()
    worker.shutdown()


@pytest.fixture
def new_laptop(qtbot: QtBot, tmp_path: Path, office: Office) -> Iterator[MainWindow]:
    """A computer with no enrolment: the first screen is the set-up wizard."""
    service: DesktopService = desktop_service(tmp_path / "vault", office)
    window, worker = start_on(qtbot, service)
    yield window
    window.close()
    worker.shutdown()


def test_staff_sign_in_from_the_unlock_screen_opens_the_office_window(
    qtbot: QtBot, locked: MainWindow, office: Office
) -> None:
    office_window = sign_in_to_office(
        qtbot, locked, locked.unlock_screen, DEMO_OFFICE_USERNAME, DEMO_PASSWORD, office.url
    )
    assert office_window.isVisible()
    assert not locked.isVisible()
    assert not locked.unlocked  # no vault was opened
    assert "demo.staff" in office_window.who.text()
    assert _office_sessions(office) == 1
    extra = QLabel("A screen from another area")
    index = office_window.add_screen("&Another area", extra)
    assert office_window.tabs.tabText(index) == "&Another area"
    assert extra.accessibleName() == "Another area"
    assert office_window.screen_titled("Another area") is extra

    office_window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: locked.isVisible() and locked.office is None, timeout=10000)
    assert locked.stack.currentWidget() is locked.unlock_screen
    qtbot.waitUntil(lambda: _office_sessions(office) == 0, timeout=10000)


def test_a_volunteer_is_told_office_sign_in_is_for_staff(
    qtbot: QtBot, locked: MainWindow, office: Office
) -> None:
    launcher = open_sign_in(qtbot, locked, locked.unlock_screen)
    type_sign_in(qtbot, launcher, DEMO_USERNAME, DEMO_PASSWORD, office.url)
    qtbot.waitUntil(lambda: "for office staff" in launcher.dialog.message.text(), timeout=10000)
    assert launcher.dialog.isVisible()
    assert _office_sessions(office) == 0
    launcher.dialog.reject()
    qtbot.waitUntil(lambda: locked.office is None)


def test_a_staff_account_setting_up_a_laptop_is_sent_to_office_sign_in(
    qtbot: QtBot, new_laptop: MainWindow, office: Office
) -> None:
    wizard = new_laptop.enrolment
    assert wizard is not None
    qtbot.keyClicks(wizard.server, office.url.removeprefix("https://"))
    wizard.server.setText(office.url)
    qtbot.keyClicks(wizard.code, office.central.code(DEMO_OFFICE_USERNAME))
    wizard.next_button.click()
    qtbot.keyClicks(wizard.username, DEMO_OFFICE_USERNAME)
    qtbot.keyClicks(wizard.password, DEMO_PASSWORD)
    wizard.enrol_button.click()
    qtbot.waitUntil(lambda: wizard.page_index == 2, timeout=10000)
    qtbot.keyClicks(wizard.passphrase, PASSPHRASE)
    qtbot.keyClicks(wizard.confirm, PASSPHRASE)
    wizard.set_button.click()
    qtbot.waitUntil(lambda: "Office staff sign-in" in wizard.sign_in_error.text(), timeout=15000)
    assert wizard.page_index == 1
    # ...and the first page offers it.
    office_window = sign_in_to_office(
        qtbot, new_laptop, wizard, DEMO_OFFICE_USERNAME, DEMO_PASSWORD, office.url
    )
    assert office_window.isVisible()
    office_window.close()
    qtbot.waitUntil(lambda: new_laptop.office is None, timeout=10000)


def test_an_expired_password_is_changed_before_office_mode_opens(
    qtbot: QtBot, locked: MainWindow, office: Office
) -> None:
    with office.central.session() as s:
        s.execute(
            update(User)
            .where(User.username == DEMO_OFFICE_USERNAME)
            .values(must_change_password=True)
        )
    launcher = open_sign_in(qtbot, locked, locked.unlock_screen)
    type_sign_in(qtbot, launcher, DEMO_OFFICE_USERNAME, DEMO_PASSWORD, office.url)
    qtbot.waitUntil(lambda: launcher.dialog.password_dialog is not None, timeout=10000)
    change = launcher.dialog.password_dialog
    assert change is not None
    qtbot.keyClicks(change.current, DEMO_PASSWORD)
    qtbot.keyClicks(change.new, "a fresh office password")
    qtbot.keyClicks(change.repeat, "a fresh office password")
    with qtbot.waitSignal(locked.office_opened, timeout=15000):
        change.ok.click()
    with office.central.session() as s:
        staff = s.scalar(select(User).where(User.username == DEMO_OFFICE_USERNAME))
        assert staff is not None
        assert not staff.must_change_password


def test_every_screen_has_its_own_alt_key(qtbot: QtBot, office_window: OfficeWindow) -> None:
    """Each tab's Alt key (the letter after ``&``) is its own, so Alt+letter reaches one screen."""
    titles = [office_window.tabs.tabText(i) for i in range(office_window.tabs.count())]
    keys = [t[t.index("&") + 1].lower() for t in titles if "&" in t]
    assert len(keys) == len(titles) >= 8
    assert len(set(keys)) == len(keys), titles
