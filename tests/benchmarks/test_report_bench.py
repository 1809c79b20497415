"""The monthly report over a large store on PostgreSQL. Full size (``--bench-full``): 10,000
cases and 500,000 notes, the report under 10 s; the default run does 300 cases and 15,000 notes.

The store is filled by bulk insert (records as the service layer would write them: the cases,
referrals and time entries of a generated year, and notes spread over the cases' party files),
since writing half a million notes one by one through the service would take far longer than
the report being measured."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from erms_desktop.central import audit
from erms_desktop.central.api.deps import Database
from erms_desktop.central.models import Record
from erms_desktop.central.reports import monthly
from erms_desktop.domain.records import kind_of, to_fields
from tests.benchmarks.conftest import BenchReport
from tests.central import report_year
from tests.central.pg import throwaway_database
from tests.central.store_settings import store_settings

BATCH = 5_000


def _row(
    seq: int, kind: str, record_id: str, case_id: str | None, fields: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": record_id,
        "kind": kind,
        "case_id": case_id,
        "party_file_id": None,
        "fields": fields,
        "field_versions": {},
        "version": 1,
        "deleted": False,
        "seq": seq,
        "updated_at": datetime.now(UTC),
    }


def _fill(database: Database, cases: int, notes: int) -> None:
    year = report_year.generate(cases)
    rows = []
    for entity in (*year.cases, *year.referrals, *year.time):
        fields = dict(to_fields(entity))
        case_id = entity.id if kind_of(entity) == "case" else fields.get("case_id")
        rows.append(_row(len(rows) + 1, kind_of(entity), entity.id, case_id, fields))
    case_ids = [c.id for c in year.cases]
    for n in range(notes):
        case_id = case_ids[n % len(case_ids)]
        body = {"body": "Synthetic note text for the benchmark. " * 8, "case_id": case_id}
        rows.append(_row(len(rows) + 1, "note", str(uuid.uuid4()), case_id, body))
    with database.unit() as s:
        for start in range(0, len(rows), BATCH):
            s.execute(insert(Record), rows[start : start + BATCH])


@pytest.mark.postgres
def test_monthly_report_bench(bench_full: bool, bench_report: BenchReport, tmp_path: Path) -> None:
    cases, notes = (10_000, 500_000) if bench_full else (300, 15_000)
    with throwaway_database("erms_bench") as db_url:
        database = Database.open(store_settings(db_url, tmp_path))
        try:
            _fill(database, cases, notes)
            started = time.perf_counter()
            with database.unit() as s:
                report = monthly.produce(s, "2026-03", audit.OPERATOR)
            elapsed = time.perf_counter() - started
        finally:
            database.engine.dispose()
    assert len(report.tables) == 10  # 6, and 4 counting mediation apart
    bench_report.figure("cases", cases, "cases")
    bench_report.figure("notes", notes, "notes")
    bench_report.figure("monthly report", elapsed, "s", "< 10 s")
    if bench_full:
        assert elapsed < 10.0
