"""Demo mode's office server: launched as the app starts, so it loads its store while the
unlock screen shows; an app closed before it is ready does not wait for it."""

from __future__ import annotations

import signal
import sqlite3
import sys
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx

from erms_desktop.demo import embedded_central
from erms_desktop.demo.account import DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.demo.data import generate_demo_data
from erms_desktop.demo.embedded_central import EmbeddedCentral
from tests.central.world import VERSIONS


def test_launched_early_then_serving_when_started(tmp_path: Path) -> None:
    central = EmbeddedCentral(tmp_path / "central", case_count=2)
    central.launch()  # returns at once: the child loads its store meanwhile
    central.launch()  # a second call changes nothing
    try:
        url, code = central.start()
        assert httpx.get(f"{url}/v1/health", headers=VERSIONS).status_code == 200
        assert code
    finally:
        central.stop()


def test_stop_before_ready_ends_the_loading_child_at_once(tmp_path: Path) -> None:
    central = EmbeddedCentral(tmp_path / "central", case_count=2)
    central.launch()
    child = central._child  # the process itself, to see how it ended
    assert child is not None
    central.stop()
    assert child.returncode == (-signal.SIGKILL if sys.platform != "win32" else 1)


def _committed_records(database: Path) -> int:
    with closing(sqlite3.connect(database)) as reader:
        count: int = reader.execute("SELECT count(*) FROM records").fetchone()[0]
        return count


def test_serving_before_the_data_is_in_and_the_enrolment_waits_for_it(tmp_path: Path) -> None:
    """Ready as soon as requests are answered, with the data still loading; an enrolment sent
    at that moment is answered once all of the data is committed, never before."""
    database = tmp_path / "central" / "central.db"
    seen: dict[str, Any] = {}

    def enrol(base: str, code: str) -> None:
        body = {"code": code, "username": DEMO_USERNAME, "password": DEMO_PASSWORD}
        body["device_name"] = "laptop"
        seen["enrolled"] = httpx.post(f"{base}/v1/enrol", json=body, headers=VERSIONS, timeout=30)
        seen["records after enrolling"] = _committed_records(database)

    def ready(port: int, code: str) -> None:
        base = f"http://127.0.0.1:{port}"
        seen["health"] = httpx.get(f"{base}/v1/health", headers=VERSIONS).status_code
        seen["records when ready"] = _committed_records(database)
        seen["enrolling"] = threading.Thread(target=enrol, args=(base, code))
        seen["enrolling"].start()

    server = embedded_central._serve(tmp_path / "central", 2, ready)
    try:
        seen["enrolling"].join(timeout=30)
        assert seen["health"] == 200
        assert seen["records when ready"] == 0
        assert seen["enrolled"].status_code == 200
        everything = len(list(generate_demo_data(case_count=2).entities()))
        assert seen["records after enrolling"] == everything
        with closing(sqlite3.connect(database)) as reader:
            hashes = [row[0] for row in reader.execute("SELECT password_hash FROM users")]
        assert hashes
        assert all(h.startswith("$argon2id$v=19$m=8192,t=1,") for h in hashes)  # the demo's cost
    finally:
        server.stop()
