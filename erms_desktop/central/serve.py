"""Running the service on uvicorn (one process, or several workers sharing the database)."""

from __future__ import annotations

import os

from erms_desktop.central.asgi import DATABASE_ENV
from erms_desktop.central.errors import ConfigurationError
from erms_desktop.central.log_hygiene import log_config


def serve(database_url: str, host: str, port: int, workers: int) -> None:
    import uvicorn

    if not 0 < port < 65536 or not 0 < workers <= 64:
        raise ConfigurationError("the port is 1-65535 and workers 1-64")
    os.environ[DATABASE_ENV] = database_url
    uvicorn.run(
        "erms_desktop.central.asgi:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # URLs carry record ids; the audit log is the record of access
        log_level="warning",
        log_config=log_config("warning"),  # no traceback (nor its content) is ever written
    )
