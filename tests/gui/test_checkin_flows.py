"""Checking a returned laptop in from the window, against the real store on loopback: with the
volunteer present (Account menu); with the organisation's recovery key and unsent work handed
over (unlock screen), then applied in office mode's Hand-overs screen; and refused while the store
is unreachable - nothing wiped - then resumed."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from erms_desktop.central.models import CheckIn, Record
from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD
from erms_desktop.demo.data import DEMO_VOLUNTEER_ID
from erms_desktop.domain import Note
from erms_desktop.gui.checkin_wizard import OPEN, RESULT, CheckInWizard
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.office.handovers import HandoversScreen
from erms_desktop.gui.office.laptop_records import LaptopRecordsScreen
from erms_desktop.service.checkin import UNREACHABLE
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.laptop import USER_ID
from erms_desktop.vault import Vault
from erms_desktop.vault.recovery import private_key_to_pem
from tests.gui.conftest import start_on, unlock
from tests.gui.office.helpers import go_to_screen, sign_in_to_office
from tests.service.office import CHEAP, PASSPHRASE, Office

KEY_PASSWORD = "organisation key password"
ORGANISATION = X25519PrivateKey.generate()


@pytest.fixture
def laptop(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> Iterator[tuple[MainWindow, DesktopService]]:
    """The demo volunteer's enrolled laptop, locked, on its unlock screen."""
    service = DesktopService(
        lambda: Vault(tmp_path / "vault", policy=CHEAP),
        recovery_key=ORGANISATION.public_key,
    )
    service.enrol(office.request())
    service.set_passphrase(PASSPHRASE)
    service.sync_now(lambda _p: None)
    service.lock()
    window, worker = start_on(qtbot, service)
    yield window, service
    window.close()
    worker.shutdown()


def _open_wizard_from_unlock(qtbot: QtBot, window: MainWindow) -> CheckInWizard:
    button = window.unlock_screen.checkin_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: getattr(window, "checkin_wizard", None) is not None)
    wizard: CheckInWizard = window.checkin_wizard
    qtbot.waitUntil(lambda: bool(wizard.server.text()), timeout=10000)
    return wizard


def _staff_signs_in(qtbot: QtBot, wizard: CheckInWizard) -> None:
    qtbot.keyClicks(wizard.username, DEMO_OFFICE_USERNAME)
    qtbot.keyClicks(wizard.password, DEMO_PASSWORD)
    qtbot.keyClick(wizard.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.page_index == OPEN, timeout=15000)


def _result(qtbot: QtBot, wizard: CheckInWizard) -> None:
    qtbot.waitUntil(lambda: wizard.page_index == RESULT, timeout=60000)


def _finish_to_enrolment(qtbot: QtBot, window: MainWindow, wizard: CheckInWizard) -> None:
    with qtbot.waitSignal(window.screen_shown, timeout=10000) as shown:
        wizard.finish_button.click()
    assert shown.args == ["enrolment"]
    assert window.enrolment is not None


def _leave_unsent_work(service: DesktopService, office: Office) -> None:
    """A draft, and a note in a case that is not the volunteer's (the store refuses it)."""
    store = service.vault.store
    dataset = office.central.dataset
    mine = {c.id for c in dataset.cases_of(DEMO_VOLUNTEER_ID)}
    files = {p.case_id: p.id for p in dataset.party_files}
    case_id = sorted(mine)[0]
    other = next(c.id for c in dataset.cases if c.id not in mine)
    author = store.get_state(USER_ID) or ""
    draft = Note(
        id=str(uuid.uuid4()),
        case_id=case_id,
        party_file_id=files[case_id],
        author_id=author,
        body="Rang back about the meeting date.",
        created_at=datetime.now(UTC),
    )
    store.save_draft(draft)
    refused = dataclasses.replace(
        draft, id=str(uuid.uuid4()), case_id=other, party_file_id=files[other]
    )
    store.save(refused.finalise(datetime.now(UTC)))
    service.sync_now(lambda _p: None)
    assert len(store.rejected_outbox()) == 1


def _checkin_step(office: Office) -> str | None:
    with office.central.session() as s:
        rows = s.scalars(select(CheckIn)).all()  # type: ignore[attr-defined]
        return rows[0].step if rows else None


def test_a_clean_check_in_with_the_volunteer_present(
    qtbot: QtBot, laptop: tuple[MainWindow, DesktopService], office: Office, tmp_path: Path
) -> None:
    window, service = laptop
    unlock(qtbot, window, PASSPHRASE)
    window.checkin_action.trigger()  # Account ▸ Check in this laptop…
    qtbot.waitUntil(lambda: getattr(window, "checkin_wizard", None) is not None)
    wizard: CheckInWizard = window.checkin_wizard
    assert not window.unlocked  # the volunteer's cases left the screen first
    qtbot.waitUntil(lambda: bool(wizard.server.text()), timeout=10000)
    _staff_signs_in(qtbot, wizard)
    qtbot.keyClicks(wizard.passphrase, PASSPHRASE)
    wizard.check_in_button.click()
    _result(qtbot, wizard)
    receipt = wizard.receipt
    assert receipt is not None, wizard.outcome.text()
    assert receipt.local_data_destroyed
    assert receipt.staff == DEMO_OFFICE_USERNAME
    assert "matches the office store" in wizard.receipt_view.toPlainText()
    pdf = tmp_path / "receipt.pdf"
    wizard.save_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert service.vault.info().state.value == "absent"
    _finish_to_enrolment(qtbot, window, wizard)
    assert _checkin_step(office) == "complete"


def test_recovery_key_hands_unsent_work_to_the_office_which_applies_it(
    qtbot: QtBot, laptop: tuple[MainWindow, DesktopService], office: Office, tmp_path: Path
) -> None:
    window, service = laptop
    service.vault.unlock(PASSPHRASE)
    _leave_unsent_work(service, office)
    service.lock()
    key_file = tmp_path / "media" / "organisation.pem"
    key_file.parent.mkdir()
    key_file.write_bytes(private_key_to_pem(ORGANISATION, KEY_PASSWORD.encode()))

    wizard = _open_wizard_from_unlock(qtbot, window)
    _staff_signs_in(qtbot, wizard)
    wizard.use_recovery.setChecked(True)
    wizard.key_path.setText(str(key_file))
    qtbot.keyClicks(wizard.key_password, KEY_PASSWORD)
    wizard.check_in_button.click()
    _result(qtbot, wizard)
    assert wizard.receipt is not None, wizard.outcome.text()
    assert wizard.receipt.items_handed_over == 2
    assert "Items handed over to the office" in wizard.receipt_view.toPlainText()
    _finish_to_enrolment(qtbot, window, wizard)

    assert window.enrolment is not None
    office_window = sign_in_to_office(
        qtbot, window, window.enrolment, DEMO_OFFICE_USERNAME, DEMO_PASSWORD, office.url
    )
    screen = go_to_screen(qtbot, office_window, "Hand-overs")
    assert isinstance(screen, HandoversScreen)
    office_window.show_screen(office_window.tabs.indexOf(screen))  # a tab reads when shown
    qtbot.waitUntil(lambda: len(screen.rows) == 2, timeout=10000)
    screen.key_path.setText(str(key_file))
    qtbot.keyClicks(screen.key_password, KEY_PASSWORD)
    screen.open_button.click()
    qtbot.waitUntil(
        lambda: bool(screen.rows) and all(r.item is not None for r in screen.rows), timeout=10000
    )
    draft_row = next(i for i, r in enumerate(screen.rows) if r.entry.kind.value == "draft")
    draft_id = screen.rows[draft_row].item.mutation.record_id  # type: ignore[union-attr]
    screen.table.selectRow(draft_row)
    screen.apply_button.click()
    qtbot.waitUntil(
        lambda: (
            "applied" in screen.message.text()
            or any(r.entry.state.value == "applied" for r in screen.rows)
        ),
        timeout=10000,
    )
    qtbot.waitUntil(
        lambda: any(r.entry.state.value == "applied" for r in screen.rows), timeout=10000
    )
    with office.central.session() as s:
        assert s.get(Record, draft_id) is not None  # type: ignore[attr-defined]

    records = go_to_screen(qtbot, office_window, "Laptop records")
    assert isinstance(records, LaptopRecordsScreen)
    qtbot.waitUntil(lambda: bool(records.rows), timeout=10000)
    records.table.selectRow(next(i for i, r in enumerate(records.rows) if r.state == "ended"))
    records.show_button.click()
    qtbot.waitUntil(lambda: records.record is not None, timeout=10000)
    shown = records.view.toPlainText()
    assert "Local data destroyed" in shown
    assert "What was on laptop" in shown
    assert "Cases on it (0)" not in shown  # the breach summary's cases, by reference and side
    assert "ERMS-" in shown
    assert "last pulled" in shown
    assert records.pdf_button.isEnabled()
    office_window.close()
    qtbot.waitUntil(lambda: window.office is None, timeout=10000)


def test_store_unreachable_nothing_wiped_then_resumed(
    qtbot: QtBot, laptop: tuple[MainWindow, DesktopService], office: Office
) -> None:
    window, service = laptop
    wizard = _open_wizard_from_unlock(qtbot, window)
    _staff_signs_in(qtbot, wizard)
    office.online = False
    qtbot.keyClicks(wizard.passphrase, PASSPHRASE)
    wizard.check_in_button.click()
    _result(qtbot, wizard)
    assert wizard.outcome.text() == UNREACHABLE
    assert wizard.resume_button.isVisible()
    assert service.vault.info().state.value != "absent"  # nothing wiped

    office.online = True
    wizard.resume_button.click()
    assert wizard.page_index == OPEN
    wizard.check_in_button.click()  # the passphrase is still typed in
    _result(qtbot, wizard)
    assert wizard.receipt is not None, wizard.outcome.text()
    assert wizard.receipt.local_data_destroyed
    _finish_to_enrolment(qtbot, window, wizard)


def test_a_shred_that_could_not_finish_is_finished_after_a_restart(
    qtbot: QtBot, laptop: tuple[MainWindow, DesktopService], office: Office
) -> None:
    window, service = laptop
    stray = service.vault.paths.folder / "not-the-vaults.txt"
    stray.write_text("a file another program left in the vault's folder")
    wizard = _open_wizard_from_unlock(qtbot, window)
    _staff_signs_in(qtbot, wizard)
    qtbot.keyClicks(wizard.passphrase, PASSPHRASE)
    wizard.check_in_button.click()
    _result(qtbot, wizard)
    assert "Everything is safe on the office store" in wizard.outcome.text()
    assert _checkin_step(office) == "accounted"  # the receipt exists; the laptop is retired
    wizard.reject()
    window.close()

    stray.unlink()  # staff close the other program, then start ERMS again
    again, worker = start_on(qtbot, service)
    try:
        qtbot.waitUntil(lambda: getattr(again, "checkin_wizard", None) is not None, timeout=10000)
        finishing: CheckInWizard = again.checkin_wizard
        assert "interrupted" in finishing.sign_in_error.text()
        qtbot.waitUntil(lambda: bool(finishing.server.text()), timeout=10000)
        qtbot.keyClicks(finishing.username, DEMO_OFFICE_USERNAME)
        qtbot.keyClicks(finishing.password, DEMO_PASSWORD)
        qtbot.keyClick(finishing.password, Qt.Key.Key_Return)
        _result(qtbot, finishing)  # no vault to open: straight to the end
        assert finishing.receipt is not None, finishing.outcome.text()
        assert finishing.receipt.local_data_destroyed
        assert _checkin_step(office) == "complete"
        _finish_to_enrolment(qtbot, again, finishing)
    finally:
        again.close()
        worker.shutdown()
