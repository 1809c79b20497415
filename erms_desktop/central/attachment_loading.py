"""Content the office loads in bulk (demo data, tests' fixtures) bound to the party files whose
documents name it, exactly as if each file's volunteer had uploaded it there."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central.models import Attachment, AttachmentChunk, Record

#: Loaded content is kept in chunks of the size laptops upload in, so downloads stream it alike.
LOADED_CHUNK = 512 * 1024


def load_contents(
    session: Session, contents: Mapping[str, bytes], media_type: str, uploaded_by: str
) -> int:
    """Bind content loaded by the office (demo data, imports) to every party file whose live
    documents name it, as if uploaded there; content no document names is left out."""
    documents = session.execute(
        select(Record.case_id, Record.party_file_id, Record.fields).where(
            Record.kind == "document", Record.deleted.is_(False)
        )
    ).all()
    stored = 0
    for case_id, file_id, fields in documents:
        data = contents.get(str(fields.get("sha256")))
        if data is None or hashlib.sha256(data).hexdigest() != fields.get("sha256"):
            continue
        if case_id is None or file_id is None:
            continue
        if session.get(Attachment, (file_id, fields["sha256"])) is not None:
            continue
        _store_whole(session, case_id, file_id, data, media_type, uploaded_by)
        stored += 1
    return stored


def _store_whole(  # noqa: PLR0917 - one row's columns
    session: Session, case_id: str, file_id: str, data: bytes, media_type: str, uploaded_by: str
) -> None:
    sha256 = hashlib.sha256(data).hexdigest()
    session.add(
        Attachment(
            party_file_id=file_id,
            sha256=sha256,
            case_id=case_id,
            size=len(data),
            media_type=media_type,
            received=len(data),
            complete=True,
            uploaded_by=uploaded_by,
            created_at=datetime.now(UTC),
        )
    )
    session.flush()
    for offset in range(0, len(data), LOADED_CHUNK):
        piece = data[offset : offset + LOADED_CHUNK]
        session.add(
            AttachmentChunk(party_file_id=file_id, sha256=sha256, offset=offset, data=piece)
        )
    session.flush()
