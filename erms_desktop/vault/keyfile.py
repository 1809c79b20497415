"""The key file: the wrapped data key and what is needed to unwrap it, as versioned JSON.

It holds no secret in the clear: two wraps of the data key (passphrase and recovery), the Argon2id
salt and parameters, the device id, the protection mode, the keyring backend the device secret
was stored in and the HMAC the database's pages are authenticated with. It is replaced atomically,
so a crash mid-write leaves the old or the new file.

Version 2 added the page HMAC; a version 1 file belongs to a vault made with SQLCipher's default,
HMAC-SHA512. An older app refuses a version 2 file by its version, not as a damaged database.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from erms_desktop.vault.connection import PageHmac
from erms_desktop.vault.errors import VaultCorruptError, VaultNotFoundError
from erms_desktop.vault.kdf import Argon2Params
from erms_desktop.vault.paths import write_private_atomic

FORMAT = "erms-vault-keys"
FORMAT_VERSION = 2
_VERSIONS = (1, FORMAT_VERSION)


class ProtectionMode(StrEnum):
    """How the data key is protected on this device."""

    #: Passphrase plus a random device secret held in the OS keyring (the normal mode).
    KEYRING = "keyring"
    #: Passphrase only: no OS keyring was available and policy allowed running without one.
    PASSPHRASE_ONLY = "passphrase-only"  # noqa: S105 - a mode name, not a secret


@dataclass(frozen=True, slots=True)
class KeyFile:
    device_id: str
    mode: ProtectionMode
    keyring_backend: str | None
    salt: bytes
    params: Argon2Params
    passphrase_wrap: bytes
    recovery_wrap: bytes
    recovery_key_id: str
    page_hmac: PageHmac

    def replace_passphrase_wrap(
        self, salt: bytes, params: Argon2Params, passphrase_wrap: bytes
    ) -> KeyFile:
        return dataclasses.replace(self, salt=salt, params=params, passphrase_wrap=passphrase_wrap)

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "device_id": self.device_id,
            "mode": self.mode.value,
            "keyring_backend": self.keyring_backend,
            "kdf": {**self.params.to_json(), "salt": _b64(self.salt)},
            "passphrase_wrap": _b64(self.passphrase_wrap),
            "recovery_wrap": _b64(self.recovery_wrap),
            "recovery_key_id": self.recovery_key_id,
            "database": {"page_hmac": self.page_hmac.value},
        }
        return json.dumps(document, indent=2, sort_keys=True).encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            document: dict[str, Any] = json.loads(raw.decode("ascii"))
            if document["format"] != FORMAT:
                raise VaultCorruptError("this is not an ERMS vault key file")
            version = document["version"]
            if version not in _VERSIONS:
                raise VaultCorruptError(f"unsupported key file version {version}")
            return cls(
                device_id=str(document["device_id"]),
                mode=ProtectionMode(document["mode"]),
                keyring_backend=document["keyring_backend"],
                salt=_unb64(document["kdf"]["salt"]),
                params=Argon2Params.from_json(document["kdf"]),
                passphrase_wrap=_unb64(document["passphrase_wrap"]),
                recovery_wrap=_unb64(document["recovery_wrap"]),
                recovery_key_id=str(document["recovery_key_id"]),
                page_hmac=(
                    PageHmac.SHA512 if version == 1 else PageHmac(document["database"]["page_hmac"])
                ),
            )
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise VaultCorruptError("the vault key file is damaged") from exc

    def save(self, path: Path) -> None:
        write_private_atomic(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            return cls.from_bytes(path.read_bytes())
        except FileNotFoundError as exc:
            raise VaultNotFoundError("the vault key file is missing") from exc


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise VaultCorruptError("the vault key file is damaged")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise VaultCorruptError("the vault key file is damaged") from exc
