"""Sync benchmarks against a local store process on 127.0.0.1, each next to the time to write
the same records straight into the vault (the ratio is what sync adds).

- the initial sync of a heavy caseload: 50 cases, 5,000 notes, 200 attachments of 100 KB
  (target under 10 s, and within 3x of writing the same straight into the vault);
- one new note as one push and one pull (target under 100 ms, the median of repeated cycles).

Small in the default run; full size with targets asserted under --bench-full.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from erms_desktop.domain import Note
from erms_desktop.sync.client import SyncClient
from tests.benchmarks.conftest import BenchReport
from tests.sync.central import PASSWORD, Central, ProcessServer
from tests.sync.laptops import new_vault


def _laptop(central: Central, url: str, folder: Path) -> SyncClient:
    client = SyncClient(new_vault(folder))
    client.enrol(url, central.code("vera"), "vera", PASSWORD)
    return client


def test_initial_sync_of_a_heavy_caseload(
    tmp_path: Path, bench_full: bool, bench_report: BenchReport
) -> None:
    cases, notes, documents, size = (50, 5000, 200, 100_000) if bench_full else (6, 300, 10, 10_000)
    central = Central.build(tmp_path / "store", cases, all_to_vera=True)
    contents = central.add_caseload(notes, documents, size)
    with ProcessServer(central) as server:
        client = _laptop(central, server.url, tmp_path / "vault")
        started = time.perf_counter()
        report = client.sync()
        synced = time.perf_counter() - started
        assert client.engine().digest_differences() == []
        client.close()
    store = client.vault.store
    held = store.find_all(Note)
    assert len(held) >= notes
    assert all(store.has_attachment(sha) for sha in contents)
    records = list(central.dataset.entities())
    direct_vault = new_vault(tmp_path / "direct")
    started = time.perf_counter()
    direct_vault.store.save_many([*records, *held])
    direct_vault.store.put_attachments(contents.values())
    direct = time.perf_counter() - started
    client.vault.lock()
    direct_vault.lock()
    bench_report.figure("initial sync (records pulled)", report.pulled, "records")
    bench_report.figure("initial sync", synced, "s", "< 10 s at full size")
    bench_report.figure("same records straight into the vault", direct, "s")
    bench_report.figure("sync / direct write", synced / direct, "x", "<= 3 (issue 20)")
    if bench_full:
        assert synced < 10
        assert synced / direct <= 3


def test_one_new_note_as_one_push_and_one_pull(
    tmp_path: Path, bench_full: bool, bench_report: BenchReport
) -> None:
    rounds = 50 if bench_full else 8
    central = Central.build(tmp_path / "store", 12 if bench_full else 4)
    with ProcessServer(central) as server:
        client = _laptop(central, server.url, tmp_path / "vault")
        client.sync()
        engine = client.engine()
        case_id = central.volunteer_cases()[0]
        author = client.credentials().user_id  # type: ignore[union-attr]
        cycles, writes = [], []
        for i in range(rounds):
            note = central.note_in(case_id, f"Quick note {i} after the phone call.", author)
            started = time.perf_counter()
            client.vault.store.save(note)
            writes.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = engine.sync()
            cycles.append(time.perf_counter() - started)
            assert report.pushed == 1
        assert engine.digest_differences() == []
        client.close()
        client.vault.lock()
    cycle, write = statistics.median(cycles), statistics.median(writes)
    bench_report.figure("one note push + pull (median)", cycle * 1000, "ms", "< 15 ms (issue 20)")
    bench_report.figure("one note push + pull (max)", max(cycles) * 1000, "ms")
    bench_report.figure("same note straight into the vault", write * 1000, "ms")
    bench_report.figure("sync / direct write", cycle / write, "x")
    if bench_full:
        assert cycle < 0.1
