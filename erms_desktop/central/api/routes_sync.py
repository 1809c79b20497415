"""Pull, push and the sanity digest (DESIGN section 6; docs/sync-protocol.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel

from erms_desktop.central import pull as pulling
from erms_desktop.central import push as pushing
from erms_desktop.central.api.deps import PrincipalDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.protocol.messages import (
    DigestResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    RecordId,
)

router = APIRouter(
    prefix="/v1/sync", tags=["sync"], dependencies=[Depends(check_versions)], responses=ERRORS
)

MAX_CURSOR = 2**62


def _json(model: BaseModel) -> Response:
    """The hot routes serialise their (already validated) answer once, in pydantic's Rust
    serialiser, instead of FastAPI validating it again against the response model."""
    return Response(model.model_dump_json(), media_type="application/json")


@router.get("/pull", response_model=PullResponse)
def pull(
    store: StoreDep,
    principal: PrincipalDep,
    cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> Response:
    with store.unit() as session:
        page = pulling.pull(session, principal, cursor, min(limit, store.settings.max_pull_page))
    return _json(page)


@router.post("/push", response_model=PushResponse)
def push(request: PushRequest, store: StoreDep, principal: PrincipalDep) -> Response:
    with store.unit() as session:
        answer = pushing.push(session, principal, request.mutations)
    return _json(answer)


@router.get("/digest")
def digest(
    store: StoreDep,
    principal: PrincipalDep,
    case_id: Annotated[RecordId | None, Query()] = None,
) -> DigestResponse:
    with store.unit() as session:
        return DigestResponse(cases=pulling.digests(session, principal, case_id))
