"""Health, enrolment, sign-in and password change: the only routes open without a session are
health, enrolment and sign-in."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from erms_desktop import __version__
from erms_desktop.central import auth, password_change
from erms_desktop.central.access import Principal
from erms_desktop.central.api.deps import (
    AddressDep,
    Database,
    StoreDep,
    TokenDep,
    check_versions,
    password_principal,
)
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.throttle import Limit
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


def count_attempt(
    store: Database, action: Literal["enrol", "sign_in"], address: str, username: str
) -> None:
    """Count an enrolment or sign-in attempt per client address and per account."""
    per_address, per_account = store.settings.attempt_limits(action)
    store.count_attempt(
        Limit(f"{action}:address:{address}", per_address),
        Limit(f"{action}:account:{username}", per_account),
    )


@router.post("/enrol", responses=ERRORS)
def enrol(request: EnrolRequest, store: StoreDep, address: AddressDep) -> EnrolResponse:
    """Laptops are enrolled for volunteers: office staff are told to use office sign-in."""
    count_attempt(store, "enrol", address, request.username)
    return store.committing_refusals(
        lambda s: auth.enrol(s, request, store.settings, address, volunteers_only=True)
    )


@router.post("/sign-in", responses=ERRORS)
def sign_in(request: SignInRequest, store: StoreDep, address: AddressDep) -> SignInResponse:
    count_attempt(store, "sign_in", address, request.username)
    return store.committing_refusals(lambda s: auth.sign_in(s, request, store.settings, address))


@router.post("/password", status_code=204, responses=ERRORS)
def change_password(
    request: PasswordChangeRequest,
    store: StoreDep,
    principal: Annotated[Principal, Depends(password_principal)],
    token: TokenDep,
    address: AddressDep,
) -> Response:
    cfg = store.settings
    # Per laptop; an office session (no laptop) is counted per account.
    source = principal.device_id or f"office:{principal.user_id}"
    store.count_attempt(Limit(f"password:device:{source}", cfg.password_change_limit_per_device))
    store.committing_refusals(
        lambda s: password_change.change_password(
            s, principal, token, request.current_password, request.new_password, cfg, address
        )
    )
    return Response(status_code=204)
