"""Running the service on uvicorn (one process, or several workers sharing the database)."""

from __future__ import annotations

import os
from pathlib import Path

from erms_desktop.central.errors import ConfigurationError
from erms_desktop.central.log_hygiene import log_config
from erms_desktop.central.settings import ENV_PREFIX, SETTINGS_FILE_ENV, CentralSettings


def serve(
    settings: CentralSettings, settings_file: Path | None, host: str, port: int, workers: int
) -> None:
    """Workers read their settings from the environment: the database URL and settings file
    chosen on the command line are passed on that way."""
    import uvicorn

    if not 0 < port < 65536 or not 0 < workers <= 64:
        raise ConfigurationError("the port is 1-65535 and workers 1-64")
    os.environ[f"{ENV_PREFIX}DATABASE_URL"] = settings.database_url
    if settings_file is not None:
        os.environ[SETTINGS_FILE_ENV] = str(settings_file.resolve())
    uvicorn.run(
        "erms_desktop.central.asgi:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # URLs carry record ids; the audit log is the record of access
        log_level=settings.log_level.lower(),
        # No traceback (nor its content) is ever written, whatever the level.
        log_config=log_config(settings.log_level.upper()),
    )
