"""Attachment content, addressed by SHA-256 and stored as BLOBs inside the encrypted database
(so it is covered by the same key, the same integrity checks and the same wipe)."""

from __future__ import annotations

import hashlib

from erms_desktop.vault.errors import RecordNotFoundError, VaultCorruptError
from erms_desktop.vault.store_base import StoreBase


class AttachmentsMixin(StoreBase):
    def put_attachment(self, content: bytes) -> str:
        """Store content (once, however often it is added); returns its SHA-256 hex digest."""
        digest = hashlib.sha256(content).hexdigest()
        with self._write() as db:
            db.execute(
                "INSERT INTO attachments (sha256, size, content, added_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (sha256) DO NOTHING",
                (digest, len(content), content, self._now()),
            )
        return digest

    def has_attachment(self, sha256: str) -> bool:
        with self._read() as db:
            row = db.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def read_attachment(self, sha256: str) -> bytes:
        with self._read() as db:
            row = db.execute(
                "SELECT content FROM attachments WHERE sha256 = ?", (sha256,)
            ).fetchone()
        if row is None:
            raise RecordNotFoundError(f"no attachment {sha256}")
        content = bytes(row[0])
        if hashlib.sha256(content).hexdigest() != sha256:
            raise VaultCorruptError("an attachment does not match its hash")
        return content
