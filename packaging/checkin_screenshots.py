"""Screenshots of checking a returned laptop in, for docs/operations.md and
docs/security-model.md.

    .venv/bin/python packaging/checkin_screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)

Runs the real window, the real store on loopback (the synthetic demo dataset) and a real vault
in a temporary folder, on Qt's offscreen platform; the recovery key is made for the run. Writes
checkin-sign-in.png, checkin-open.png, checkin-receipt.png, office-handovers.png and
office-laptop-records.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))  # its screenshots.py: the shared helpers
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: E402
from screenshots import SIZE, _save, _wait, run_shots  # noqa: E402

from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD  # noqa: E402
from erms_desktop.demo.data import DEMO_VOLUNTEER_ID  # noqa: E402
from erms_desktop.domain import Note  # noqa: E402
from erms_desktop.gui.checkin_wizard import OPEN, RESULT  # noqa: E402
from erms_desktop.gui.main_window import MainWindow  # noqa: E402
from erms_desktop.gui.office.window import OfficeWindow  # noqa: E402
from erms_desktop.gui.worker import ServiceWorker  # noqa: E402
from erms_desktop.service.desktop import DesktopService  # noqa: E402
from erms_desktop.service.laptop import USER_ID  # noqa: E402
from erms_desktop.vault import Vault  # noqa: E402
from erms_desktop.vault.recovery import private_key_to_pem  # noqa: E402
from tests.service.office import CHEAP, PASSPHRASE, Office  # noqa: E402

KEY_PASSWORD = "organisation key password"  # noqa: S105 - made for this run only


def check_in(out: Path, folder: Path) -> None:
    office = Office(folder / "office")
    office.online = True
    organisation = X25519PrivateKey.generate()
    key_file = folder / "media" / "organisation-recovery-key.pem"
    key_file.parent.mkdir()
    key_file.write_bytes(private_key_to_pem(organisation, KEY_PASSWORD.encode()))
    service = DesktopService(
        lambda: Vault(folder / "vault", policy=CHEAP), recovery_key=organisation.public_key
    )
    service.enrol(office.request())
    service.set_passphrase(PASSPHRASE)
    service.sync_now(lambda _p: None)
    _leave_a_draft(service, office)
    service.lock()
    worker = ServiceWorker(service)
    window = MainWindow(worker)
    window.resize(*SIZE)
    window.show()
    window.start()
    _wait(lambda: window.stack.currentWidget() is window.unlock_screen)
    window.check_in()
    wizard = window.checkin_wizard
    _wait(lambda: bool(wizard.server.text()))
    wizard.username.setText(DEMO_OFFICE_USERNAME)
    wizard.password.setText(DEMO_PASSWORD)
    _save(wizard, out, "checkin-sign-in.png")
    wizard.sign_in_button.click()
    _wait(lambda: wizard.page_index == OPEN)
    wizard.use_recovery.setChecked(True)
    wizard.key_path.setText("E:/organisation-recovery-key.pem")
    wizard.key_password.setText(KEY_PASSWORD)
    _save(wizard, out, "checkin-open.png")
    wizard.key_path.setText(str(key_file))
    wizard.check_in_button.click()
    _wait(lambda: wizard.page_index == RESULT, timeout=60)
    wizard.resize(720, 640)
    _save(wizard, out, "checkin-receipt.png")
    wizard.finish_button.click()
    _wait(lambda: window.enrolment is not None)
    office_mode(out, window, key_file, office.url)
    window.close()
    worker.shutdown()
    office.online = False


def _leave_a_draft(service: DesktopService, office: Office) -> None:
    """Unsent work for the hand-over: an unfinished note (synthetic text)."""
    case = office.central.dataset.cases_of(DEMO_VOLUNTEER_ID)[0]
    party_file = next(p for p in office.central.dataset.party_files if p.case_id == case.id)
    service.vault.store.save_draft(
        Note(
            id=str(uuid.uuid4()),
            case_id=case.id,
            party_file_id=party_file.id,
            author_id=service.vault.store.get_state(USER_ID) or "",
            body="Rang back about the meeting date; to confirm next week.",
            created_at=datetime.now(UTC),
        )
    )


def office_mode(out: Path, window: MainWindow, key_file: Path, url: str) -> None:
    window.open_office()
    _wait(lambda: window.office is not None)
    launcher = window.office
    assert launcher is not None
    launcher.dialog.server.setText(url)
    launcher.dialog.username.setText(DEMO_OFFICE_USERNAME)
    launcher.dialog.password.setText(DEMO_PASSWORD)
    launcher.dialog.sign_in_button.click()
    _wait(lambda: launcher.window is not None, timeout=20)
    office_window: OfficeWindow | None = launcher.window
    assert office_window is not None
    office_window.resize(*SIZE)
    screen = office_window.screen_titled("Hand-overs")
    assert screen is not None
    screen.key_path.setText(str(key_file))  # type: ignore[attr-defined]
    screen.key_password.setText(KEY_PASSWORD)  # type: ignore[attr-defined]
    screen.open_button.click()  # type: ignore[attr-defined]
    _wait(lambda: bool(screen.rows) and all(r.item for r in screen.rows))  # type: ignore[attr-defined]
    screen.key_path.setText("E:/organisation-recovery-key.pem")  # type: ignore[attr-defined]
    screen.table.selectRow(0)  # type: ignore[attr-defined]
    _save(office_window, out, "office-handovers.png")
    records = office_window.screen_titled("Laptop records")
    assert records is not None
    office_window.show_screen(office_window.tabs.indexOf(records))
    _wait(lambda: bool(records.rows))  # type: ignore[attr-defined]
    records.table.selectRow(0)  # type: ignore[attr-defined]
    records.show_button.click()  # type: ignore[attr-defined]
    _wait(lambda: records.record is not None)  # type: ignore[attr-defined]
    _save(office_window, out, "office-laptop-records.png")
    office_window.close()


def _in_a_folder(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_in(out, Path(folder))


def main(argv: list[str]) -> int:
    return run_shots(argv, _in_a_folder)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
