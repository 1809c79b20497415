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
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.access import Grants, Principal, load_grants
from erms_desktop.central.errors import (
    AlreadyExistsError,
    InvalidInputError,
    NotFoundError,
    TooLargeError,
)
from erms_desktop.central.models import Attachment, AttachmentChunk, Record
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.protocol import attachment_frames
from erms_desktop.protocol.attachment_frames import AttachmentAddress, AttachmentFrame
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
    case_id = _visible_case(session, load_grants(session, principal), file_id, write=write)
    if case_id is None:
        raise NotFoundError(_NO_SUCH)
    return case_id


def _visible_case(session: Session, grants: Grants, file_id: str, *, write: bool) -> str | None:
    record = session.get(Record, file_id)
    if record is None or record.kind != "party_file" or record.deleted or not record.case_id:
        return None
    allowed = grants.can_write if write else grants.can_read
    return record.case_id if allowed("document", record.case_id, file_id) else None


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
    same = attachment.party_file_id, attachment.sha256, attachment.size
    for chunk in chunks(lambda: nullcontext(session), *same):
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


def chunks(
    session_for: Callable[[], AbstractContextManager[Session]], file_id: str, sha256: str, size: int
) -> Iterator[bytes]:
    """The ``size`` bytes of stored chunks in order, one query each (in a session from
    ``session_for``: the same one throughout, or a short read per chunk for a download), so
    only one chunk is ever in memory. Stops short if a chunk is missing."""
    offset = 0
    while offset < size:
        with session_for() as session:
            data = chunk_at(session, file_id, sha256, offset)
        if not data:
            return
        offset += len(data)
        yield data


def chunk_at(session: Session, file_id: str, sha256: str, offset: int) -> bytes | None:
    """The stored chunk starting at ``offset`` (chunk ``n`` starts where ``n - 1`` ended)."""
    return session.scalar(
        select(AttachmentChunk.data).where(
            AttachmentChunk.party_file_id == file_id,
            AttachmentChunk.sha256 == sha256,
            AttachmentChunk.offset == offset,
        )
    )


def status(session: Session, principal: Principal, file_id: str, sha256: str) -> AttachmentStatus:
    _case_of_file(session, principal, file_id, write=False)
    attachment = session.get(Attachment, (file_id, sha256))
    if attachment is None:
        raise NotFoundError(_NO_SUCH)
    return _status(attachment)


def content(session: Session, principal: Principal, file_id: str, sha256: str) -> tuple[int, str]:
    """The size and declared media type of content a live document of this file names (the
    download is audited here; the bytes are then read with :func:`chunks`)."""
    case_id = _case_of_file(session, principal, file_id, write=False)
    attachment = _available(session, {file_id}, {sha256}).get((file_id, sha256))
    if attachment is None:
        raise NotFoundError(_NO_SUCH)
    audit.record(session, principal.actor, "download", f"sha {sha256}", [case_id])
    return attachment.size, attachment.media_type


def batch(
    session: Session, principal: Principal, addresses: Sequence[AttachmentAddress]
) -> list[tuple[str, AttachmentFrame]]:
    """What a batched download sends, in the order asked: each attachment's party file and
    frame, whose size is None where :func:`content` would answer 404 (one answer for absent
    and not yours). What is sent is audited as downloads, one entry per case naming each
    attachment, in the caller's one transaction."""
    principal.laptop()
    grants = load_grants(session, principal)
    files = {address.party_file_id for address in addresses}
    session.scalars(select(Record).where(Record.id.in_(files))).all()  # one query, not one each
    cases = {file_id: _visible_case(session, grants, file_id, write=False) for file_id in files}
    visible = {file_id for file_id, case_id in cases.items() if case_id is not None}
    available = _available(session, visible, {address.sha256 for address in addresses})
    sent: dict[str, list[str]] = {}
    frames = []
    for address in addresses:
        attachment = available.get((address.party_file_id, address.sha256))
        size = None if attachment is None else attachment.size
        case_id = cases[address.party_file_id]
        if size is not None and case_id is not None:
            sent.setdefault(case_id, []).append(f"sha {address.sha256}")
        frames.append((address.party_file_id, AttachmentFrame(sha256=address.sha256, size=size)))
    for case_id, named in sorted(sent.items()):
        audit.record(session, principal.actor, "download", ", ".join(named), [case_id])
    return frames


def batch_body(
    session_for: Callable[[], AbstractContextManager[Session]],
    frames: list[tuple[str, AttachmentFrame]],
) -> Iterator[bytes]:
    """The frames with their content, a stored chunk at a time. Should stored chunks fall short,
    the body stops there: the laptop reads a body cut short, never one frame's tail as the
    next frame's header."""
    for file_id, frame in frames:
        yield attachment_frames.header(frame)
        sent = 0
        if frame.size is not None:
            for data in chunks(session_for, file_id, frame.sha256, frame.size):
                sent += len(data)
                yield data
            if sent != frame.size:
                return


def _available(
    session: Session, files: set[str], hashes: set[str]
) -> dict[tuple[str, str], Attachment]:
    """Each complete content, among these files and hashes, that was uploaded into its file
    and is named by a live document of that file, by (file, hash)."""
    if not files or not hashes:
        return {}
    uploaded = session.scalars(
        select(Attachment).where(
            Attachment.party_file_id.in_(files),
            Attachment.sha256.in_(hashes),
            Attachment.complete.is_(True),
        )
    ).all()
    # Document fields are codec-checked on push, so "sha256" is always a hex string.
    named = set(
        session.execute(
            select(Record.party_file_id, Record.fields["sha256"].as_string()).where(
                Record.kind == "document",
                Record.deleted.is_(False),
                Record.party_file_id.in_(files),
            )
        ).all()
    )
    return {
        (a.party_file_id, a.sha256): a for a in uploaded if (a.party_file_id, a.sha256) in named
    }


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
