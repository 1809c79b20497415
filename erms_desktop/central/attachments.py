"""Attachments by SHA-256: announced, uploaded in offset-checked chunks (so an interrupted upload
resumes where the store says it stopped), verified against the hash, size-limited.

Who may read one: its uploader, staff, and users who can see a live document record that names
its hash. Anyone signed in may upload: content-addressed bytes reveal nothing by being stored.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.access import Principal, load_grants
from erms_desktop.central.errors import (
    AlreadyExistsError,
    InvalidInputError,
    NotFoundError,
    TooLargeError,
)
from erms_desktop.central.models import Attachment, AttachmentChunk, Record
from erms_desktop.protocol.messages import AttachmentStart, AttachmentStatus


def _status(attachment: Attachment) -> AttachmentStatus:
    return AttachmentStatus(
        sha256=attachment.sha256,
        size=attachment.size,
        media_type=attachment.media_type,
        received=attachment.received,
        complete=attachment.complete,
    )


def start(
    session: Session, principal: Principal, sha256: str, request: AttachmentStart, limit: int
) -> AttachmentStatus:
    if request.size > limit:
        raise TooLargeError(f"attachments are limited to {limit} bytes")
    if not all(" " <= char <= "~" for char in request.media_type):
        # It is sent back as a Content-Type header, and PostgreSQL refuses NUL in text.
        raise InvalidInputError("a media type is printable ASCII, such as application/pdf")
    attachment = session.get(Attachment, sha256, with_for_update=True)
    if attachment is None:
        attachment = Attachment(
            sha256=sha256,
            size=request.size,
            media_type=request.media_type,
            received=0,
            complete=False,
            uploaded_by=principal.user_id,
            created_at=datetime.now(UTC),
        )
        session.add(attachment)
        session.flush()
        if request.size == 0:
            _finish(session, attachment)
    elif attachment.size != request.size:
        raise AlreadyExistsError("an upload of this hash with another size exists")
    elif not attachment.complete and attachment.uploaded_by != principal.user_id:
        raise AlreadyExistsError("another upload of this content is in progress")
    return _status(attachment)


def add_chunk(
    session: Session, principal: Principal, sha256: str, offset: int, data: bytes
) -> AttachmentStatus:
    attachment = session.get(Attachment, sha256, with_for_update=True)
    if attachment is None or (
        not attachment.complete and attachment.uploaded_by != principal.user_id
    ):
        raise NotFoundError("announce the upload first (POST /v1/attachments/{sha256})")
    if attachment.complete:
        return _status(attachment)
    if offset != attachment.received:
        raise AlreadyExistsError(f"the next chunk starts at offset {attachment.received}")
    if not data:
        raise InvalidInputError("an empty chunk")
    if attachment.received + len(data) > attachment.size:
        raise TooLargeError("the chunk goes past the announced size")
    session.add(AttachmentChunk(sha256=sha256, offset=offset, data=data))
    attachment.received += len(data)
    session.flush()
    if attachment.received == attachment.size:
        _finish(session, attachment)
    return _status(attachment)


def _finish(session: Session, attachment: Attachment) -> None:
    hasher = hashlib.sha256()
    for chunk in _chunks(session, attachment.sha256):
        hasher.update(chunk)
    if hasher.hexdigest() != attachment.sha256:
        session.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == attachment.sha256))
        attachment.received = 0
        session.flush()
        raise InvalidInputError("the content does not match its SHA-256: upload it again")
    attachment.complete = True


def _chunks(session: Session, sha256: str) -> list[bytes]:
    return list(
        session.scalars(
            select(AttachmentChunk.data)
            .where(AttachmentChunk.sha256 == sha256)
            .order_by(AttachmentChunk.offset)
        )
    )


def _readable(session: Session, principal: Principal, sha256: str) -> Attachment:
    attachment = session.get(Attachment, sha256)
    if attachment is None:
        raise NotFoundError("no such attachment")
    if principal.is_staff or attachment.uploaded_by == principal.user_id:
        return attachment
    # One indexed-scope lookup for a live, visible document naming this hash, rather than
    # reading every visible document into Python (document fields are codec-checked on push,
    # so "sha256" is always a hex string).
    naming_document = session.scalar(
        select(Record.id)
        .where(
            Record.kind == "document",
            Record.deleted.is_(False),
            Record.fields["sha256"].as_string() == sha256,
            load_grants(session, principal).visible(),
        )
        .limit(1)
    )
    if naming_document is not None:
        return attachment
    raise NotFoundError("no such attachment")


def status(session: Session, principal: Principal, sha256: str) -> AttachmentStatus:
    return _status(_readable(session, principal, sha256))


def content(session: Session, principal: Principal, sha256: str) -> tuple[bytes, str]:
    attachment = _readable(session, principal, sha256)
    if not attachment.complete:
        raise NotFoundError("the upload is not complete")
    audit.record(session, principal.actor, "download", f"sha {sha256}")
    return b"".join(_chunks(session, sha256)), attachment.media_type
