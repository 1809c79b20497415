"""The key hierarchy: making, unwrapping and re-wrapping the data key.

    data key (random 256 bits, opens SQLCipher as a raw key)
      ├─ wrapped by KEK = HKDF(Argon2id(passphrase) || device secret)   -- passphrase wrap
      └─ wrapped to the organisation's X25519 recovery public key       -- recovery wrap

The device secret (32 random bytes) lives only in the OS keyring; in passphrase-only mode there is
none. See docs/security-model.md.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from erms_desktop.vault import wrap
from erms_desktop.vault.connection import PageHmac
from erms_desktop.vault.errors import (
    KeyringBackendChangedError,
    KeyringUnavailableError,
    VaultCorruptError,
    WrongPassphraseError,
)
from erms_desktop.vault.kdf import KEY_BYTES, SALT_BYTES, Argon2Params, calibrate, derive_kek
from erms_desktop.vault.keyfile import KeyFile, ProtectionMode
from erms_desktop.vault.keyring_store import KeyringStore

#: The page HMAC a vault is made with (older vaults keep theirs: see connection.PageHmac).
NEW_VAULT_HMAC = PageHmac.SHA256


class KeyringPolicy(StrEnum):
    """Whether a vault may be created without an OS keyring."""

    REQUIRED = "required"  # production: no keyring, no vault
    PREFERRED = "preferred"  # use the keyring when there is one, else passphrase-only
    NEVER = "never"  # development and demo: passphrase-only, the keyring is not touched


@dataclass(frozen=True, slots=True)
class VaultPolicy:
    keyring: KeyringPolicy = KeyringPolicy.REQUIRED
    #: None calibrates Argon2id on this machine; tests pass Argon2Params.insecure_for_tests().
    argon2: Argon2Params | None = None


def choose_mode(policy: VaultPolicy, keyring: KeyringStore) -> tuple[ProtectionMode, str | None]:
    if policy.keyring is KeyringPolicy.NEVER:
        return ProtectionMode.PASSPHRASE_ONLY, None
    try:
        return ProtectionMode.KEYRING, keyring.name()
    except KeyringUnavailableError:
        if policy.keyring is KeyringPolicy.PREFERRED:
            return ProtectionMode.PASSPHRASE_ONLY, None
        raise


def new_key_file(
    passphrase: str,
    recovery_key: X25519PublicKey,
    policy: VaultPolicy,
    keyring: KeyringStore,
) -> tuple[KeyFile, bytearray]:
    """A fresh data key, wrapped both ways; the device secret is stored in the keyring first."""
    mode, backend = choose_mode(policy, keyring)
    device_id = str(uuid.uuid4())
    device_secret = b""
    if mode is ProtectionMode.KEYRING:
        device_secret = os.urandom(KEY_BYTES)
        keyring.store_secret(device_id, device_secret)
        if keyring.load_secret(device_id) != device_secret:  # a backend that drops writes
            raise KeyringUnavailableError("the OS keyring did not keep the device secret")
    data_key = bytearray(os.urandom(KEY_BYTES))
    salt = os.urandom(SALT_BYTES)
    params = policy.argon2 or calibrate()
    kek = derive_kek(passphrase, salt, params, device_secret, device_id)
    key_file = KeyFile(
        device_id=device_id,
        mode=mode,
        keyring_backend=backend,
        salt=salt,
        params=params,
        passphrase_wrap=wrap.seal(kek, bytes(data_key), device_id, wrap.PURPOSE_PASSPHRASE),
        recovery_wrap=wrap.wrap_for_recovery(bytes(data_key), recovery_key, device_id),
        recovery_key_id=wrap.recovery_key_id(recovery_key),
        page_hmac=NEW_VAULT_HMAC,
    )
    return key_file, data_key


def device_secret_for(key_file: KeyFile, keyring: KeyringStore) -> bytes:
    """The device secret the passphrase wrap was made with (empty in passphrase-only mode)."""
    if key_file.mode is ProtectionMode.PASSPHRASE_ONLY:
        return b""
    recorded = key_file.keyring_backend or "unknown"
    try:
        current = keyring.name()
    except KeyringUnavailableError as exc:
        raise KeyringUnavailableError(
            f"the device secret is kept in the {recorded} keyring, which is not available now "
            f"({exc}); unlock the desktop keyring, or ask the office to recover the vault"
        ) from exc
    if current != recorded:
        raise KeyringBackendChangedError(recorded, current)
    return keyring.load_secret(key_file.device_id)


def unwrap_with_passphrase(key_file: KeyFile, passphrase: str, device_secret: bytes) -> bytearray:
    kek = derive_kek(passphrase, key_file.salt, key_file.params, device_secret, key_file.device_id)
    try:
        key = wrap.open_sealed(
            kek, key_file.passphrase_wrap, key_file.device_id, wrap.PURPOSE_PASSPHRASE
        )
    except wrap.UnwrapFailed:
        raise WrongPassphraseError("the passphrase is not correct") from None
    return _checked(key)


def unwrap_with_recovery(key_file: KeyFile, private_key: X25519PrivateKey) -> bytearray:
    if wrap.recovery_key_id(private_key.public_key()) != key_file.recovery_key_id:
        raise WrongPassphraseError("this is not the recovery key the vault was made for")
    try:
        key = wrap.unwrap_with_recovery(key_file.recovery_wrap, private_key, key_file.device_id)
    except wrap.UnwrapFailed:
        raise VaultCorruptError("the recovery wrap is damaged") from None
    return _checked(key)


def rewrap(
    key_file: KeyFile,
    data_key: bytearray,
    passphrase: str,
    device_secret: bytes,
    params: Argon2Params,
) -> KeyFile:
    """The same data key under a new passphrase (new salt); the database is not touched."""
    salt = os.urandom(SALT_BYTES)
    kek = derive_kek(passphrase, salt, params, device_secret, key_file.device_id)
    sealed = wrap.seal(kek, bytes(data_key), key_file.device_id, wrap.PURPOSE_PASSPHRASE)
    return key_file.replace_passphrase_wrap(salt, params, sealed)


def _checked(key: bytes) -> bytearray:
    if len(key) != KEY_BYTES:
        raise VaultCorruptError("the unwrapped data key has the wrong length")
    return bytearray(key)
