"""Demo mode's office server: the real central store (erms_desktop.central) on 127.0.0.1, in a
throwaway SQLite file loaded with the synthetic dataset. Needs the ``central`` extra (the
README's demo command installs it).

It runs as a child process (``python -m erms_desktop.demo.embedded_central FOLDER``), so
the desktop app's own memory holds no web server or ORM, and a crash of either side cannot take
the other down. The child prints ``READY <port> <enrolment code>`` once serving, and exits when
its stdin closes (so it never outlives the app). A frozen app, which cannot start Python
modules, serves from a background thread instead.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from erms_desktop.demo.account import DEMO_PASSWORD, DEMO_USERNAME

START_TIMEOUT_S = 60.0
# Small on purpose: starting the store and the first sync over HTTP run while the unlock screen
# waits (the demo volunteer gets 8 of these cases). Benchmarks use the 50-case caseload.
DEMO_CENTRAL_CASES = 12


class EmbeddedCentral:
    """Start with ``start()`` (returns the URL and a fresh enrolment code); ``stop()`` ends it."""

    def __init__(self, folder: Path, case_count: int = DEMO_CENTRAL_CASES) -> None:
        self._folder = folder
        self._case_count = case_count
        self._child: subprocess.Popen[str] | None = None
        self._in_process: _ThreadServer | None = None

    def start(self) -> tuple[str, str]:
        if getattr(sys, "frozen", False):
            self._in_process = _ThreadServer(*_seed(self._folder, self._case_count))
            return self._in_process.start()
        self._child = subprocess.Popen(
            [sys.executable, "-m", __name__, str(self._folder), str(self._case_count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        if self._child.stdout is None:
            raise RuntimeError("the demo store's output pipe did not open")
        line = self._child.stdout.readline().split()  # blocks until READY or the child dies
        if len(line) != 3 or line[0] != "READY":
            self.stop()
            raise RuntimeError("the demo central store did not start")
        return f"http://127.0.0.1:{line[1]}", line[2]

    def stop(self) -> None:
        if self._child is not None:
            with contextlib.suppress(OSError):
                if self._child.stdin is not None:
                    self._child.stdin.close()  # the child's cue to exit
            try:
                self._child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._child.kill()
                self._child.wait(timeout=10)
            self._child = None
        if self._in_process is not None:
            self._in_process.stop()
            self._in_process = None


def _seed(folder: Path, case_count: int) -> tuple[Any, str]:
    """Migrate a new store, load the demo dataset, and issue the demo volunteer a code."""
    from erms_desktop.central import admin
    from erms_desktop.central.api import create_app
    from erms_desktop.central.migrate import upgrade
    from erms_desktop.central.settings import CentralSettings
    from erms_desktop.demo.central_load import load_demo
    from erms_desktop.demo.data import generate_demo_data

    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'central.db'}"
    upgrade(url)
    settings = CentralSettings(
        database_url=url,
        audit_key_file=folder / "audit.key",
        audit_checkpoint_file=folder / "audit-checkpoints.jsonl",
    )
    app = create_app(settings)
    with app.state.store.unit() as session:
        load_demo(session, settings, DEMO_PASSWORD, generate_demo_data(case_count=case_count))
        code: str = admin.create_enrolment_code(session, settings, DEMO_USERNAME, "DEMO-01")
    return app, code


class _ThreadServer:
    def __init__(self, app: Any, code: str) -> None:
        import uvicorn

        self._app, self._code, self.port = app, code, _free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="error", access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="erms-demo-central", daemon=True
        )

    def start(self) -> tuple[str, str]:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the demo central store did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}", self._code

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._app.state.store.engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serve_child(folder: Path, case_count: int) -> None:
    server = _ThreadServer(*_seed(folder, case_count))
    _url, code = server.start()
    print(f"READY {server.port} {code}", flush=True)
    sys.stdin.read()  # until the app closes our stdin (or dies)
    server.stop()


if __name__ == "__main__":
    _serve_child(Path(sys.argv[1]), int(sys.argv[2]))
