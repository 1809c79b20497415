"""Every refusal answers with the protocol's error envelope and a fitting 4xx status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from erms_desktop.central import errors as e
from erms_desktop.central.api.refusals import audit_refusal
from erms_desktop.protocol.messages import ErrorBody, ErrorCode, ErrorEnvelope

_log = logging.getLogger("erms_desktop.central")

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


def envelope(status: int, body: ErrorBody) -> JSONResponse:
    return JSONResponse(ErrorEnvelope(error=body).model_dump(mode="json"), status_code=status)


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
        assert isinstance(exc, e.CentralError)
        response = error_response(exc)
        await audit_refusal(request, exc, str(response.status_code))
        return response

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        await audit_refusal(request, exc, "422")
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', '')}"
            for err in exc.errors()[:10]
        )
        return envelope(422, ErrorBody(code=ErrorCode.VALIDATION, message=problems[:2000]))

    async def on_http(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.BAD_REQUEST
        return envelope(exc.status_code, ErrorBody(code=code, message=str(exc.detail)))

    async def on_collision(_request: Request, _exc: Exception) -> JSONResponse:
        # Two requests raced for the same new row (say, one record id created twice at once).
        # The transaction rolled back and nothing changed; the client's retry gets a clean answer.
        body = ErrorBody(code=ErrorCode.CONFLICT, message="a concurrent change collided: retry")
        return envelope(409, body)

    async def on_database(_request: Request, exc: Exception) -> JSONResponse:
        _log.error("database unavailable or busy: %s", type(exc).__name__)
        body = ErrorBody(code=ErrorCode.INTERNAL, message="the database is busy: retry later")
        return envelope(503, body)

    async def on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # Only the exception type is logged: messages could carry case data.
        _log.error("unexpected %s", type(exc).__name__)
        return envelope(500, ErrorBody(code=ErrorCode.INTERNAL, message="internal error"))

    app.add_exception_handler(e.CentralError, on_central)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(IntegrityError, on_collision)
    app.add_exception_handler(OperationalError, on_database)
    app.add_exception_handler(Exception, on_unexpected)
