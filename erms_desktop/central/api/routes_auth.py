"""Health, enrolment, sign-in and password change: the only routes open without a session are
health, enrolment and sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from erms_desktop import __version__
from erms_desktop.central import auth
from erms_desktop.central.access import Principal
from erms_desktop.central.api.deps import StoreDep, check_versions, password_principal
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.protocol.messages import (
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    SCHEMA_VERSION,
    EnrolRequest,
    EnrolResponse,
    Health,
    PasswordChangeRequest,
    SignInRequest,
    SignInResponse,
)

open_router = APIRouter(prefix="/v1", tags=["open"])
router = APIRouter(prefix="/v1", tags=["auth"], dependencies=[Depends(check_versions)])


@open_router.get("/health")
def health() -> Health:
    return Health(
        status="ok",
        protocol_version=PROTOCOL_VERSION,
        min_protocol_version=MIN_PROTOCOL_VERSION,
        schema_version=SCHEMA_VERSION,
        server_version=__version__,
    )


@router.post("/enrol", responses=ERRORS)
def enrol(request: EnrolRequest, store: StoreDep) -> EnrolResponse:
    return store.committing_refusals(lambda s: auth.enrol(s, request, store.settings))


@router.post("/sign-in", responses=ERRORS)
def sign_in(request: SignInRequest, store: StoreDep) -> SignInResponse:
    return store.committing_refusals(lambda s: auth.sign_in(s, request, store.settings))


@router.post("/password", status_code=204, responses=ERRORS)
def change_password(
    request: PasswordChangeRequest,
    store: StoreDep,
    principal: Annotated[Principal, Depends(password_principal)],
) -> Response:
    store.committing_refusals(
        lambda s: auth.change_password(
            s, principal, request.current_password, request.new_password, store.settings
        )
    )
    return Response(status_code=204)
