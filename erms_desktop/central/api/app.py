"""The app factory: ``create_app(settings)`` builds a complete service on any database URL."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from erms_desktop import __version__
from erms_desktop.central.api import routes_attachments, routes_auth, routes_office, routes_sync
from erms_desktop.central.api.deps import Store, UpgradeRequiredError
from erms_desktop.central.api.errors import install
from erms_desktop.central.api.limits import BodyLimit
from erms_desktop.central.api.request_context import RequestContext
from erms_desktop.central.db import make_engine, make_session_factory
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
    engine = make_engine(settings.database_url)
    app = FastAPI(title="ERMS central store", version=__version__, docs_url=None, redoc_url=None)
    app.state.store = Store(settings, engine, make_session_factory(engine))
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
    for module in (routes_auth, routes_sync, routes_attachments, routes_office):
        app.include_router(module.router)
    app.include_router(routes_auth.open_router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    # Added last, so it is the outermost of ours: it sees every failure below it.
    app.add_middleware(RequestContext)
    return app
