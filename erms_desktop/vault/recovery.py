"""The organisation's recovery key pair (X25519). The office keeps the private key offline; each
vault stores its data key wrapped to the public key so staff can recover a returned laptop's
unsynced work when the volunteer's passphrase is unknown."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from erms_desktop.vault.errors import VaultError


def generate_recovery_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def public_key_to_pem(key: X25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_key_from_pem(pem: bytes) -> X25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise VaultError("the recovery public key is not a valid PEM key") from exc
    if not isinstance(key, X25519PublicKey):
        raise VaultError("the recovery public key must be an X25519 key")
    return key


def private_key_to_pem(key: X25519PrivateKey, password: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )


def private_key_from_pem(pem: bytes, password: bytes) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except (ValueError, TypeError) as exc:
        raise VaultError("the recovery private key or its password is not valid") from exc
    if not isinstance(key, X25519PrivateKey):
        raise VaultError("the recovery private key must be an X25519 key")
    return key
