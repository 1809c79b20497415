"""The audit entry for a refused request: who (user and device, when signed in), from which
address, which route and which refusal. Sign-in, enrolment, lockout, wrong-password and
revoked-device refusals are recorded where they happen (auth.py, password_change.py), with more
detail, so they are not recorded twice here."""

from __future__ import annotations

import logging

from fastapi import Request
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from erms_desktop.central import audit
from erms_desktop.central import errors as e
from erms_desktop.central.access import Principal
from erms_desktop.central.api.deps import client_address, get_store

_log = logging.getLogger("erms_desktop.central")
_AUDITED_AT_SOURCE = (
    e.AuthenticationError,
    e.AccountLockedError,
    e.DeviceRevokedError,
    e.WrongPasswordError,
)


async def audit_refusal(request: Request, exc: Exception, code: str) -> None:
    """Record one refusal; a failure to record is logged (type only) and the refusal stands."""
    if isinstance(exc, _AUDITED_AT_SOURCE):
        return
    principal = getattr(request.state, "principal", None)
    user_id, device_id = (
        (principal.user_id, principal.device_id)
        if isinstance(principal, Principal)
        else (None, None)
    )
    actor = audit.Actor(user_id, device_id, client_address(request))
    route = getattr(request.scope.get("route"), "path", "unknown route")
    target = f"{request.method} {route} {code}"
    database = get_store(request)

    def record() -> None:
        with database.unit() as session:
            audit.record(session, actor, "refused", target)

    try:
        await run_in_threadpool(record)
    except SQLAlchemyError as failure:
        _log.error("could not audit a refusal: %s", type(failure).__name__)
