"""Typed errors raised by the vault. The GUI turns each into a plain-English message.

Every error that means "the data cannot be trusted or reached" leaves the vault locked: the vault
never falls back to a new, empty or unencrypted database.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base class for every vault failure."""


class VaultLockedError(VaultError):
    """The vault is locked (or was never unlocked); unlock it with the passphrase first."""


class VaultNotFoundError(VaultError):
    """No vault exists in the folder (or a part of it, such as the database, is missing)."""


class VaultExistsError(VaultError):
    """A vault already exists in the folder; creating another would destroy it."""


class WrongPassphraseError(VaultError):
    """The passphrase (or the device secret it is combined with) does not open the key."""


class TooManyAttemptsError(VaultError):
    """Recent wrong passphrases: the next attempt is allowed only after ``retry_after`` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many wrong passphrases; try again in {retry_after:.0f} seconds")
        self.retry_after = retry_after


class VaultCorruptError(VaultError):
    """The database or its key file is damaged, truncated, tampered with or incomplete."""


class WalMissingError(VaultCorruptError):
    """The database's write-ahead log vanished after an unclean shutdown: committed work would be
    lost silently if the vault opened, so it does not."""


class CommitsLostError(VaultCorruptError):
    """The database holds fewer commits than the vault recorded outside its write-ahead log (a
    damaged or emptied log after a crash): opening would silently drop committed work."""


class ContentMismatchError(VaultError):
    """Attachment content offered to the vault does not match the hash it was offered under
    (nothing was kept)."""


class SchemaTooNewError(VaultError):
    """The database was written by a newer ERMS Desktop; it is left untouched."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"the vault has schema version {found}, newer than this app supports ({supported}); "
            "update ERMS Desktop"
        )
        self.found = found
        self.supported = supported


class KeyringError(VaultError):
    """Base class for problems with the operating system's keyring."""


class KeyringUnavailableError(KeyringError):
    """No acceptable OS keyring: none at all, or only a fail, null or plaintext-file backend."""


class KeyringTimeout(KeyringError):
    """The keyring did not answer in time (a hung or locked secret service)."""


class KeyringBackendChangedError(KeyringError):
    """The keyring backend differs from the one the device secret was stored in."""

    def __init__(self, recorded: str, current: str) -> None:
        super().__init__(
            f"the device secret was stored in the {recorded} keyring, but this session uses "
            f"{current}; the secret cannot be read from there. Sign in to the desktop session "
            "that holds the original keyring, or ask the office to recover the vault"
        )
        self.recorded = recorded
        self.current = current


class DeviceSecretMissingError(KeyringError):
    """The keyring is reachable but holds no device secret for this vault."""


class RecordNotFoundError(VaultError):
    """A record, attachment or draft asked for by id is not in the vault."""


class WeakPassphraseError(VaultError):
    """The new passphrase is too short to protect the vault."""
