"""Demo mode on the real vault: a throwaway folder, the demo volunteer enrolled with the demo
passphrase before the unlock screen shows, and the synthetic caseload delivered by the in-process
demo office server. The folder is wiped when the app exits."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from erms_desktop.app_backend.demo_central import (
    DEMO_ENROLMENT_CODE,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    DemoCentral,
)
from erms_desktop.app_backend.fake import DEMO_PASSPHRASE
from erms_desktop.app_backend.models import AccountInfo, Diagnostics, EnrolmentRequest, UnlockInfo
from erms_desktop.app_backend.policy import lease_state
from erms_desktop.app_backend.vault_backend import VaultBackend

if TYPE_CHECKING:
    from erms_desktop.vault import Vault


class DemoBackend(VaultBackend):
    """Enrols and fills a fresh vault (on the worker thread), then locks it. The shell shows the
    unlock screen first and calls ``warm_up`` straight after, so the demo appears at once; an
    unlock typed meanwhile simply waits its turn on the worker."""

    def __init__(self, folder: Path, central: DemoCentral) -> None:
        super().__init__(lambda: _demo_vault(folder), sync=central, demo_passphrase=DEMO_PASSPHRASE)
        self._prepared = False

    def _prepare(self) -> None:
        if self._prepared:
            return
        self._prepared = True
        self.enrol(
            EnrolmentRequest("http://127.0.0.1", DEMO_ENROLMENT_CODE, DEMO_USERNAME, DEMO_PASSWORD)
        )
        self.set_passphrase(DEMO_PASSPHRASE)
        self.sync_now(lambda _progress: None)
        self.lock()

    def warm_up(self) -> None:
        self._prepare()

    def unlock_info(self) -> UnlockInfo:
        if not self._prepared:
            now = datetime.now(UTC)
            return UnlockInfo(
                enrolled=True,
                last_sync=None,
                lease=lease_state(now, now),
                demo_passphrase=DEMO_PASSPHRASE,
                keyring_note="Preparing the demo caseload…",
            )
        return super().unlock_info()

    def unlock(self, passphrase: str) -> AccountInfo:
        self._prepare()
        return super().unlock(passphrase)

    def diagnostics(self) -> Diagnostics:
        self._prepare()
        return super().diagnostics()


def make_demo_backend() -> DemoBackend:
    folder = Path(tempfile.mkdtemp(prefix="erms-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return DemoBackend(folder / "vault", DemoCentral())


def _demo_vault(folder: Path) -> Vault:
    from erms_desktop.vault import Argon2Params, KeyringPolicy, Vault, VaultPolicy

    # The demo passphrase is printed on screen and the data is synthetic: no keyring, and a
    # light (still memory-hard) Argon2id so the demo opens quickly.
    policy = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=Argon2Params(19 * 1024, 2, 1))
    return Vault(folder, policy=policy)
