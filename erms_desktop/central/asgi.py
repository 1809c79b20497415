"""Entry point for uvicorn workers: ``uvicorn --factory erms_desktop.central.asgi:app_from_env``.

Several worker processes each build their own app from the environment; the store is stateless
between requests, so workers (and hosts behind a load balancer) share nothing but the database.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from erms_desktop.central.api import create_app
from erms_desktop.central.settings import CentralSettings

DATABASE_ENV = "ERMS_CENTRAL_DB"


def app_from_env() -> FastAPI:
    return create_app(CentralSettings(database_url=os.environ[DATABASE_ENV]))
