"""The encrypted local cache: SQLCipher database, key hierarchy, OS keyring, lock and wipe. No Qt.

Typical use::

    vault = Vault(policy=VaultPolicy())            # folder from platformdirs, or Vault(folder)
    vault.create(passphrase, recovery_public_key)  # or vault.unlock(passphrase)
    vault.store.save(note)                          # record + outbox entry, one transaction
    vault.lock()                                    # closes the database, drops the key

Threading: all database work goes through one background worker thread (the single writer).
The connection allows use from a thread other than the one that opened it, and the store and the
vault each hold a re-entrant lock, so calls are serialised; nothing here is designed for parallel
use, and keyring calls (which may block on D-Bus) run on their own short-lived thread with a
timeout. See docs/security-model.md for the key hierarchy and the threat model.
"""

from erms_desktop.vault.errors import (
    CommitsLostError,
    ContentMismatchError,
    DeviceSecretMissingError,
    KeyringBackendChangedError,
    KeyringError,
    KeyringTimeout,
    KeyringUnavailableError,
    RecordNotFoundError,
    SchemaTooNewError,
    TooManyAttemptsError,
    VaultCorruptError,
    VaultError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WalMissingError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from erms_desktop.vault.kdf import Argon2Params
from erms_desktop.vault.keyfile import ProtectionMode
from erms_desktop.vault.keyring_store import KeyringStore
from erms_desktop.vault.keys import KeyringPolicy, VaultPolicy
from erms_desktop.vault.quarantine import QuarantineEntry, UnsyncedChangesError
from erms_desktop.vault.search import NoteHit
from erms_desktop.vault.store import Store
from erms_desktop.vault.sync_reader import LocalRecord, OutboxEntry, SyncReader
from erms_desktop.vault.sync_transaction import RemoteChange, SyncTransaction, check_remote
from erms_desktop.vault.syncing import ApplyOutcome
from erms_desktop.vault.vault import Vault, VaultInfo, VaultState
from erms_desktop.vault.wipe import WipeReport

__all__ = [
    "ApplyOutcome",
    "Argon2Params",
    "CommitsLostError",
    "ContentMismatchError",
    "DeviceSecretMissingError",
    "KeyringBackendChangedError",
    "KeyringError",
    "KeyringPolicy",
    "KeyringStore",
    "KeyringTimeout",
    "KeyringUnavailableError",
    "LocalRecord",
    "NoteHit",
    "OutboxEntry",
    "ProtectionMode",
    "QuarantineEntry",
    "RecordNotFoundError",
    "RemoteChange",
    "SchemaTooNewError",
    "Store",
    "SyncReader",
    "SyncTransaction",
    "TooManyAttemptsError",
    "UnsyncedChangesError",
    "Vault",
    "VaultCorruptError",
    "VaultError",
    "VaultExistsError",
    "VaultInfo",
    "VaultLockedError",
    "VaultNotFoundError",
    "VaultPolicy",
    "VaultState",
    "WalMissingError",
    "WeakPassphraseError",
    "WipeReport",
    "WrongPassphraseError",
    "check_remote",
]
