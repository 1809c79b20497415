"""Attachment upload (announce, then offset-checked chunks) and download, by party file and
SHA-256 (content is bound to the party file it was uploaded into: central/attachments.py), and
the batched download a laptop's pull uses for many small attachments at once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from erms_desktop.central import attachments
from erms_desktop.central.api.deps import PrincipalDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.media_types import served_media_type
from erms_desktop.protocol.attachment_frames import AttachmentBatch
from erms_desktop.protocol.messages import RECORD_ID_PATTERN, AttachmentStart, AttachmentStatus

router = APIRouter(
    prefix="/v1/files/{party_file_id}/attachments",
    tags=["attachments"],
    dependencies=[Depends(check_versions)],
    responses=ERRORS,
)
batch_router = APIRouter(
    prefix="/v1/attachments",
    tags=["attachments"],
    dependencies=[Depends(check_versions)],
    responses=ERRORS,
)
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
FileId = Annotated[str, Path(min_length=36, max_length=36, pattern=RECORD_ID_PATTERN)]


@router.post("/{sha256}")
def start(
    party_file_id: FileId,
    sha256: Sha,
    request: AttachmentStart,
    store: StoreDep,
    principal: PrincipalDep,
) -> AttachmentStatus:
    limit = store.settings.max_attachment_bytes
    with store.unit() as session:
        return attachments.start(session, principal, party_file_id, sha256, request, limit)


@router.get("/{sha256}")
def status(
    party_file_id: FileId, sha256: Sha, store: StoreDep, principal: PrincipalDep
) -> AttachmentStatus:
    with store.unit() as session:
        return attachments.status(session, principal, party_file_id, sha256)


@router.put(
    "/{sha256}/chunks",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def chunk(  # noqa: PLR0917 - FastAPI passes the route's parts by name
    party_file_id: FileId,
    sha256: Sha,
    request: Request,
    store: StoreDep,
    principal: PrincipalDep,
    offset: Annotated[int, Query(ge=0, le=2**62)],
) -> AttachmentStatus:
    data = await request.body()
    return await run_in_threadpool(
        store.committing_refusals,
        lambda s: attachments.add_chunk(s, principal, party_file_id, sha256, offset, data),
    )


@router.get(
    "/{sha256}/content",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def content(
    party_file_id: FileId, sha256: Sha, store: StoreDep, principal: PrincipalDep
) -> Response:
    """Always a download, never rendered: a fixed disposition, no sniffing, and a media type
    from the allow-list (media_types.py). Streamed a stored chunk at a time, each read in its
    own short read-only transaction, so memory stays bounded whatever the size. Sent chunked,
    without a length: should the stored chunks fall short, the laptop gets a short body its
    hash check refuses, not a connection left waiting for the rest."""
    with store.unit() as session:
        size, declared = attachments.content(session, principal, party_file_id, sha256)
    headers = {
        "Content-Disposition": f'attachment; filename="{sha256}"',
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(
        attachments.chunks(store.reading, party_file_id, sha256, size),
        media_type=served_media_type(declared),
        headers=headers,
    )


@batch_router.post(
    "/batch",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def batch(request: AttachmentBatch, store: StoreDep, principal: PrincipalDep) -> Response:
    """Several attachments in one answer, framed as erms_desktop/protocol/attachment_frames.py
    describes: one authorisation and one audited transaction for the lot (a pull's documents
    would otherwise cost a request and a commit each), then the content streamed a stored chunk
    at a time. Each attachment is available exactly when its own download would be."""
    with store.unit() as session:
        frames = attachments.batch(session, principal, request.attachments)
    return StreamingResponse(
        attachments.batch_body(store.reading, frames),
        media_type="application/octet-stream",
        headers={"X-Content-Type-Options": "nosniff"},
    )
