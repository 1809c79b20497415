"""Demo mode's office server: the real central store (erms_desktop.central) on 127.0.0.1, in a
throwaway SQLite file loaded with the synthetic dataset, served by uvicorn on a background
thread. Needs the ``central`` extra; ``available()`` says whether it is installed."""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from pathlib import Path
from typing import Any

from erms_desktop.app_backend.demo_central import DEMO_PASSWORD, DEMO_USERNAME

START_TIMEOUT_S = 20.0
# Small on purpose: starting the store and the first sync over HTTP run while the unlock screen
# waits (the demo volunteer gets 8 of these cases). Benchmarks use the 50-case caseload.
DEMO_CENTRAL_CASES = 12


def available() -> bool:
    return all(importlib.util.find_spec(name) for name in ("fastapi", "uvicorn", "sqlalchemy"))


class EmbeddedCentral:
    """Start with ``start()`` (returns the URL and a fresh enrolment code); ``stop()`` ends it."""

    def __init__(self, folder: Path, case_count: int = DEMO_CENTRAL_CASES) -> None:
        self._folder = folder
        self._case_count = case_count
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._app: Any = None

    def start(self) -> tuple[str, str]:
        import uvicorn

        from erms_desktop.central import admin
        from erms_desktop.central.api import create_app
        from erms_desktop.central.demo import load_demo
        from erms_desktop.central.migrate import upgrade
        from erms_desktop.central.settings import CentralSettings
        from erms_desktop.domain.demo_data import generate_demo_data

        self._folder.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{self._folder / 'central.db'}"
        upgrade(url)
        settings = CentralSettings(database_url=url)
        self._app = create_app(settings)
        with self._app.state.store.unit() as session:
            load_demo(
                session, settings, DEMO_PASSWORD, generate_demo_data(case_count=self._case_count)
            )
            code: str = admin.create_enrolment_code(session, settings, DEMO_USERNAME, "DEMO-01")
        port = _free_port()
        config = uvicorn.Config(
            self._app, host="127.0.0.1", port=port, log_level="error", access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="erms-demo-central", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the demo central store did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{port}", code

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._app is not None:
            self._app.state.store.engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
