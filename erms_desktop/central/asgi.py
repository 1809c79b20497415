"""Entry point for uvicorn workers: ``uvicorn --factory erms_desktop.central.asgi:app_from_env``.

Several worker processes each build their own app from the environment (and the settings file
it names); the store is stateless between requests, so workers (and hosts behind a load
balancer) share nothing but the database and the audit key and checkpoint file.
"""

from __future__ import annotations

from fastapi import FastAPI

from erms_desktop.central.api import create_app
from erms_desktop.central.settings import load_settings


def app_from_env() -> FastAPI:
    return create_app(load_settings())
