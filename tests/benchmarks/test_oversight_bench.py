"""The office's oversight list over the demo dataset's largest store (150 cases with both party
files, participants, consents, risk assessments and contacts), on SQLite. Full size
(``--bench-full``): 150 cases, the list under 2 s; the default run does 20 cases."""

from __future__ import annotations

import time
from pathlib import Path

from erms_desktop.central import audit
from erms_desktop.central.api.deps import Database
from erms_desktop.central.migrate import upgrade
from erms_desktop.central.office import oversight
from erms_desktop.demo.central_load import load_demo
from erms_desktop.demo.data import MAX_CASE_COUNT, generate_demo_data
from erms_desktop.protocol.oversight import OversightFilters
from tests.benchmarks.conftest import BenchReport
from tests.central.store_settings import store_settings

TARGET_SECONDS = 2.0


def test_oversight_list_bench(bench_full: bool, bench_report: BenchReport, tmp_path: Path) -> None:
    cases = MAX_CASE_COUNT if bench_full else 20
    url = f"sqlite:///{tmp_path / 'central.db'}"
    upgrade(url)
    database = Database.open(store_settings(url, tmp_path))
    try:
        dataset = generate_demo_data(case_count=cases)  # and the two mediation cases
        with database.unit() as s:
            load_demo(s, database.settings, "a long demo password", dataset)
        timings = []
        for filters in (OversightFilters(), OversightFilters(overdue=True, no_contact_days=14)):
            started = time.perf_counter()
            with database.unit() as s:
                found = oversight.cases(s, filters, audit.OPERATOR)
            timings.append(time.perf_counter() - started)
            if filters == OversightFilters():
                assert len(found) == len(dataset.cases)
    finally:
        database.engine.dispose()
    listed = f"every case ({len(dataset.cases)})"
    bench_report.figure(listed, timings[0], "s", f"< {TARGET_SECONDS} s")
    bench_report.figure("overdue, no contact for 14 days", timings[1], "s")
    if bench_full:
        assert timings[0] < TARGET_SECONDS
