"""This laptop's side of the desktop service: the encrypted vault, made on first use (even its
construction, which tidies the private viewing folder, never happens on the GUI thread), and the
sync client over it once the install knows its office. :class:`DesktopService` builds on it.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from erms_desktop.service import errors
from erms_desktop.service.recovery_key import provisioned_recovery_key
from erms_desktop.service.settings import NOT_SET, DesktopSettings
from erms_desktop.service.status_file import ContactTimes, read_times, status_path, write_times

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from erms_desktop.service.models import EnrolmentRequest
    from erms_desktop.sync.client import SyncClient
    from erms_desktop.vault import Store, Vault

LAST_CONTACT = "shell.last_contact"  # the enforced copy, inside the encrypted vault
USER_ID = "shell.user_id"  # whose notes are "my notes"; set at enrolment
RecoveryKeySource = Callable[[], "X25519PublicKey | None"]


class Laptop:
    """``recovery_key`` finds the organisation's recovery public key (by default as ``settings``
    say), which every new vault's data key is also wrapped to; an install without one can still
    unlock and work with a vault it holds, and enrolling or syncing says plainly that it cannot
    reach the office."""

    def __init__(
        self,
        make_vault: Callable[[], Vault],
        *,
        settings: DesktopSettings = NOT_SET,
        recovery_key: RecoveryKeySource | None = None,
        verify: bool | str | ssl.SSLContext = True,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._make_vault = make_vault
        self._vault: Vault | None = None
        self.settings = settings
        self._find_recovery_key: RecoveryKeySource | None = recovery_key or (
            lambda: provisioned_recovery_key(settings)
        )
        self._recovery: X25519PublicKey | None = None
        self._office_error: Exception | None = None
        self._verify = verify
        self._client: SyncClient | None = None
        self._clock = clock
        self._enrolment: EnrolmentRequest | None = None  # held until the passphrase is chosen
        self._damaged = False  # the last unlock found the vault damaged: a wipe may be offered

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            self._vault = self._make_vault()
        return self._vault

    def _store(self) -> Store:
        return self.vault.store

    @property
    def _office(self) -> bool:
        """Whether this install knows its office (read on first need, on the worker)."""
        if self._find_recovery_key is not None:
            find, self._find_recovery_key = self._find_recovery_key, None
            from erms_desktop.vault.errors import VaultError

            try:
                self._recovery = find()
            except (errors.ServerNotAvailable, VaultError) as exc:  # enrol/sync will say why
                self._office_error = exc
        return self._recovery is not None

    def _office_key(self) -> X25519PublicKey:
        """The organisation's recovery key, or why this install cannot reach the office."""
        if not self._office or self._recovery is None:
            raise self._office_error or errors.ServerNotAvailable()
        return self._recovery

    def _sync_client(self) -> SyncClient:
        """The sync client over this vault, or why this install cannot reach the office."""
        self._office_key()
        if self._client is None:
            from erms_desktop.sync.client import SyncClient

            self._client = SyncClient(self.vault, verify=self._verify)
        return self._client

    def _times(self) -> ContactTimes:
        return read_times(status_path(self.vault.paths))

    def _password_expires(self) -> date | None:
        """As the last sign-in reported it (kept inside the vault, so it works offline)."""
        if not self._office:
            return None
        expires = self._sync_client().password_expires()
        return None if expires is None else expires.date()

    def _online(self) -> bool:
        """Whether the last exchange with the office worked (no request is made)."""
        from erms_desktop.sync.errors import SyncError
        from erms_desktop.vault.errors import VaultError

        if not self._office:
            return False
        try:
            return bool(self._sync_client().status().online)
        except (SyncError, VaultError):
            return False

    def _reachable(self) -> bool:
        """Whether the office answers now (one health request), to renew the offline lease."""
        from erms_desktop.sync.errors import SyncError
        from erms_desktop.vault.errors import VaultError

        if not self._office:
            return False
        try:
            self._sync_client().engine().transport.health()
        except (SyncError, VaultError):
            return False
        return True

    def _user_id(self) -> str:
        return self._store().get_state(USER_ID) or ""

    def _contacted(self, *, synced: bool, server_url: str | None = None) -> None:
        now = self._clock()
        self.vault.store.set_state(LAST_CONTACT, now.isoformat())
        before = self._times()
        write_times(
            status_path(self.vault.paths),
            ContactTimes(
                last_sync=now if synced else before.last_sync,
                last_contact=now,
                server_url=server_url or before.server_url,
            ),
        )


def laptop_vault(settings: DesktopSettings) -> Vault:
    """This laptop's vault, where and how the install chose. Runs on the worker thread: importing
    and making the vault stays off the GUI thread."""
    from erms_desktop.service.keyring_policy import keyring_setting
    from erms_desktop.vault import KeyringPolicy, Vault, VaultPolicy

    policy = KeyringPolicy(keyring_setting(demo=False, settings=settings).policy)
    return Vault(settings.data_dir, policy=VaultPolicy(keyring=policy))
