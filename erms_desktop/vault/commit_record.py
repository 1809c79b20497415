"""The vault's record of how many transactions it committed, kept outside the write-ahead log.

SQLite stops reading a log at its first bad frame, so a flipped, cut or emptied ``vault.db-wal``
after a crash would open the database silently without its newest commits. Every write
transaction therefore bumps a counter inside the database (``meta.commits``) and, once the commit
is durable, writes the same number to ``vault.commits``; a database that opens with a smaller
counter than the file recorded has lost committed work and is refused as damaged.

The file is two fixed 512-byte slots, written in place with one ``fdatasync`` per commit (no
rename, no directory sync): commit ``n`` goes to slot ``n % 2`` while the other slot still holds
``n - 1``. Each slot is ``magic | counter | HMAC-SHA256`` under a key derived from the data key,
so a finder cannot raise or lower it without the tag failing. A slot that fails its tag is read
as a write torn by a crash, which only happens after that commit was durable, so the recorded
count is the other slot's plus one; editing either slot can only make the vault refuse to open.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import CommitsLostError, VaultError
from erms_desktop.vault.paths import write_private_atomic

_MAGIC = b"EVC1"
_SLOT = 512
_COUNTER = struct.Struct(">Q")
_BODY = len(_MAGIC) + _COUNTER.size
_TAG = hashlib.sha256().digest_size

BUMP_SQL = (
    "INSERT INTO meta (key, value) VALUES ('commits', '1') ON CONFLICT (key) DO UPDATE"
    " SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER)"
)


def committed(connection: Connection) -> int:
    """The database's own commit counter (0 for a vault made before the counter existed)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'commits'").fetchone()
    return 0 if row is None else int(row[0])


def bump(connection: Connection) -> int:
    """Count the transaction in progress; returns its number."""
    return int(connection.execute(BUMP_SQL).fetchone()[0])


class CommitRecord:
    """``vault.commits``: the highest commit known durable, authenticated with the data key."""

    def __init__(self, path: Path, data_key: bytes) -> None:
        self._path = path
        self._key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"erms-vault/commits/v1"
        ).derive(data_key)
        self._fd: int | None = None

    def check(self, connection: Connection) -> None:
        """Refuse a database holding fewer commits than recorded."""
        count = committed(connection)
        recorded = self._recorded(count)
        if count < recorded:
            raise CommitsLostError(
                f"the vault holds {count} commits but recorded {recorded}: its write-ahead log "
                "was damaged and committed work would be lost, so the vault stays locked"
            )

    def start(self, count: int) -> None:
        """Write ``count`` into both slots atomically and keep the file open for each commit."""
        write_private_atomic(self._path, self._slot(0, count) + self._slot(1, count))
        self._fd = os.open(self._path, os.O_RDWR | getattr(os, "O_BINARY", 0))

    def record(self, number: int) -> None:
        """Make commit ``number`` (already durable in the database) the recorded count."""
        if self._fd is None:
            raise VaultError("the commit record is not open")
        try:
            os.pwrite(self._fd, self._slot(number % 2, number), (number % 2) * _SLOT)
            getattr(os, "fdatasync", os.fsync)(self._fd)
        except OSError as exc:
            raise VaultError(f"the commit record could not be written: {exc.strerror}") from exc

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def _recorded(self, count: int) -> int:
        if not self._path.exists():
            if count == 0:
                return 0  # a new vault, or one made before the record existed
            raise CommitsLostError("the vault's commit record is missing; it stays locked")
        raw = self._path.read_bytes()
        slots = [self._read(raw[index * _SLOT : (index + 1) * _SLOT], index) for index in (0, 1)]
        valid = [value for value in slots if value is not None]
        if not valid:
            raise CommitsLostError("the vault's commit record is damaged; it stays locked")
        return max(valid) if len(valid) == 2 else valid[0] + 1

    def _slot(self, index: int, count: int) -> bytes:
        body = _MAGIC + _COUNTER.pack(count)
        return (body + self._tag(index, body)).ljust(_SLOT, b"\0")

    def _read(self, slot: bytes, index: int) -> int | None:
        body, tag = slot[:_BODY], slot[_BODY : _BODY + _TAG]
        expected = hmac.new(self._key, bytes([index]) + body, hashlib.sha256).digest()
        if (
            len(tag) != _TAG
            or not body.startswith(_MAGIC)
            or not hmac.compare_digest(tag, expected)
        ):
            return None
        value: int = _COUNTER.unpack(body[len(_MAGIC) :])[0]
        return value

    def _tag(self, index: int, body: bytes) -> bytes:
        """The slot's index is authenticated too, so the two slots cannot be swapped."""
        return hmac.new(self._key, bytes([index]) + body, hashlib.sha256).digest()
