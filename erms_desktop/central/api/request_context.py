"""Every request gets an id, and no exception escapes to the server.

The id is answered in ``X-Request-ID`` and names the request in the store's log, so an operator
can match a client's report to a log line without the log holding anything about the request's
content. An exception no handler took is answered with the 500 error envelope here instead of
travelling on to uvicorn: uvicorn would log its full traceback (whose messages can hold record
fields, and SQL parameters in SQLAlchemy's) and drop the connection, so the client's next request
on it would see a reset.
"""

from __future__ import annotations

import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from erms_desktop.central.api.errors import envelope, failure_line, log
from erms_desktop.protocol.messages import ErrorBody, ErrorCode

REQUEST_ID_HEADER = "X-Request-ID"


class RequestContext:
    """Pure ASGI middleware (inside Starlette's own error middleware, which would re-raise)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            log.error("unexpected %s", failure_line(scope, exc))
            if not started:
                body = ErrorBody(code=ErrorCode.INTERNAL, message="internal error")
                await envelope(500, body)(scope, receive, send_with_id)
