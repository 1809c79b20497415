"""The vault's life cycle: create, unlock, lock, change passphrase, recover, wipe.

States: ABSENT (no key file), LOCKED (files present, no key in memory), UNLOCKED (connection open).
Every failure to open - wrong passphrase, missing keyring entry, damaged files, a lost -wal -
leaves the vault LOCKED with a typed error; nothing here ever creates a database except
:meth:`Vault.create` in an empty folder.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
import weakref
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from erms_desktop.domain.activity import Document
from erms_desktop.vault import keys
from erms_desktop.vault.commit_record import CommitRecord, committed
from erms_desktop.vault.connection import (
    Connection,
    create_database,
    open_database,
    translated_errors,
)
from erms_desktop.vault.errors import (
    VaultCorruptError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WalMissingError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from erms_desktop.vault.keyfile import KeyFile, ProtectionMode
from erms_desktop.vault.keyring_store import KeyringStore
from erms_desktop.vault.keys import VaultPolicy
from erms_desktop.vault.paths import VaultPaths, create_private_file, make_private_dir
from erms_desktop.vault.schema import check_version, migrate
from erms_desktop.vault.store import Store
from erms_desktop.vault.throttle import AttemptThrottle, Clock
from erms_desktop.vault.viewing import empty_viewing_folder, place_for_viewing
from erms_desktop.vault.wipe import WipeReport, shred

MIN_PASSPHRASE = 8
_OPEN_VAULTS: weakref.WeakSet[Vault] = weakref.WeakSet()


class VaultState(StrEnum):
    ABSENT = "absent"
    LOCKED = "locked"
    UNLOCKED = "unlocked"


@dataclass(frozen=True, slots=True)
class VaultInfo:
    """What the vault can say about itself while locked (no personal data)."""

    state: VaultState
    mode: ProtectionMode | None
    keyring_backend: str | None
    folder: Path


class Vault:
    def __init__(
        self,
        folder: Path | str | None = None,
        *,
        policy: VaultPolicy | None = None,
        keyring: KeyringStore | None = None,
        clock: Clock = time.time,
    ) -> None:
        self.paths = VaultPaths.resolve(folder)
        self._policy = policy or VaultPolicy()
        self._keyring = keyring or KeyringStore()
        self._throttle = AttemptThrottle(self.paths.attempts, clock)
        self._guard = threading.RLock()
        self._store: Store | None = None
        self._data_key: bytearray | None = None
        # Attachments left decrypted by a run that crashed are removed before anything else.
        empty_viewing_folder(self.paths.viewing)

    # -- what the vault is -------------------------------------------------------------------

    @property
    def state(self) -> VaultState:
        if self._store is not None:
            return VaultState.UNLOCKED
        return VaultState.LOCKED if self.paths.keys.exists() else VaultState.ABSENT

    def info(self) -> VaultInfo:
        state = self.state
        if state is VaultState.ABSENT:
            return VaultInfo(state, None, None, self.paths.folder)
        key_file = KeyFile.load(self.paths.keys)
        return VaultInfo(state, key_file.mode, key_file.keyring_backend, self.paths.folder)

    @property
    def store(self) -> Store:
        """The open record store; raises :class:`VaultLockedError` while locked."""
        store = self._store
        if store is None:
            raise VaultLockedError("the vault is locked")
        return store

    # -- create, unlock, lock ----------------------------------------------------------------

    def create(self, passphrase: str, recovery_key: X25519PublicKey) -> None:
        """Make a new vault in an empty folder and leave it unlocked."""
        _check_strength(passphrase)
        with self._guard:
            if any(path.exists() for path in (self.paths.keys, self.paths.database)):
                raise VaultExistsError(f"a vault already exists in {self.paths.folder}")
            make_private_dir(self.paths.folder)
            key_file, data_key = keys.new_key_file(
                passphrase, recovery_key, self._policy, self._keyring
            )
            try:
                key_file.save(self.paths.keys)
                connection = create_database(
                    self.paths.database, bytes(data_key), key_file.page_hmac
                )
                try:
                    with translated_errors():
                        migrate(connection)
                finally:
                    connection.close()
            except BaseException:
                # Undo a half-made vault completely, keyring entry included.
                shred(self.paths, key_file, self._keyring)
                raise
            self._open(data_key, key_file)

    def unlock(self, passphrase: str) -> None:
        with self._guard:
            if self._store is not None:
                return
            key_file = self._key_file()
            self._throttle.check()
            secret = keys.device_secret_for(key_file, self._keyring)
            try:
                data_key = keys.unwrap_with_passphrase(key_file, passphrase, secret)
            except WrongPassphraseError:
                self._throttle.record_failure()
                raise
            self._throttle.reset()
            self._open(data_key, key_file)

    def unlock_with_recovery(self, private_key: X25519PrivateKey) -> None:
        """Office recovery: open with the organisation's private key instead of the passphrase."""
        with self._guard:
            if self._store is None:
                key_file = self._key_file()
                self._open(keys.unwrap_with_recovery(key_file, private_key), key_file)

    def lock(self) -> None:
        """Close the database, zero the data key we hold and empty the viewing folder."""
        with self._guard:
            store, self._store = self._store, None
            if self._data_key is not None:
                self._data_key[:] = bytes(len(self._data_key))
                self._data_key = None
            if store is not None:
                store.close()
                self.paths.session.unlink(missing_ok=True)
            _OPEN_VAULTS.discard(self)
            empty_viewing_folder(self.paths.viewing)

    def _key_file(self) -> KeyFile:
        if not self.paths.keys.exists():
            raise VaultNotFoundError(f"no vault in {self.paths.folder}")
        return KeyFile.load(self.paths.keys)

    def _open(self, data_key: bytearray, key_file: KeyFile) -> None:
        try:
            if self.paths.session.exists() and not self.paths.wal.exists():
                raise WalMissingError(
                    "the vault was not closed cleanly and its write-ahead log is missing; "
                    "recent work may be lost, so the vault stays locked"
                )
            commits = CommitRecord(self.paths.commits, bytes(data_key))

            def check(db: Connection) -> None:  # before a crashed session's log is folded in
                check_version(db)
                commits.check(db)

            connection = open_database(
                self.paths.database, bytes(data_key), key_file.page_hmac, check
            )
            try:
                with translated_errors():
                    migrate(connection)
                    commits.start(committed(connection))
                if not self.paths.session.exists():
                    create_private_file(self.paths.session)
            except BaseException:
                commits.close()
                connection.close()
                raise
        except BaseException:
            data_key[:] = bytes(len(data_key))
            raise
        self._data_key = data_key
        self._store = Store(connection, on_corrupt=self.lock, commits=commits)
        _OPEN_VAULTS.add(self)

    # -- passphrases -------------------------------------------------------------------------

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the data key under ``new``; the database itself is not re-encrypted."""
        _check_strength(new)
        with self._guard:
            key_file = self._key_file()
            self._throttle.check()
            secret = keys.device_secret_for(key_file, self._keyring)
            try:
                data_key = keys.unwrap_with_passphrase(key_file, old, secret)
            except WrongPassphraseError:
                self._throttle.record_failure()
                raise
            self._throttle.reset()
            params = self._policy.argon2 or key_file.params
            keys.rewrap(key_file, data_key, new, secret, params).save(self.paths.keys)
            data_key[:] = bytes(len(data_key))

    def set_passphrase(self, new: str) -> None:
        """Give an unlocked (e.g. recovered) vault a new passphrase."""
        _check_strength(new)
        with self._guard:
            if self._data_key is None:
                raise VaultLockedError("unlock the vault before setting a passphrase")
            key_file = self._key_file()
            secret = keys.device_secret_for(key_file, self._keyring)
            params = self._policy.argon2 or key_file.params
            keys.rewrap(key_file, self._data_key, new, secret, params).save(self.paths.keys)
            self._throttle.reset()

    # -- diagnostics, viewing, wipe ----------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """``PRAGMA cipher_integrity_check`` and ``quick_check``; an empty list means sound."""
        with self._guard:
            return self.store.integrity_problems()

    def verify(self) -> None:
        """Run :meth:`integrity_check`; on any problem lock the vault and raise
        :class:`VaultCorruptError`. (Every page is also authenticated whenever it is read, so a
        damaged page never yields altered data; this finds damage in pages not read yet.)"""
        problems = self.integrity_check()
        if problems:
            self.lock()
            raise VaultCorruptError(
                f"the vault database failed its integrity check ({len(problems)} problems)"
            )

    def open_for_viewing(self, document: Document) -> Path:
        """Decrypt a document into the private viewing folder and return its path."""
        content = self.store.read_attachment(document.sha256)
        return place_for_viewing(self.paths.viewing, document.filename, content)

    def wipe(self) -> WipeReport:
        """Crypto-shred: the keyring entry and the wrapped keys first, then everything else."""
        with self._guard:
            self.lock()
            key_file: KeyFile | None = None
            with contextlib.suppress(Exception):
                key_file = KeyFile.load(self.paths.keys)
            return shred(self.paths, key_file, self._keyring)


def _check_strength(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WeakPassphraseError(f"choose a passphrase of at least {MIN_PASSPHRASE} characters")


@atexit.register
def _lock_all_at_exit() -> None:
    for vault in list(_OPEN_VAULTS):
        vault.lock()
