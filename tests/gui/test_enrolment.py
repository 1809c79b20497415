"""First run: enrolment, passphrase, first sync; and a plain-English message for each failure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.gui.enrolment import EnrolmentWizard, check_server_address
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service import errors
from erms_desktop.service.messages import user_message
from erms_desktop.sync.errors import Offline
from erms_desktop.vault.errors import KeyringUnavailableError
from tests.gui.conftest import NOW, StartWindow
from tests.gui.fake_service import (
    DEMO_ENROLMENT_CODE,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    FakeService,
)

GOOD_PASSPHRASE = "plum orbit lantern meadow"


def _wizard(window: MainWindow) -> EnrolmentWizard:
    assert window.enrolment is not None
    assert window.stack.currentWidget() is window.enrolment
    return window.enrolment


def _fill_connect(qtbot: QtBot, wizard: EnrolmentWizard, code: str = DEMO_ENROLMENT_CODE) -> None:
    wizard.server.clear()
    qtbot.keyClicks(wizard.server, "https://erms.example.org")
    qtbot.keyClicks(wizard.code, code)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)


def _sign_in(qtbot: QtBot, wizard: EnrolmentWizard, password: str = DEMO_PASSWORD) -> None:
    qtbot.keyClicks(wizard.username, DEMO_USERNAME)
    qtbot.keyClicks(wizard.password, password)
    qtbot.mouseClick(wizard.enrol_button, Qt.MouseButton.LeftButton)


def test_enrolment_through_to_the_case_list(qtbot: QtBot, start_window: StartWindow) -> None:
    backend = FakeService(clock=lambda: NOW)
    backend.sync_step_delay = 0.002
    window = start_window(backend)
    wizard = _wizard(window)
    _fill_connect(qtbot, wizard)
    assert wizard.page_index == 1
    _sign_in(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.page_index == 2)
    assert not wizard.set_button.isEnabled()
    qtbot.keyClicks(wizard.passphrase, "short")
    assert "at least 12 characters" in wizard.advice.text()
    wizard.passphrase.clear()
    qtbot.keyClicks(wizard.passphrase, GOOD_PASSPHRASE)
    qtbot.keyClicks(wizard.confirm, GOOD_PASSPHRASE)
    assert wizard.set_button.isEnabled()
    assert wizard.strength.value() >= 2
    qtbot.mouseClick(wizard.set_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.open_button.isEnabled, timeout=5000)
    assert wizard.sync_bar.value() == wizard.sync_bar.maximum() == 52
    assert "52 cases received" in wizard.sync_count.text()
    with qtbot.waitSignal(window.screen_shown):
        qtbot.mouseClick(wizard.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 52)
    assert window.unlocked


@pytest.mark.parametrize(
    ("failure", "page", "words"),
    [
        (errors.EnrolmentRefused(), 1, "did not accept the enrolment code"),
        (Offline("no answer"), 0, "could not reach the office server"),
        (Offline("[SSL: CERTIFICATE_VERIFY_FAILED]"), 0, "security certificate"),
        (KeyringUnavailableError(), 1, "secure key store is not available"),
        (errors.WrongCredentials(), 1, "user name or password was not recognised"),
    ],
)
def test_each_enrolment_failure_is_explained(
    qtbot: QtBot, start_window: StartWindow, failure: Exception, page: int, words: str
) -> None:
    backend = FakeService(clock=lambda: NOW)
    backend.failures["enrol"] = failure
    window = start_window(backend)
    wizard = _wizard(window)
    _fill_connect(qtbot, wizard)
    _sign_in(qtbot, wizard)
    label = wizard.connect_error if page == 0 else wizard.sign_in_error
    qtbot.waitUntil(lambda: words in label.text())
    assert wizard.page_index == page
    assert not window.unlocked
    # Nothing changed: fixing the problem and trying again succeeds.
    if page == 0:
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.password.clear()
    qtbot.keyClicks(wizard.password, DEMO_PASSWORD)
    qtbot.mouseClick(wizard.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page_index == 2)


def test_real_wrong_code_and_offline_server(qtbot: QtBot, start_window: StartWindow) -> None:
    backend = FakeService(clock=lambda: NOW)
    window = start_window(backend)
    wizard = _wizard(window)
    _fill_connect(qtbot, wizard, code="WRONG-CODE")
    _sign_in(qtbot, wizard)
    qtbot.waitUntil(lambda: "did not accept the enrolment code" in wizard.sign_in_error.text())
    assert wizard.page_index == 1
    backend.online = False
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    wizard.code.clear()
    _fill_connect(qtbot, wizard)
    qtbot.mouseClick(wizard.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not reach" in wizard.connect_error.text())


def _choose_passphrase_failing_with(
    qtbot: QtBot, start_window: StartWindow, failure: Exception
) -> EnrolmentWizard:
    """Walk the wizard to the passphrase step and submit, with that step failing once."""
    backend = FakeService(clock=lambda: NOW)
    backend.failures["set_passphrase"] = failure
    wizard = _wizard(start_window(backend))
    _fill_connect(qtbot, wizard)
    _sign_in(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.page_index == 2)
    qtbot.keyClicks(wizard.passphrase, GOOD_PASSPHRASE)
    qtbot.keyClicks(wizard.confirm, GOOD_PASSPHRASE)
    qtbot.mouseClick(wizard.set_button, Qt.MouseButton.LeftButton)
    return wizard


def test_keyring_failure_when_creating_the_vault_is_explained(
    qtbot: QtBot, start_window: StartWindow
) -> None:
    wizard = _choose_passphrase_failing_with(qtbot, start_window, KeyringUnavailableError())
    qtbot.waitUntil(lambda: "secure key store" in wizard.passphrase_error.text())
    assert wizard.page_index == 2
    assert wizard.set_button.isEnabled()  # fix the key store, then try again
    qtbot.mouseClick(wizard.set_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page_index == 3)


@pytest.mark.parametrize(
    ("failure", "page"),
    [
        (errors.EnrolmentRefused(), 1),
        (errors.BadServerAddress(), 0),
        (Offline("no answer"), 0),
    ],
)
def test_refusal_when_the_code_is_redeemed_sends_the_volunteer_back(
    qtbot: QtBot, start_window: StartWindow, failure: Exception, page: int
) -> None:
    """The real backend redeems the code once the vault exists, i.e. at the passphrase step."""
    wizard = _choose_passphrase_failing_with(qtbot, start_window, failure)
    qtbot.waitUntil(lambda: wizard.page_index == page)
    label = wizard.connect_error if page == 0 else wizard.sign_in_error
    assert label.text() == user_message(failure)


def test_first_sync_failure_offers_a_retry(qtbot: QtBot, start_window: StartWindow) -> None:
    backend = FakeService(clock=lambda: NOW)
    window = start_window(backend)
    wizard = _wizard(window)
    _fill_connect(qtbot, wizard)
    _sign_in(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.page_index == 2)
    backend.online = False
    qtbot.keyClicks(wizard.passphrase, GOOD_PASSPHRASE)
    qtbot.keyClicks(wizard.confirm, GOOD_PASSPHRASE)
    qtbot.mouseClick(wizard.set_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.retry_button.isVisibleTo(wizard))
    assert "could not reach" in wizard.sync_error.text()
    assert not wizard.open_button.isEnabled()
    backend.online = True
    qtbot.mouseClick(wizard.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.open_button.isEnabled)


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("https://erms.example.org", True),
        ("http://127.0.0.1:8765", True),
        ("http://erms.example.org", False),
        ("erms.example.org", False),
        ("", False),
    ],
)
def test_server_address_check(address: str, ok: bool) -> None:
    assert (check_server_address(address) is None) is ok


def test_bad_address_never_reaches_the_backend(qtbot: QtBot, start_window: StartWindow) -> None:
    backend = FakeService(clock=lambda: NOW)
    window = start_window(backend)
    wizard = _wizard(window)
    wizard.server.clear()
    qtbot.keyClicks(wizard.server, "http://erms.example.org")
    qtbot.keyClicks(wizard.code, DEMO_ENROLMENT_CODE)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert "https://" in wizard.connect_error.text()
    assert wizard.page_index == 0
    assert [name for name, _ in backend.calls] == ["unlock_info"]
