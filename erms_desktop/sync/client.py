"""A small Qt-free facade for the GUI: enrol this laptop, sign in, and run syncs.

Typical use (on the GUI's worker thread, with the vault already created and unlocked)::

    client = SyncClient(vault)
    client.enrol(server_url, code, username, password)   # device credentials into the vault
    client.sync(on_progress=draw_bar)                    # the first sync brings the caseload
    ...
    client.sign_in(password)                             # later sessions (AuthExpired)

The device secret and the session token are kept in the vault's ``sync_state`` (encrypted with
the vault's data key, shredded with it), never in plain files.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from erms_desktop import __version__
from erms_desktop.protocol.messages import EnrolRequest, PasswordChangeRequest, SignInRequest
from erms_desktop.sync.engine import SyncEngine
from erms_desktop.sync.errors import NotEnrolled
from erms_desktop.sync.progress import ProgressCallback, SyncReport, SyncStatus
from erms_desktop.sync.scheduler import SyncScheduler, Timing
from erms_desktop.sync.transport import Transport
from erms_desktop.vault import Vault

DEVICE = "device"
SESSION = "session"
PASSWORD_EXPIRES = "password_expires_at"  # noqa: S105 (a state key, not a secret)


@dataclass(frozen=True, slots=True)
class DeviceCredentials:
    server_url: str
    device_id: str
    device_secret: str
    user_id: str
    username: str
    asset_tag: str


class SyncClient:
    def __init__(self, vault: Vault, *, verify: bool | str | ssl.SSLContext = True) -> None:
        self._vault = vault
        self._verify = verify
        self._transport: Transport | None = None
        self._engine: SyncEngine | None = None

    @property
    def vault(self) -> Vault:
        return self._vault

    def credentials(self) -> DeviceCredentials | None:
        raw = self._vault.store.get_state(DEVICE)
        return None if raw is None else DeviceCredentials(**json.loads(raw))

    def enrol(
        self,
        server_url: str,
        code: str,
        username: str,
        password: str,
        *,
        device_name: str = "ERMS laptop",
    ) -> DeviceCredentials:
        """Redeem the enrolment code, keep the device credentials in the vault, and sign in."""
        transport = self._open(server_url)
        transport.health()
        answer = transport.enrol(
            EnrolRequest(
                code=code,
                username=username,
                password=password,
                device_name=device_name,
                app_version=__version__,
            )
        )
        credentials = DeviceCredentials(
            server_url=server_url,
            device_id=answer.device_id,
            device_secret=answer.device_secret,
            user_id=answer.user_id,
            username=username,
            asset_tag=answer.asset_tag,
        )
        self._vault.store.set_state(DEVICE, json.dumps(asdict(credentials)))
        self.sign_in(password)
        return credentials

    def sign_in(self, password: str) -> None:
        """Start a session with the stored device credentials (after :class:`AuthExpired`)."""
        credentials = self._enrolled()
        transport = self._open(credentials.server_url)
        answer = transport.sign_in(
            SignInRequest(
                device_id=credentials.device_id,
                device_secret=credentials.device_secret,
                username=credentials.username,
                password=password,
                app_version=__version__,
            )
        )
        store = self._vault.store
        store.set_state(SESSION, answer.token)
        expires = answer.password_expires_at
        store.set_state(PASSWORD_EXPIRES, "" if expires is None else expires.isoformat())
        if self._engine is not None:
            self._engine.transport.token = answer.token

    def password_expires(self) -> datetime | None:
        """When the user's password expires, as the last sign-in said (None: never/unknown)."""
        raw = self._vault.store.get_state(PASSWORD_EXPIRES)
        return datetime.fromisoformat(raw) if raw else None

    def change_password(self, current: str, new: str) -> None:
        """Change the user's password on the central store (allowed even when a sign-in said a
        change is required), then sign in again with the new one."""
        engine = self.engine()
        engine.transport.change_password(
            PasswordChangeRequest(current_password=current, new_password=new)
        )
        self.sign_in(new)

    def engine(self) -> SyncEngine:
        """The engine for this laptop (one per client, so its status remembers the last try)."""
        if self._engine is None:
            transport = self._open(self._enrolled().server_url)
            transport.token = self._vault.store.get_state(SESSION)
            self._engine = SyncEngine(self._vault, transport)
        return self._engine

    def sync(self, on_progress: ProgressCallback | None = None) -> SyncReport:
        """One cycle (the first one downloads the caseload, with progress)."""
        engine = self.engine()
        engine.on_progress = on_progress
        return engine.sync()

    def scheduler(
        self,
        on_result: Callable[[BaseException | None], None] | None = None,
        *,
        timing: Timing | None = None,
    ) -> SyncScheduler:
        """A scheduler running this client's cycles (call ``start()``; ``local_change()`` after
        each edit; ``sync_now()`` for the Sync button; ``stop()`` before locking)."""
        return SyncScheduler(self.sync, timing=timing, on_result=on_result)

    def status(self) -> SyncStatus:
        return self.engine().status()

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def _enrolled(self) -> DeviceCredentials:
        credentials = self.credentials()
        if credentials is None:
            raise NotEnrolled("enrol this laptop first")
        return credentials

    def _open(self, server_url: str) -> Transport:
        if self._transport is None:
            self._transport = Transport(server_url, verify=self._verify)
        return self._transport
