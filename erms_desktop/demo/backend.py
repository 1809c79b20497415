"""Demo mode: a throwaway folder holding a real vault, the demo volunteer enrolled with the demo
passphrase (shown on the unlock screen), and the real central store on 127.0.0.1 with the
synthetic caseload, reached by the real sync client. The store stops and the folder is removed
when the app exits."""

from __future__ import annotations

import atexit
import shutil
import ssl
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from erms_desktop.demo import embedded_central
from erms_desktop.demo.account import (
    DEMO_MANAGER_USERNAME,
    DEMO_OFFICE_USERNAME,
    DEMO_PASSPHRASE,
    DEMO_PASSWORD,
    DEMO_USERNAME,
)
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.models import AccountInfo, Diagnostics, EnrolmentRequest, UnlockInfo
from erms_desktop.service.policy import lease_state

if TYPE_CHECKING:
    from erms_desktop.service.office.session import OfficeSession
    from erms_desktop.vault import Vault

OfficeStarter = Callable[[], tuple[str, str]]  # starts the office server: (its URL, a code)


class DemoService(DesktopService):
    """Enrols and fills a fresh vault (on the worker thread), then locks it. The shell shows the
    unlock screen first and calls ``warm_up`` straight after, so the demo appears at once; an
    unlock typed meanwhile simply waits its turn on the worker."""

    demo_passphrase = DEMO_PASSPHRASE

    def __init__(
        self, folder: Path, start_office: OfficeStarter, *, verify: bool | ssl.SSLContext = True
    ) -> None:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        # A demo organisation key: the private half is never kept (nothing here needs recovering).
        demo_key = X25519PrivateKey.generate().public_key()
        super().__init__(
            lambda: _demo_vault(folder),
            recovery_key=lambda: demo_key,
            verify=verify,
        )
        self._start_office = start_office
        self._prepared = False
        self._office_url: str | None = None
        self._tls = verify

    def _prepare(self) -> None:
        if self._prepared:
            return
        self._prepared = True
        url, code = self._start_office()
        self._office_url = url
        self.enrol(EnrolmentRequest(url, code, DEMO_USERNAME, DEMO_PASSWORD))
        self.set_passphrase(DEMO_PASSPHRASE)
        self.sync_now(lambda _progress: None)
        self.lock()

    def warm_up(self) -> None:
        self._prepare()

    def office_session(self) -> OfficeSession:
        """The office side of the demo: the same embedded store, its staff account named on
        the sign-in dialog."""
        self._prepare()
        from erms_desktop.service.office.session import OfficeSession

        hint = (
            f"Demo mode: sign in as {DEMO_OFFICE_USERNAME} (a coordinator) or as "
            f"{DEMO_MANAGER_USERNAME} (the service manager, who also has Audit search and "
            f"Subject access), with the password {DEMO_PASSWORD}. All the data is made up."
        )
        return OfficeSession(self._office_url, verify=self._tls, hint=hint)

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


def make_demo_service() -> DemoService:
    folder = Path(tempfile.mkdtemp(prefix="erms-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # runs last: registered first
    central = embedded_central.EmbeddedCentral(folder / "central")
    atexit.register(central.stop)
    # One TLS context for the demo's clients (each would load the CA certificates itself):
    # certificates and host names checked as ever, the certificates loaded by _start_office.
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return DemoService(folder / "vault", lambda: _start_office(central, tls), verify=tls)


def _start_office(
    central: embedded_central.EmbeddedCentral, tls: ssl.SSLContext
) -> tuple[str, str]:
    """Launch the office server, and while it loads do what needs no server: import the sync
    client, the vault and httpx's HTTP engine (httpcore, otherwise imported at the first
    request), and load the TLS context's CA certificates (together about a quarter of a
    second of the first unlock). Then wait for it."""
    central.launch()
    import httpcore  # noqa: F401

    import erms_desktop.sync.client
    import erms_desktop.vault  # noqa: F401

    tls.load_default_certs()
    return central.start()


def _demo_vault(folder: Path) -> Vault:
    from erms_desktop.service.keyring_policy import keyring_setting
    from erms_desktop.vault import Argon2Params, KeyringPolicy, Vault, VaultPolicy

    # The demo passphrase is printed on screen and the data is synthetic: no keyring, and a
    # light (still memory-hard) Argon2id so the demo opens quickly.
    keyring = KeyringPolicy(keyring_setting(demo=True).policy)
    policy = VaultPolicy(keyring=keyring, argon2=Argon2Params(19 * 1024, 2, 1))
    return Vault(folder, policy=policy)
