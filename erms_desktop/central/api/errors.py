"""Every refusal answers with the protocol's error envelope and a fitting 4xx status."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from erms_desktop.central import errors as e
from erms_desktop.central.api.refusals import audit_refusal
from erms_desktop.protocol.messages import ErrorBody, ErrorCode, ErrorEnvelope

log = logging.getLogger("erms_desktop.central")

_STATUS: list[tuple[type[e.CentralError], int, ErrorCode]] = [
    (e.DeviceRevokedError, 403, ErrorCode.DEVICE_REVOKED),
    (e.AccountLockedError, 423, ErrorCode.ACCOUNT_LOCKED),
    (e.PasswordChangeRequiredError, 403, ErrorCode.PASSWORD_CHANGE_REQUIRED),
    (e.WrongPasswordError, 403, ErrorCode.INVALID_CREDENTIALS),
    (e.RateLimitedError, 429, ErrorCode.RATE_LIMITED),
    (e.ForbiddenError, 403, ErrorCode.FORBIDDEN),
    (e.NotFoundError, 404, ErrorCode.NOT_FOUND),
    (e.SequenceGapError, 409, ErrorCode.SEQUENCE_GAP),
    (e.AlreadyExistsError, 409, ErrorCode.CONFLICT),
    (e.TooLargeError, 413, ErrorCode.TOO_LARGE),
    (e.InvalidInputError, 422, ErrorCode.VALIDATION),
]


def envelope(
    status: int, body: ErrorBody, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        ErrorEnvelope(error=body).model_dump(mode="json"), status_code=status, headers=headers
    )


def failure_line(scope: Scope, exc: BaseException) -> str:
    """What the log says about a failed request: the exception's type (and the database
    driver's, under SQLAlchemy's wrapper), the route template and the request id. Never the
    exception's message, which can quote the record or the statement's parameters."""
    kind = type(exc).__name__
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        kind += f" ({type(exc.orig).__name__})"
    route = getattr(scope.get("route"), "path", "(no route)")
    request_id = scope.get("state", {}).get("request_id", "-")
    return f"{kind} on {scope.get('method', '?')} {route}, request {request_id}"


def error_response(exc: e.CentralError) -> JSONResponse:
    if isinstance(exc, e.AuthenticationError):
        code = ErrorCode.SESSION_EXPIRED if exc.expired else ErrorCode.UNAUTHENTICATED
        return envelope(401, ErrorBody(code=code, message=str(exc)))
    for cls, status, code in _STATUS:
        if isinstance(exc, cls):
            body = ErrorBody(
                code=code,
                message=str(exc),
                wipe=isinstance(exc, e.DeviceRevokedError),
                expected_device_seq=exc.expected if isinstance(exc, e.SequenceGapError) else None,
            )
            answer = envelope(status, body)
            if isinstance(exc, e.RateLimitedError):
                answer.headers["Retry-After"] = str(exc.retry_after)
            return answer
    return envelope(400, ErrorBody(code=ErrorCode.BAD_REQUEST, message=str(exc)))


def install(app: FastAPI) -> None:
    async def on_central(request: Request, exc: Exception) -> JSONResponse:
        # Each handler is registered for one class; anything else is passed on, not handled.
        if not isinstance(exc, e.CentralError):
            raise exc
        response = error_response(exc)
        await audit_refusal(request, exc, str(response.status_code))
        return response

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        if not isinstance(exc, RequestValidationError):
            raise exc
        await audit_refusal(request, exc, "422")
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', '')}"
            for err in exc.errors()[:10]
        )
        return envelope(422, ErrorBody(code=ErrorCode.VALIDATION, message=problems[:2000]))

    async def on_http(_request: Request, exc: Exception) -> JSONResponse:
        if not isinstance(exc, StarletteHTTPException):
            raise exc
        if exc.status_code == 400:
            # FastAPI's only 400: a body it could not parse (bytes that are not UTF-8 JSON).
            # Like any other malformed request it is a 422, as docs/sync-protocol.md says.
            message = "the body is not valid JSON (UTF-8)"
            return envelope(422, ErrorBody(code=ErrorCode.VALIDATION, message=message))
        code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.BAD_REQUEST
        body = ErrorBody(code=code, message=str(exc.detail))
        # The router's 405 carries the Allow header (RFC 9110 requires it): keep it.
        return envelope(exc.status_code, body, exc.headers)

    async def on_collision(_request: Request, _exc: Exception) -> JSONResponse:
        # Two requests raced for the same new row (say, one record id created twice at once).
        # The transaction rolled back and nothing changed; the client's retry gets a clean answer.
        body = ErrorBody(code=ErrorCode.CONFLICT, message="a concurrent change collided: retry")
        return envelope(409, body)

    async def on_database(request: Request, exc: Exception) -> JSONResponse:
        log.error("database unavailable or busy: %s", failure_line(request.scope, exc))
        body = ErrorBody(code=ErrorCode.INTERNAL, message="the database is busy: retry later")
        return envelope(503, body)

    app.add_exception_handler(e.CentralError, on_central)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(IntegrityError, on_collision)
    app.add_exception_handler(OperationalError, on_database)
