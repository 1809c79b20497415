"""Load on the central store: simulated laptops doing realistic sync cycles against the real
erms-central on uvicorn and PostgreSQL over loopback.

Each device enrols and signs in once, then repeats a sync cycle - pull until caught up, push a
small batch (new notes, an edit of the case header), pull again - with think time between
cycles. Full size (``--bench-full``): 200 devices, checking no errors and p99 under 250 ms for
pull and push. A second phase measures saturated throughput (no think time) with one uvicorn
worker and with two. The default run does a small version of both.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from erms_desktop.central import admin, casework
from erms_desktop.central.api.deps import Database
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain import Note
from erms_desktop.domain.records import to_fields
from tests.benchmarks.conftest import BenchReport
from tests.central.pg import throwaway_database
from tests.central.server import running_store
from tests.central.store_settings import store_settings, write_settings_file
from tests.central.world import VERSIONS

PASSWORD = "benchmark password 1"


@dataclass
class Sim:
    username: str
    user_id: str
    code: str
    case_id: str
    file_id: str
    headers: dict[str, str] = field(default_factory=lambda: dict(VERSIONS))
    cursor: int = 0
    seq: int = 1
    case_version: int = 0


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)


def _seed(settings: CentralSettings, devices: int) -> list[Sim]:
    """One volunteer, laptop and case per simulated device (cheap Argon2 keeps set-up quick;
    hashes carry their parameters, so the server verifies them as usual)."""
    database = Database.open(settings)
    sims = []
    try:
        with database.unit() as s:
            for n in range(devices):
                user = admin.create_user(s, settings, f"vol{n}", "volunteer", PASSWORD)
                code = admin.create_enrolment_code(s, settings, user.username, f"LAP-{n}")
                referral = casework.create_referral(s, "essex_police", date(2026, 1, 1))
                case = casework.create_case_from_referral(
                    s,
                    referral.id,
                    service_reference=f"RJ-{n}",
                    offence_type="theft",
                    offence_summary="Theft of a bicycle",
                    justice_stage="post_sentence",
                )
                casework.allocate(s, casework.AllocationSpec(user.id, case.id))
                file_id = casework.party_files(s, case.id)[0].id
                sims.append(Sim(user.username, user.id, code, case.id, file_id))
    finally:
        database.engine.dispose()
    return sims


async def _timed(stats: Stats, kind: str, call: Any) -> httpx.Response:
    started = time.perf_counter()
    response: httpx.Response = await call
    stats.add(kind, time.perf_counter() - started)
    if response.status_code != 200:
        stats.errors.append(f"{kind} {response.status_code} {response.text[:200]}")
    return response


async def _join(http: httpx.AsyncClient, sim: Sim) -> None:
    enrolled = (
        await http.post(
            "/v1/enrol",
            headers=VERSIONS,
            json={
                "code": sim.code,
                "username": sim.username,
                "password": PASSWORD,
                "device_name": "bench",
            },
        )
    ).json()
    signed = await http.post(
        "/v1/sign-in",
        headers=VERSIONS,
        json={
            "device_id": enrolled["device_id"],
            "device_secret": enrolled["device_secret"],
            "username": sim.username,
            "password": PASSWORD,
        },
    )
    sim.headers["Authorization"] = f"Bearer {signed.json()['token']}"


async def _pull(http: httpx.AsyncClient, sim: Sim, stats: Stats) -> None:
    while True:
        page = await _timed(
            stats,
            "pull",
            http.get(
                "/v1/sync/pull", params={"cursor": sim.cursor, "limit": 200}, headers=sim.headers
            ),
        )
        body = page.json()
        if page.status_code != 200:
            return
        for change in body["changes"]:
            if change.get("id") == sim.case_id:
                sim.case_version = change["version"]
        sim.cursor = body["cursor"]
        if not body["more"]:
            return


def _mutations(sim: Sim, rng: random.Random) -> list[dict[str, Any]]:
    batch = []
    for _ in range(rng.randint(1, 3)):
        note = Note(
            id=str(uuid.uuid4()),
            case_id=sim.case_id,
            party_file_id=sim.file_id,
            author_id=sim.user_id,
            body="Phoned to talk through the next meeting.",
            created_at=datetime.now(UTC),
        )
        batch.append(
            {
                "kind": "note",
                "record_id": note.id,
                "op": "create",
                "base_version": 0,
                "fields": to_fields(note),
            }
        )
    if rng.random() < 0.3 and sim.case_version:
        batch.append(
            {
                "kind": "case",
                "record_id": sim.case_id,
                "op": "update",
                "base_version": sim.case_version,
                "fields": {"next_action": f"Call back ({rng.randint(1, 99)})"},
            }
        )
    for mutation in batch:
        mutation["device_seq"] = sim.seq
        sim.seq += 1
    return batch


async def _cycle(http: httpx.AsyncClient, sim: Sim, stats: Stats, rng: random.Random) -> None:
    await _pull(http, sim, stats)
    pushed = await _timed(
        stats,
        "push",
        http.post("/v1/sync/push", json={"mutations": _mutations(sim, rng)}, headers=sim.headers),
    )
    if pushed.status_code == 200:
        bad = [r for r in pushed.json()["results"] if r["status"] not in ("applied", "conflict")]
        stats.errors.extend(f"push {r['status']}: {r.get('reason')}" for r in bad)
    await _pull(http, sim, stats)


def _client(base: str) -> httpx.AsyncClient:
    """One client (a pool of connections) shared by the simulated devices: making 200 clients
    would stall the generator's event loop for seconds, then release a burst of every device
    whose start time passed meanwhile - a load the laptops never make."""
    limits = httpx.Limits(max_connections=300, max_keepalive_connections=300)
    return httpx.AsyncClient(base_url=base, timeout=60, limits=limits)


async def _device(
    http: httpx.AsyncClient,
    sim: Sim,
    stats: Stats,
    cycles: int,
    think: tuple[float, float],
    seed: int,
) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, think[1]))  # laptops do not all start together
    await _join(http, sim)
    for _ in range(cycles):
        await _cycle(http, sim, stats, rng)
        await asyncio.sleep(rng.uniform(*think))


async def _saturate(base: str, sims: list[Sim], seconds: float) -> tuple[int, Stats]:
    stats, deadline = Stats(), time.monotonic() + seconds

    async def loop(http: httpx.AsyncClient, sim: Sim, seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            await _cycle(http, sim, stats, rng)

    async with _client(base) as http:
        await asyncio.gather(*(loop(http, sim, n) for n, sim in enumerate(sims)))
    return sum(len(v) for v in stats.latencies.values()), stats


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@pytest.mark.postgres
def test_central_load(bench_full: bool, bench_report: BenchReport, tmp_path: Path) -> None:
    # Full size: every laptop syncs every 15-45 s - far more often than real laptops, which
    # sync when the volunteer saves work or every few minutes.
    devices, cycles = (200, 3) if bench_full else (12, 2)
    think = (15.0, 45.0) if bench_full else (0.2, 0.6)
    saturation_devices, saturation_seconds = (16, 20.0) if bench_full else (6, 3.0)
    with throwaway_database("erms_bench") as db_url:
        # Every simulated laptop enrols and signs in from 127.0.0.1: no per-address limit here.
        limits = {"enrol_limit_per_address": 100_000, "sign_in_limit_per_address": 100_000}
        settings_file = write_settings_file(tmp_path, **limits)
        sims = _seed(store_settings(db_url, tmp_path, **limits), devices)
        with running_store(db_url, settings_file=settings_file) as base:
            stats = Stats()
            started = time.perf_counter()

            async def everyone() -> None:
                async with _client(base) as http:
                    await asyncio.gather(
                        *(_device(http, sim, stats, cycles, think, n) for n, sim in enumerate(sims))
                    )

            asyncio.run(everyone())
            elapsed = time.perf_counter() - started
            for sim in sims:
                sim.cursor = 0
            one_worker, _ = asyncio.run(
                _saturate(base, sims[:saturation_devices], saturation_seconds)
            )
        with running_store(db_url, workers=2, settings_file=settings_file) as base:
            for sim in sims:
                sim.cursor = 0
            two_workers, _ = asyncio.run(
                _saturate(base, sims[:saturation_devices], saturation_seconds)
            )
    requests = sum(len(v) for v in stats.latencies.values())
    bench_report.figure("simulated devices", devices, "devices")
    bench_report.figure("sync cycles per device", cycles, "cycles")
    bench_report.figure("requests/s (realistic cycles)", requests / elapsed, "req/s")
    for kind in ("pull", "push"):
        values = stats.latencies[kind]
        bench_report.figure(f"{kind} p50", statistics.median(values) * 1000, "ms")
        bench_report.figure(f"{kind} p95", _percentile(values, 0.95) * 1000, "ms")
        bench_report.figure(f"{kind} p99", _percentile(values, 0.99) * 1000, "ms", "< 250 ms")
    rate_one = one_worker / saturation_seconds
    rate_two = two_workers / saturation_seconds
    bench_report.figure("saturated throughput, 1 worker", rate_one, "req/s")
    bench_report.figure("saturated throughput, 2 workers", rate_two, "req/s")
    bench_report.figure("2 workers / 1 worker", rate_two / rate_one, "x")
    bench_report.figure("errors", len(stats.errors), "errors", "0")
    assert stats.errors == []
    if bench_full:
        assert _percentile(stats.latencies["pull"], 0.99) < 0.250
        assert _percentile(stats.latencies["push"], 0.99) < 0.250
