"""Argon2id password hashes (PHC strings, parameters stored with each hash) and secret tokens."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from erms_desktop.central.settings import PasswordHashing

_SALT_BYTES = 16
_HASH_BYTES = 32


def hash_password(password: str, params: PasswordHashing) -> str:
    kdf = Argon2id(
        salt=os.urandom(_SALT_BYTES),
        length=_HASH_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive_phc_encoded(password.encode())


def verify_password(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode(), encoded)
    except (InvalidKey, ValueError):
        return False
    return True


def new_secret() -> str:
    """A random URL-safe secret (device credential or session token)."""
    return secrets.token_urlsafe(32)


def secret_digest(secret: str) -> str:
    """High-entropy secrets are stored as their SHA-256, never in the clear."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_digest(left: str, right: str) -> bool:
    return hmac.compare_digest(left, right)
