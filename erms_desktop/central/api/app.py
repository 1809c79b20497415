"""The app factory: ``create_app(settings)`` builds a complete service on any database URL."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from erms_desktop import __version__
from erms_desktop.central.api import (
    routes_attachments,
    routes_auth,
    routes_checkin,
    routes_held_removal,
    routes_office,
    routes_office_auth,
    routes_office_cases,
    routes_office_dpo,
    routes_office_files,
    routes_office_oversight,
    routes_office_people,
    routes_office_referrals,
    routes_office_reports,
    routes_sync,
)
from erms_desktop.central.api.deps import Database, UpgradeRequiredError
from erms_desktop.central.api.errors import install
from erms_desktop.central.api.limits import BodyLimit
from erms_desktop.central.api.request_context import RequestContext
from erms_desktop.central.settings import CentralSettings
from erms_desktop.protocol.messages import (
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    SCHEMA_VERSION,
    ErrorBody,
    ErrorCode,
    UpgradeRequired,
)


def create_app(settings: CentralSettings) -> FastAPI:
    database = Database.open(settings)
    logging.getLogger("erms_desktop.central").setLevel(settings.log_level)
    app = FastAPI(
        title="ERMS central store",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        lifespan=_checkpointing(database),
    )
    app.state.store = database
    install(app)

    async def upgrade_required(_request: Request, _exc: Exception) -> JSONResponse:
        body = UpgradeRequired(
            error=ErrorBody(
                code=ErrorCode.UPGRADE_REQUIRED,
                message=f"this store speaks protocol {MIN_PROTOCOL_VERSION}-{PROTOCOL_VERSION} "
                f"and schema {SCHEMA_VERSION}: install the current ERMS Desktop",
            ),
            min_protocol_version=MIN_PROTOCOL_VERSION,
            protocol_version=PROTOCOL_VERSION,
            schema_version=SCHEMA_VERSION,
        )
        return JSONResponse(body.model_dump(mode="json"), status_code=426)

    app.add_exception_handler(UpgradeRequiredError, upgrade_required)
    for module in (
        *(routes_auth, routes_sync, routes_attachments, routes_held_removal),
        *(routes_office, routes_office_referrals, routes_office_cases, routes_office_reports),
        *(routes_office_people, routes_office_auth, routes_office_dpo, routes_office_files),
        routes_checkin,
    ):
        app.include_router(module.router)
    app.include_router(routes_attachments.batch_router)
    app.include_router(routes_office_oversight.router)
    app.include_router(routes_auth.open_router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    # Added last, so it is the outermost of ours: it sees every failure below it.
    app.add_middleware(RequestContext)
    return app


def _checkpointing(database: Database) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """While the app runs, checkpoint the audit head on a timer, and once more at shutdown."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async def every_interval() -> None:
            while True:
                await asyncio.sleep(database.settings.audit_checkpoint_seconds)
                await run_in_threadpool(database.checkpoint)

        timer = asyncio.create_task(every_interval())
        try:
            yield
        finally:
            timer.cancel()
            with suppress(asyncio.CancelledError):
                await timer
            await run_in_threadpool(database.checkpoint)

    return lifespan
