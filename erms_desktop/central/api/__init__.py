"""The HTTP API of the central store (FastAPI). ``create_app(settings)`` builds one."""

from erms_desktop.central.api.app import create_app

__all__ = ["create_app"]
