"""Sync soaks against a real uvicorn store on 127.0.0.1: the laptop process SIGKILLed at random
points of its write-and-sync loop (>= 100 times under --bench-full), connections spoiled by the
fault proxy, and the store process restarted mid-sync. After every fault the laptop's and the
store's sanity digests match, with no lost and no duplicated note (see tests/sync/soak.py).
A few rounds of each run in the default test run (tests/sync/test_faults.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.benchmarks.conftest import BenchReport
from tests.sync.central import Central, ProcessServer, ThreadServer
from tests.sync.soak import enrolled_laptop, kill_soak, proxy_soak, restart_soak

pytestmark = pytest.mark.soak


def test_sigkill_soak(tmp_path: Path, bench_full: bool, bench_report: BenchReport) -> None:
    kills = 100 if bench_full else 2
    central = Central.build(tmp_path / "store")
    started = time.perf_counter()
    with ThreadServer(central) as server:
        written = kill_soak(central, server.url, tmp_path / "vault", kills=kills, seed=2026)
    bench_report.figure("laptop SIGKILLed mid-sync, all checked", kills, "kills", ">= 100 full")
    bench_report.figure("notes written and accounted for", written, "notes")
    bench_report.figure("soak time", time.perf_counter() - started, "s")
    assert written > 0


def test_proxy_and_restart_soak(
    tmp_path: Path, bench_full: bool, bench_report: BenchReport
) -> None:
    rounds = (60, 10) if bench_full else (2, 1)
    central = Central.build(tmp_path / "store")
    with ProcessServer(central) as server:
        client = enrolled_laptop(central, server.url, tmp_path / "vault")
        try:
            seen = proxy_soak(central, client, server.port, rounds=rounds[0], seed=7)
            written = restart_soak(central, client, server, rounds=rounds[1], seed=8)
        finally:
            client.close()
            client.vault.lock()
    for fault, count in sorted(seen.items()):
        bench_report.figure(f"proxy chunks: {fault}", count, "chunks")
    bench_report.figure("store restarts mid-sync, all checked", rounds[1], "restarts")
    bench_report.figure("notes written and accounted for", written, "notes")
