"""Check-in soak against a real uvicorn store on 127.0.0.1: the laptop process SIGKILLed at each
step of a check-in in turn (>= 50 interrupted check-ins under --bench-full), and check-ins run
through the fault proxy until they end. After every interruption the laptop holds all its work or
the store holds it all and the receipt exists (tests/sync/checkin_soak.py). A few rounds of each
run in the default test run (tests/sync/test_checkin_faults.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.benchmarks.conftest import BenchReport
from tests.sync.central import ThreadServer
from tests.sync.checkin_helpers import staff_session
from tests.sync.checkin_soak import STEPS, SoakCentral, kill_soak, proxy_soak

pytestmark = pytest.mark.soak
#: About 8 s per interrupted check-in on the shared 2-core development machine (a new laptop
#: enrolled and synced, a child process started and killed, the check-in resumed to its end).
FULL_TIMEOUT = 1800


@pytest.mark.timeout(FULL_TIMEOUT)
def test_checkin_sigkill_soak(tmp_path: Path, bench_full: bool, bench_report: BenchReport) -> None:
    rounds = 7 * STEPS if bench_full else 1
    central = SoakCentral.build(tmp_path / "store")
    started = time.perf_counter()
    with ThreadServer(central) as server:
        seen = kill_soak(
            central, server.url, staff_session(server.url), tmp_path, rounds=rounds, seed=2026
        )
    for what, count in sorted(seen.items()):
        bench_report.figure(what, count, "check-ins")
    bench_report.figure("check-ins SIGKILLed, all checked", rounds, "check-ins", ">= 50 full")
    bench_report.figure("soak time", time.perf_counter() - started, "s")
    assert sum(n for what, n in seen.items() if what.startswith("held by")) == rounds


@pytest.mark.timeout(FULL_TIMEOUT)
def test_checkin_proxy_soak(tmp_path: Path, bench_full: bool, bench_report: BenchReport) -> None:
    rounds = 20 if bench_full else 1
    central = SoakCentral.build(tmp_path / "store")
    with ThreadServer(central) as server:
        seen = proxy_soak(central, server.port, tmp_path, rounds=rounds, seed=11)
    for what, count in sorted(seen.items()):
        bench_report.figure(what, count, "")
    bench_report.figure("check-ins through the fault proxy", rounds, "check-ins")
