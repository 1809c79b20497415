"""Office sign-in and sign-out: staff sign in with name and password only, on an office machine
(no laptop enrolment); the session has no device, so it can never sync."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from erms_desktop.central import auth
from erms_desktop.central.access import Principal
from erms_desktop.central.api.deps import (
    AddressDep,
    StoreDep,
    TokenDep,
    check_versions,
    password_principal,
)
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.api.routes_auth import count_attempt
from erms_desktop.central.errors import ForbiddenError
from erms_desktop.protocol.messages import SignInResponse
from erms_desktop.protocol.office import OfficeSignInRequest

router = APIRouter(
    prefix="/v1/office", tags=["office"], dependencies=[Depends(check_versions)], responses=ERRORS
)


@router.post("/sign-in")
def sign_in(request: OfficeSignInRequest, store: StoreDep, address: AddressDep) -> SignInResponse:
    """Staff and administrators only; a volunteer is refused (403) after the password check.
    Counted against the same rate limits and lockout as a laptop's sign-in."""
    count_attempt(store, "sign_in", address, request.username)
    return store.committing_refusals(
        lambda s: auth.office_sign_in(s, request, store.settings, address)
    )


@router.post("/sign-out", status_code=204)
def sign_out(
    store: StoreDep,
    token: TokenDep,
    address: AddressDep,
    principal: Annotated[Principal, Depends(password_principal)],
) -> Response:
    """End this office session at once (a password-only one too). A laptop's session is not
    ended here: laptops keep theirs until it expires."""
    if principal.device_id is not None:
        raise ForbiddenError("only an office session signs out here")
    with store.unit() as session:
        auth.sign_out(session, token, principal, address)
    return Response(status_code=204)
