"""Issue 15, point 6: search over a caseload of 5,000 notes (50 cases of 100 notes, real
SQLCipher vault) answers each query in under 50 ms, as the volunteer types it in the search box:
prefixes, parts inside words, short words and several words. The default run uses 4 cases of 20
notes and only checks that it works; ``--bench-full`` builds the full caseload and checks the
target. Figures: the slowest query, vault search and the service's results with case and file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from erms_desktop.domain import Note
from erms_desktop.service.case_list import note_results_from
from erms_desktop.vault import Vault
from erms_desktop.vault.recovery import generate_recovery_key
from tests.benchmarks.conftest import BenchReport
from tests.benchmarks.test_vault_bench import build
from tests.vault.conftest import PASSPHRASE, PASSPHRASE_ONLY

# Vocabulary words from the benchmark caseload: common ones match nearly every note.
QUERIES = ("gard", "arde", "ap", "neighbour conse", "ighbo", "ERMS-2026-00", "synthetic off")
TARGET_MS = 50.0


def slowest_ms(action: Callable[[str], object]) -> float:
    """The slowest query, each the best of three runs (a warm cache, as when typing)."""
    worst = 0.0
    for query in QUERIES:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            action(query)
            best = min(best, time.perf_counter() - started)
        worst = max(worst, best)
    return worst * 1000


def test_search_over_5000_notes(
    tmp_path: Path, bench_full: bool, bench_report: BenchReport
) -> None:
    load = build(50, 100, 0) if bench_full else build(4, 20, 0)
    vault = Vault(tmp_path / "vault", policy=PASSPHRASE_ONLY)
    vault.create(PASSPHRASE, generate_recovery_key().public_key())
    store = vault.store
    for records in load.cases:
        store.save_many(records)
    assert len(store.search_notes("gard", limit=50)) > 0
    assert "g[arde]n" in store.search_notes("arde", limit=1)[0].snippet  # inside a word
    assert any(hit.note_id is None for hit in note_results_from(store, "ERMS-2026", author_id=None))
    in_vault = slowest_ms(lambda query: store.search_notes(query, limit=200))
    with_cases = slowest_ms(lambda query: note_results_from(store, query, author_id=None))
    vault.lock()
    notes = sum(isinstance(record, Note) for records in load.cases for record in records)
    bench_report.figure(f"slowest vault search ({notes} notes)", in_vault, "ms", "< 50 ms")
    bench_report.figure("slowest search with case and file", with_cases, "ms", "< 50 ms")
    if bench_full:
        assert in_vault < TARGET_MS
        assert with_cases < TARGET_MS
