"""Wrapping the data key: AES-256-GCM under the passphrase KEK, and ECIES to the organisation's
X25519 recovery key.

A wrap is ``header || nonce || ciphertext+tag`` where the header is a magic, a format version and
a purpose byte. The associated data is the header plus the device id and the purpose name, so a
wrap cannot be replayed on another device or swapped between purposes undetected.
"""

from __future__ import annotations

import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from erms_desktop.vault.errors import VaultCorruptError

_MAGIC = b"EVK"
_VERSION = 1
_NONCE = 12
_X25519_PUBLIC = 32
PURPOSE_PASSPHRASE = 1
PURPOSE_RECOVERY = 2
_PURPOSE_NAMES = {PURPOSE_PASSPHRASE: b"passphrase", PURPOSE_RECOVERY: b"recovery"}


class UnwrapFailed(Exception):
    """The key or the associated data does not match (wrong passphrase, device or tampering)."""


def _header(purpose: int) -> bytes:
    return _MAGIC + bytes([_VERSION, purpose])


def _aad(header: bytes, device_id: str, purpose: int) -> bytes:
    return header + b"|" + device_id.encode("ascii") + b"|" + _PURPOSE_NAMES[purpose]


def _split(blob: bytes, purpose: int) -> tuple[bytes, bytes, bytes]:
    header = blob[: len(_MAGIC) + 2]
    if len(blob) < len(header) + _NONCE + 16 or header[: len(_MAGIC)] != _MAGIC:
        raise VaultCorruptError("the wrapped key is damaged")
    if header[len(_MAGIC)] != _VERSION:
        raise VaultCorruptError(f"unsupported key wrap version {header[len(_MAGIC)]}")
    if header[len(_MAGIC) + 1] != purpose:
        raise VaultCorruptError("the wrapped key is for another purpose")
    body = blob[len(header) :]
    return header, body[:_NONCE], body[_NONCE:]


def seal(key: bytes, plaintext: bytes, device_id: str, purpose: int) -> bytes:
    header = _header(purpose)
    nonce = os.urandom(_NONCE)
    sealed = AESGCM(key).encrypt(nonce, plaintext, _aad(header, device_id, purpose))
    return header + nonce + sealed


def open_sealed(key: bytes, blob: bytes, device_id: str, purpose: int) -> bytes:
    header, nonce, sealed = _split(blob, purpose)
    try:
        return AESGCM(key).decrypt(nonce, sealed, _aad(header, device_id, purpose))
    except InvalidTag as exc:
        raise UnwrapFailed from exc


def recovery_key_id(public_key: X25519PublicKey) -> str:
    """A short fingerprint naming which organisation key a recovery wrap was made for."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _recovery_kek(shared: bytes, ephemeral: bytes, recipient: bytes, device_id: str) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=b"erms-vault/recovery/v1/" + device_id.encode("ascii"),
    )
    return hkdf.derive(shared)


def wrap_for_recovery(data_key: bytes, public_key: X25519PublicKey, device_id: str) -> bytes:
    """ECIES: a fresh ephemeral X25519 key agrees a secret with the organisation's key."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    recipient = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    kek = _recovery_kek(ephemeral.exchange(public_key), ephemeral_raw, recipient, device_id)
    return ephemeral_raw + seal(kek, data_key, device_id, PURPOSE_RECOVERY)


def unwrap_with_recovery(blob: bytes, private_key: X25519PrivateKey, device_id: str) -> bytes:
    ephemeral_raw, sealed = blob[:_X25519_PUBLIC], blob[_X25519_PUBLIC:]
    if len(ephemeral_raw) != _X25519_PUBLIC:
        raise VaultCorruptError("the recovery wrap is damaged")
    recipient = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    ephemeral = X25519PublicKey.from_public_bytes(ephemeral_raw)
    kek = _recovery_kek(private_key.exchange(ephemeral), ephemeral_raw, recipient, device_id)
    return open_sealed(kek, sealed, device_id, PURPOSE_RECOVERY)
