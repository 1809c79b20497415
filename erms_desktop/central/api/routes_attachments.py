"""Attachment upload (announce, then offset-checked chunks) and download, by SHA-256."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from erms_desktop.central import attachments
from erms_desktop.central.api.deps import PrincipalDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.protocol.messages import AttachmentStart, AttachmentStatus

router = APIRouter(
    prefix="/v1/attachments",
    tags=["attachments"],
    dependencies=[Depends(check_versions)],
    responses=ERRORS,
)
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]


@router.post("/{sha256}")
def start(
    sha256: Sha, request: AttachmentStart, store: StoreDep, principal: PrincipalDep
) -> AttachmentStatus:
    with store.unit() as session:
        return attachments.start(
            session, principal, sha256, request, store.settings.max_attachment_bytes
        )


@router.get("/{sha256}")
def status(sha256: Sha, store: StoreDep, principal: PrincipalDep) -> AttachmentStatus:
    with store.unit() as session:
        return attachments.status(session, principal, sha256)


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
async def chunk(
    sha256: Sha,
    request: Request,
    store: StoreDep,
    principal: PrincipalDep,
    offset: Annotated[int, Query(ge=0, le=2**62)],
) -> AttachmentStatus:
    data = await request.body()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(
        store.committing_refusals,
        lambda s: attachments.add_chunk(s, principal, sha256, offset, data),
    )


@router.get(
    "/{sha256}/content",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def content(sha256: Sha, store: StoreDep, principal: PrincipalDep) -> Response:
    with store.unit() as session:
        data, media_type = attachments.content(session, principal, sha256)
    return Response(content=data, media_type=media_type)
