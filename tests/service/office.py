"""The office for desktop service tests: the real central store (SQLite, the synthetic dataset
loaded as demo mode loads it, uvicorn on 127.0.0.1) that a test can take offline and bring back on
the same address, and a real vault (SQLCipher, cheap Argon2id parameters named as such)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.central.migrate import upgrade
from erms_desktop.demo.account import DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.demo.central_load import load_demo
from erms_desktop.demo.data import generate_demo_data
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.models import EnrolmentRequest
from erms_desktop.service.settings import NOT_SET, DesktopSettings
from erms_desktop.vault import Argon2Params, KeyringPolicy, Vault, VaultPolicy
from tests.sync.central import Central, ThreadServer, free_port

PASSPHRASE = "plum orbit lantern meadow"
CHEAP = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=Argon2Params.insecure_for_tests())
CASE_COUNT = 8  # the demo volunteer holds 5 of them


class Office:
    """The central store with the demo dataset; ``online = False`` stops serving it."""

    def __init__(self, folder: Path, case_count: int = CASE_COUNT) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        upgrade(f"sqlite:///{folder / 'central.db'}")
        self.central = Central(folder / "central.db", generate_demo_data(case_count=case_count))
        with self.central.session() as session:
            load_demo(session, self.central.settings, DEMO_PASSWORD, self.central.dataset)  # type: ignore[arg-type]
        self.url = f"http://127.0.0.1:{free_port()}"
        self._server: ThreadServer | None = None

    @property
    def online(self) -> bool:
        return self._server is not None

    @online.setter
    def online(self, serving: bool) -> None:
        if serving and self._server is None:
            port = int(self.url.rsplit(":", 1)[1])
            self._server = ThreadServer(self.central, port=port).__enter__()
        elif not serving and self._server is not None:
            self._server.__exit__(None, None, None)
            self._server = None

    def code(self) -> str:
        """A fresh enrolment code for the demo volunteer."""
        return self.central.code(DEMO_USERNAME)

    def request(self, code: str | None = None, password: str = DEMO_PASSWORD) -> EnrolmentRequest:
        return EnrolmentRequest(self.url, code or self.code(), DEMO_USERNAME, password)


def desktop_service(
    folder: Path,
    office: Office | None,
    clock: Callable[[], datetime] | None = None,
    *,
    settings: DesktopSettings = NOT_SET,
) -> DesktopService:
    """The service over a vault in ``folder``; without an office, an install that has no
    organisation key (so it cannot enrol or sync)."""
    key = X25519PrivateKey.generate().public_key()
    return DesktopService(
        lambda: Vault(folder, policy=CHEAP),
        settings=settings,
        recovery_key=(lambda: key) if office is not None else (lambda: None),
        clock=clock or (lambda: datetime.now(UTC)),
    )


def enrolled(
    folder: Path, office: Office, clock: Callable[[], datetime] | None = None
) -> DesktopService:
    service = desktop_service(folder, office, clock)
    service.enrol(office.request())
    service.set_passphrase(PASSPHRASE)
    service.sync_now(lambda _p: None)
    return service
