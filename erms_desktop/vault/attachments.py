"""Attachment content, addressed by SHA-256 and stored inside the encrypted database (so it is
covered by the same key, the same integrity checks and the same wipe) in fixed pieces of
:data:`PIECE` bytes: content of any size is written and read a piece at a time, so memory stays
bounded however large the attachment (sync streams it both ways, issue 20)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import ContentMismatchError, RecordNotFoundError, VaultCorruptError
from erms_desktop.vault.store_base import StoreBase

PIECE = 512 * 1024


def pieces(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Re-cut a stream of chunks of any size into pieces of exactly :data:`PIECE` bytes (the last
    one shorter)."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= PIECE:
            yield bytes(buffer[:PIECE])
            del buffer[:PIECE]
    if buffer:
        yield bytes(buffer)


def _write_pieces(db: Connection, sha256: str, chunks: Iterable[bytes], now: str) -> int:
    """Write content under ``sha256`` inside the open transaction, a piece at a time, unless it
    is held already; raise :class:`ContentMismatchError` if it does not match. Its size."""
    hasher = hashlib.sha256()
    size = 0
    held = db.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
    if held is None:
        db.execute(
            "INSERT INTO attachments (sha256, size, added_at) VALUES (?, 0, ?)", (sha256, now)
        )
    for seq, piece in enumerate(pieces(chunks)):
        hasher.update(piece)
        size += len(piece)
        if held is None:
            db.execute(
                "INSERT INTO attachment_chunks (sha256, seq, data) VALUES (?, ?, ?)",
                (sha256, seq, piece),
            )
    if hasher.hexdigest() != sha256:
        raise ContentMismatchError("the content does not match its SHA-256")
    db.execute("UPDATE attachments SET size = ? WHERE sha256 = ?", (size, sha256))
    return size


class AttachmentsMixin(StoreBase):
    def put_attachment(self, content: bytes) -> str:
        """Store content (once, however often it is added); returns its SHA-256 hex digest."""
        return self.put_attachments([content])[0]

    def put_attachments(self, contents: Iterable[bytes]) -> list[str]:
        """Store several contents in one transaction (a pulled page's documents); their
        digests in order."""
        digests = []
        with self._write() as db:
            for content in contents:
                digest = hashlib.sha256(content).hexdigest()
                _write_pieces(db, digest, [content], self._now())
                digests.append(digest)
        return digests

    def write_attachment(self, sha256: str, chunks: Iterable[bytes]) -> int:
        """Store content arriving in chunks (of any size) under the hash it must have, in one
        transaction: content that does not match ``sha256`` raises
        :class:`ContentMismatchError` and nothing is kept. Content already held is read to the
        end and left as it is. Returns the size. The store is held for the whole stream."""
        with self._write() as db:
            return _write_pieces(db, sha256, chunks, self._now())

    def has_attachment(self, sha256: str) -> bool:
        return self.attachment_size(sha256) is not None

    def attachment_size(self, sha256: str) -> int | None:
        """The size of content the vault holds, or None."""
        with self._read() as db:
            row = db.execute("SELECT size FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else int(row[0])

    def read_attachment(self, sha256: str) -> bytes:
        """The whole content (for viewing); sync reads it piece by piece instead."""
        return b"".join(self.attachment_pieces(sha256))

    def attachment_pieces(self, sha256: str) -> Iterator[bytes]:
        """The content a piece at a time (one query each, the store free between them), checked
        against its hash: after the last piece, a mismatch raises :class:`VaultCorruptError`."""
        size = self.attachment_size(sha256)
        if size is None:
            raise RecordNotFoundError(f"no attachment {sha256}")
        hasher = hashlib.sha256()
        read = 0
        for seq in range((size + PIECE - 1) // PIECE):
            with self._read() as db:
                row = db.execute(
                    "SELECT data FROM attachment_chunks WHERE sha256 = ? AND seq = ?",
                    (sha256, seq),
                ).fetchone()
            if row is None:
                raise RecordNotFoundError(f"no attachment {sha256}")
            piece = bytes(row[0])
            hasher.update(piece)
            read += len(piece)
            yield piece
        if read != size or hasher.hexdigest() != sha256:
            raise VaultCorruptError("an attachment does not match its hash")
