"""Attaching files and emails to a party file. The file is read and checked first; only a file
that passes (or the redacted text of one that did not, when the volunteer chose to redact) is
stored, and a refusal leaves the vault exactly as it was."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from erms_desktop.domain import Document
from erms_desktop.domain.separation import redact
from erms_desktop.service.casework_base import CaseworkBase
from erms_desktop.service.casework_errors import ImportRefusedError, reasons_of
from erms_desktop.service.imports import read_import


class DocumentsMixin(CaseworkBase):
    def import_file(
        self,
        party_file_id: str,
        filename: str,
        content: bytes,
        *,
        redact_blocked: bool = False,
        accept_warnings: bool = False,
        description: str = "",
    ) -> Document:
        party_file = self.party_file(party_file_id)
        imported = read_import(filename, content)
        if description:
            self.require_clean(party_file_id, description, "description")
        findings = self.check_text(party_file_id, imported.text)
        blocking = [f for f in findings if f.blocking]
        warnings = [f for f in findings if not f.blocking]
        if warnings and not accept_warnings:
            raise ImportRefusedError(
                "the file may mention someone from the other party's file; look at it and"
                " confirm before importing",
                reasons_of(warnings),
            )
        name, media_type, stored = imported.filename, imported.media_type, imported.content
        if blocking:
            if not redact_blocked:
                raise ImportRefusedError(
                    "the file names or identifies someone from the other party's file",
                    reasons_of(blocking),
                )
            if any(f.start < len(imported.filename) for f in blocking) or not imported.text:
                raise ImportRefusedError(
                    "the file's name or unreadable content identifies the other party; it"
                    " cannot be redacted here",
                    reasons_of(blocking),
                )
            # Only the redacted text is kept: the original still carries the identifiers.
            name = f"{imported.filename.rsplit('.', 1)[0]} (redacted).txt"
            media_type = "text/plain"
            redacted = redact(imported.text, blocking)
            stored = redacted.split("\n", 1)[1].encode("utf-8")
        digest = hashlib.sha256(stored).hexdigest()
        document = Document(
            id=str(uuid.uuid4()),
            case_id=party_file.case_id,
            party_file_id=party_file.id,
            filename=name,
            media_type=media_type,
            sha256=digest,
            size_bytes=len(stored),
            added_at=self.now(),
            description=description,
        )
        self.store.put_attachment(stored)
        self.save(document)
        return document

    def open_document(self, document_id: str) -> Path:
        """Decrypt into the vault's private viewing folder (emptied on lock and exit)."""
        return self._vault.open_for_viewing(self.local(Document, document_id, "document"))
