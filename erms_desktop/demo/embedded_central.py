"""Demo mode's office server: the real central store (erms_desktop.central) on 127.0.0.1, in a
throwaway SQLite file loaded with the synthetic dataset. Needs the ``central`` extra (the
README's demo command installs it).

It runs as a child process (``python -m erms_desktop.demo.embedded_central FOLDER``), so
the desktop app's own memory holds no web server or ORM, and a crash of either side cannot take
the other down. The app launches it as soon as the unlock screen shows (``launch``) and
prepares its own side while the store loads (launching it before the first screen only slows
that screen). The child prints ``READY <port> <enrolment code>`` once serving (the demo data
may still be loading: requests that need it wait, see ``_serve``), and exits when its stdin
closes (so it never outlives the app). A frozen app, which cannot start Python modules,
serves from a background thread instead.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from erms_desktop.demo.account import DEMO_PASSWORD, DEMO_USERNAME

START_TIMEOUT_S = 60.0
# Small on purpose: starting the store and the first sync over HTTP run while the unlock screen
# waits (the demo volunteer gets 8 of these cases). Benchmarks use the 50-case caseload.
DEMO_CENTRAL_CASES = 12
# The office's password hashing for the demo accounts, still Argon2id and memory-hard but a
# sixth of the office's cost: their password is printed on the unlock screen and the hashes
# never leave the throwaway folder. Five hashes lie between a new user and the case list.
DEMO_ARGON2_MEMORY_KIB, DEMO_ARGON2_ITERATIONS = 8 * 1024, 1


class EmbeddedCentral:
    """``launch()`` sets the child going; ``start()`` (launching it if need be) waits until it
    serves and returns the URL and a fresh enrolment code; ``stop()`` ends it."""

    def __init__(self, folder: Path, case_count: int = DEMO_CENTRAL_CASES) -> None:
        self._folder = folder
        self._case_count = case_count
        self._child: subprocess.Popen[str] | None = None
        self._serving = False  # the child said READY
        self._in_process: _ThreadServer | None = None

    def launch(self) -> None:
        """Start the child and return at once: it loads its store while the caller does other
        work, and ``start`` then waits only for what is left."""
        if self._child is None and not getattr(sys, "frozen", False):
            self._child = subprocess.Popen(
                [sys.executable, "-m", __name__, str(self._folder), str(self._case_count)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )

    def start(self) -> tuple[str, str]:
        if getattr(sys, "frozen", False):
            codes: list[str] = []
            server = _serve(self._folder, self._case_count, lambda _port, code: codes.append(code))
            self._in_process = server
            return f"http://127.0.0.1:{server.port}", codes[0]
        self.launch()
        if self._child is None or self._child.stdout is None:
            raise RuntimeError("the demo store did not start")
        line = self._child.stdout.readline().split()  # blocks until READY or the child dies
        if len(line) != 3 or line[0] != "READY":
            self.stop()
            raise RuntimeError("the demo central store did not start")
        self._serving = True
        return f"http://127.0.0.1:{line[1]}", line[2]

    def stop(self) -> None:
        if self._child is not None:
            if not self._serving:  # still loading (the app closed first): it needs no goodbye
                self._child.kill()
            with contextlib.suppress(OSError):
                if self._child.stdin is not None:
                    self._child.stdin.close()  # the child's cue to exit
            try:
                self._child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._child.kill()
                self._child.wait(timeout=10)
            self._child, self._serving = None, False
        if self._in_process is not None:
            self._in_process.stop()
            self._in_process = None


def _serve(folder: Path, case_count: int, ready: Callable[[int, str], None]) -> _ThreadServer:
    """Create a new store (from the migrations' snapshot), serve it, and load the demo data.
    The data goes in one transaction that starts before the server does and holds the
    database's write lock (every transaction here begins IMMEDIATE): ``ready`` gets the port and
    the demo volunteer's enrolment code as soon as requests are answered, so the app checks
    the server and makes its vault while the data loads, and its enrolment, the first request
    that needs the store, waits for the data to commit."""
    from erms_desktop.central import admin
    from erms_desktop.central.api import create_app
    from erms_desktop.central.settings import CentralSettings, PasswordHashing
    from erms_desktop.demo import central_schema
    from erms_desktop.demo.central_load import add_demo_records, add_demo_users
    from erms_desktop.demo.data import generate_demo_data

    folder.mkdir(parents=True, exist_ok=True)
    central_schema.create(folder / "central.db")
    settings = CentralSettings(
        database_url=f"sqlite:///{folder / 'central.db'}",
        audit_key_file=folder / "audit.key",
        audit_checkpoint_file=folder / "audit-checkpoints.jsonl",
        argon2=PasswordHashing(
            memory_kib=DEMO_ARGON2_MEMORY_KIB, iterations=DEMO_ARGON2_ITERATIONS
        ),
    )
    server = _ThreadServer(create_app(settings))
    with server.store.unit() as session:
        add_demo_users(session, settings, DEMO_PASSWORD)
        code: str = admin.create_enrolment_code(session, settings, DEMO_USERNAME, "DEMO-01")
        server.start()
        ready(server.port, code)
        # Dated from today, so the demo's next actions and reviews fall due as they would.
        add_demo_records(session, generate_demo_data(case_count=case_count, today=date.today()))
    return server


class _ThreadServer:
    def __init__(self, app: Any) -> None:
        import uvicorn

        self.store, self.port = app.state.store, _free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="error", access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="erms-demo-central", daemon=True
        )

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the demo central store did not start")
            time.sleep(0.005)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.store.engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serve_child(folder: Path, case_count: int) -> None:
    def ready(port: int, code: str) -> None:
        print(f"READY {port} {code}", flush=True)

    server = _serve(folder, case_count, ready)
    sys.stdin.read()  # until the app closes our stdin (or dies)
    server.stop()


if __name__ == "__main__":
    _serve_child(Path(sys.argv[1]), int(sys.argv[2]))
