"""What someone holding a vault's data key can read from its file: every page of the SQLCipher
database decrypted - free pages, index segments and all - as the SQLCipher tool would let a
volunteer do with their own vault."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

if TYPE_CHECKING:
    from erms_desktop.vault import Vault

_PAGE = 4096
_SALT = 16  # page 1 starts with the database salt, stored in the clear


def found_with_the_key(vault: Vault, passphrase: str, probes: tuple[bytes, ...]) -> list[bytes]:
    """The probes, in order, that someone holding the data key finds in the vault file: the vault
    is locked (its log folded into the file), every page read, and the vault unlocked again."""
    key = bytes(vault._data_key or b"")
    vault.lock()
    plain = readable_with_the_key(vault.paths.database, key)
    vault.unlock(passphrase)
    return [probe for probe in probes if probe in plain]


def readable_with_the_key(database: Path, key: bytes) -> bytes:
    """Every page of an SQLCipher database decrypted (AES-256-CBC, the page's IV at the start of
    its reserved tail), joined: what a key holder can read, free pages and index segments too."""
    raw = database.read_bytes()
    reserve = _reserve(raw[:_PAGE], key)
    pages = []
    for start in range(0, len(raw), _PAGE):
        page = raw[start : start + _PAGE]
        pages.append(_decrypt(page, key, reserve, skip=_SALT if start == 0 else 0))
    return b"".join(pages)


def _reserve(first: bytes, key: bytes) -> int:
    """SQLCipher's tail per page (IV, then HMAC), found as the one under which page 1 decrypts to
    a database header: the page size at bytes 16-17, and bytes 21-23 fixed at 64, 32, 32."""
    for reserve in (48, 64, 80, 96):
        header = _decrypt(first, key, reserve, skip=_SALT)  # header offsets less 16
        if header[0:2] == _PAGE.to_bytes(2, "big") and header[5:8] == bytes((64, 32, 32)):
            return reserve
    raise AssertionError("page 1 does not decrypt with this key")


def _decrypt(page: bytes, key: bytes, reserve: int, *, skip: int) -> bytes:
    body_end = _PAGE - reserve
    iv = page[body_end : body_end + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[skip:body_end]) + decryptor.finalize()
