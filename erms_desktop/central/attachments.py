"""Attachments by party file and SHA-256: announced, uploaded in offset-checked chunks (so an
interrupted upload resumes where the store says it stopped), verified against the hash,
size-limited.

Content is bound to the party file it was uploaded into - the scope of the documents that name
it. Knowing a hash is no key: a document may only name content uploaded into its own file (the
push refuses one that does not, see :func:`require_uploaded`), and content is served only through
a live document of that file that the caller can see. So a hash copied from another case or file,
or kept after a deallocation, opens nothing; and since every question is asked of one file the
caller can see, no answer says anything about content elsewhere (an absent file, a file that is
not the caller's and absent content all answer the same 404).
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
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.protocol.messages import AttachmentStart, AttachmentStatus

_NO_SUCH = "no such attachment (or its party file is not yours)"


def _status(attachment: Attachment) -> AttachmentStatus:
    return AttachmentStatus(
        sha256=attachment.sha256,
        size=attachment.size,
        media_type=attachment.media_type,
        received=attachment.received,
        complete=attachment.complete,
    )


def _case_of_file(session: Session, principal: Principal, file_id: str, *, write: bool) -> str:
    """The case of a live party file the caller may see (``write``: add documents to).
    Attachments travel between the store and laptops only: an office session is refused."""
    principal.laptop()
    record = session.get(Record, file_id)
    if record is None or record.kind != "party_file" or record.deleted or not record.case_id:
        raise NotFoundError(_NO_SUCH)
    grants = load_grants(session, principal)
    allowed = grants.can_write if write else grants.can_read
    if not allowed("document", record.case_id, file_id):
        raise NotFoundError(_NO_SUCH)
    return record.case_id


def start(  # noqa: PLR0917 - the route's parts, passed straight through
    session: Session,
    principal: Principal,
    file_id: str,
    sha256: str,
    request: AttachmentStart,
    limit: int,
) -> AttachmentStatus:
    case_id = _case_of_file(session, principal, file_id, write=True)
    if request.size > limit:
        raise TooLargeError(f"attachments are limited to {limit} bytes")
    attachment = session.get(Attachment, (file_id, sha256), with_for_update=True)
    if attachment is None:
        attachment = Attachment(
            party_file_id=file_id,
            sha256=sha256,
            case_id=case_id,
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
        raise AlreadyExistsError("an upload of this hash with another size exists in this file")
    elif not attachment.complete and attachment.uploaded_by != principal.user_id:
        raise AlreadyExistsError("another upload of this content is in progress")
    return _status(attachment)


def add_chunk(  # noqa: PLR0917 - the route's parts, passed straight through
    session: Session,
    principal: Principal,
    file_id: str,
    sha256: str,
    offset: int,
    data: bytes,
) -> AttachmentStatus:
    _case_of_file(session, principal, file_id, write=True)
    attachment = session.get(Attachment, (file_id, sha256), with_for_update=True)
    if attachment is None or (
        not attachment.complete and attachment.uploaded_by != principal.user_id
    ):
        raise NotFoundError("announce the upload first (POST to the attachment's address)")
    if attachment.complete:
        return _status(attachment)
    if offset != attachment.received:
        raise AlreadyExistsError(f"the next chunk starts at offset {attachment.received}")
    if not data:
        raise InvalidInputError("an empty chunk")
    if attachment.received + len(data) > attachment.size:
        raise TooLargeError("the chunk goes past the announced size")
    session.add(AttachmentChunk(party_file_id=file_id, sha256=sha256, offset=offset, data=data))
    attachment.received += len(data)
    session.flush()
    if attachment.received == attachment.size:
        _finish(session, attachment)
    return _status(attachment)


def _finish(session: Session, attachment: Attachment) -> None:
    hasher = hashlib.sha256()
    for chunk in _chunks(session, attachment):
        hasher.update(chunk)
    if hasher.hexdigest() != attachment.sha256:
        session.execute(
            delete(AttachmentChunk).where(
                AttachmentChunk.party_file_id == attachment.party_file_id,
                AttachmentChunk.sha256 == attachment.sha256,
            )
        )
        attachment.received = 0
        session.flush()
        raise InvalidInputError("the content does not match its SHA-256: upload it again")
    attachment.complete = True


def _chunks(session: Session, attachment: Attachment) -> list[bytes]:
    return list(
        session.scalars(
            select(AttachmentChunk.data)
            .where(
                AttachmentChunk.party_file_id == attachment.party_file_id,
                AttachmentChunk.sha256 == attachment.sha256,
            )
            .order_by(AttachmentChunk.offset)
        )
    )


def status(session: Session, principal: Principal, file_id: str, sha256: str) -> AttachmentStatus:
    _case_of_file(session, principal, file_id, write=False)
    attachment = session.get(Attachment, (file_id, sha256))
    if attachment is None:
        raise NotFoundError(_NO_SUCH)
    return _status(attachment)


def content(session: Session, principal: Principal, file_id: str, sha256: str) -> tuple[bytes, str]:
    """The bytes and declared media type, for a live document of this file naming them."""
    case_id = _case_of_file(session, principal, file_id, write=False)
    attachment = session.get(Attachment, (file_id, sha256))
    # One indexed-scope lookup (document fields are codec-checked on push, so "sha256" is
    # always a hex string).
    naming_document = session.scalar(
        select(Record.id)
        .where(
            Record.kind == "document",
            Record.deleted.is_(False),
            Record.party_file_id == file_id,
            Record.fields["sha256"].as_string() == sha256,
        )
        .limit(1)
    )
    if attachment is None or not attachment.complete or naming_document is None:
        raise NotFoundError(_NO_SUCH)
    audit.record(session, principal.actor, "download", f"sha {sha256}", [case_id])
    return b"".join(_chunks(session, attachment)), attachment.media_type


def require_uploaded(session: Session, file_id: str | None, sha256: object) -> None:
    """A document may name only content uploaded into its own party file (checked on push)."""
    found = (
        session.get(Attachment, (file_id, sha256))
        if file_id is not None and isinstance(sha256, str)
        else None
    )
    if found is None or not found.complete:
        raise RecordRefused(
            "the document's content was not uploaded into its party file: upload it first"
        )
