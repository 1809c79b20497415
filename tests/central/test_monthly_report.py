"""The monthly report over a generated year: every published figure agrees with a count made
here from the generated values (not through the report code), small counts are suppressed, the
report names its period, time and author, and the route and command are staff-only and audited."""

from __future__ import annotations

import calendar
import csv
import io
import math
from datetime import date

import pytest
from sqlalchemy import select

from erms_desktop.central.models import AuditEntry, Record
from erms_desktop.central.reports import monthly
from erms_desktop.domain.enums import ClosureReason, ReferralSource, RejectionReason
from erms_desktop.protocol.office_reports import MonthlyReport, ReportTable
from tests.central import report_year
from tests.central.test_cli import run  # noqa: F401 - the command-line fixture
from tests.central.world import World

LAST = "2026-03"


@pytest.fixture
def year(world: World) -> report_year.Year:
    generated = report_year.generate(400)
    with world.store.unit() as s:
        report_year.store(s, generated)
    return generated


def _report(world: World) -> MonthlyReport:
    answer = world.client.get(
        f"/v1/office/reports/monthly/{LAST}", headers=world.devices["sam"].headers
    )
    assert answer.status_code == 200, answer.text
    return MonthlyReport.model_validate(answer.json())


def _agrees(published: str, counted: int) -> bool:
    if published == "<5":
        return 1 <= counted <= 4
    if published == "*":  # hidden to protect a small cell
        return True
    return int(published) == counted


def _check(table: ReportTable, expected: dict[str, list[int]]) -> None:
    for row in table.rows:
        month, *cells, total = row
        counted = expected[month]
        assert all(_agrees(p, c) for p, c in zip(cells, counted, strict=True)), (month, row)
        assert _agrees(total, sum(counted))
        assert not any(c == "<5" for c, n in zip(cells, counted, strict=True) if n == 0 or n > 4)


def _month(day: date | None) -> str | None:
    return None if day is None else day.isoformat()[:7]


def _world_cases(world: World) -> int:
    return len(world.cases)


def test_figures_agree_with_an_independent_count(world: World, year: report_year.Year) -> None:
    report = _report(world)
    tables = {t.measure: t for t in report.tables}
    months = [r[0] for r in tables["referrals_by_source"].rows]
    assert months[-1] == LAST
    assert len(months) == 12
    by_source = {
        m: [
            sum(1 for r in year.referrals if _month(r.received_on) == m and r.source is s)
            + (0 if m != "2026-01" or s is not ReferralSource.ESSEX_POLICE else _world_cases(world))
            for s in ReferralSource
        ]
        for m in months
    }
    _check(tables["referrals_by_source"], by_source)
    closed = {
        m: [
            sum(1 for c in year.cases if _month(c.closed_on) == m and c.closure_reason is r)
            for r in ClosureReason
        ]
        for m in months
    }
    _check(tables["cases_closed_by_reason"], closed)
    decided = {
        m: [
            sum(
                1
                for r in year.referrals
                if r.status.value == "accepted" and _month(r.received_on) == m
            )
            + (_world_cases(world) if m == "2026-01" else 0),
            *(year.rejections.get((m, r.value), 0) for r in RejectionReason),
        ]
        for m in months
    }
    _check(tables["referral_decisions"], decided)
    assert any("<5" in row for row in tables["referral_decisions"].rows)  # suppression at work
    for row in tables["referral_to_allocation_days"].rows:
        days = sorted(
            (c.allocated_on - c.received_on).days
            for c in year.cases
            if c.allocated_on and c.received_on and _month(c.allocated_on) == row[0]
        )
        assert _agrees(row[1], len(days))
        if len(days) >= 5:
            assert int(row[2]) == days[math.ceil(len(days) / 2) - 1]
            assert int(row[3]) == days[math.ceil(0.9 * len(days)) - 1]
    for row in tables["volunteer_hours_and_mileage"].rows:
        worked = [t for t in year.time if _month(t.worked_on) == row[0]]
        if len(worked) >= 5:
            assert int(row[1]) == len(worked)
            assert row[2] == f"{sum(t.minutes for t in worked) / 60:.1f}"
            assert row[3] == f"{sum(t.miles for t in worked):.1f}"


def test_open_cases_by_stage_count_cases_open_at_each_months_end(
    world: World, year: report_year.Year
) -> None:
    table = next(t for t in _report(world).tables if t.measure == "open_cases_by_stage")
    stages = table.columns[1:-2]
    expected = {}
    for month in (row[0] for row in table.rows):
        end = report_year_month_end(month)
        live = [c for c in year.cases if c.received_on and c.received_on <= end]
        still = [c for c in live if c.closed_on is None]
        since = sum(1 for c in live if c.closed_on is not None and c.closed_on > end)
        counted = [sum(1 for c in still if c.stage.value == s) for s in stages] + [since]
        expected[month] = _with_world(world, month, stages, counted)
    _check(table, expected)


def report_year_month_end(month: str) -> date:
    year, number = (int(p) for p in month.split("-"))
    return date(year, number, calendar.monthrange(year, number)[1])


def _with_world(world: World, month: str, stages: list[str], counted: list[int]) -> list[int]:
    """The fixture world's cases also count: received 5 January 2026, still open."""
    if month < "2026-01":
        return counted
    with world.store.unit() as s:
        for case_id in (c.case for c in world.cases.values()):
            record = s.get(Record, case_id)
            assert record is not None
            counted[stages.index(record.fields["stage"])] += 1
    return counted


def test_report_states_period_time_and_author_and_holds_figures_only(
    world: World, year: report_year.Year
) -> None:
    report = _report(world)
    assert report.produced_by == "sam"
    text = monthly.as_csv(report)
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[1] == ["period", f"2025-04 to {LAST}"]
    assert lines[3] == ["produced_by", "sam"]
    for case in year.cases:
        assert case.id not in text
        assert case.service_reference not in text
    cells = [c for t in report.tables for r in t.rows for c in r[1:]]
    assert all(c in {"<5", "*", "-"} or c.replace(".", "").isdigit() for c in cells)


def test_the_report_is_staff_only_and_audited(world: World) -> None:
    url = f"/v1/office/reports/monthly/{LAST}"
    assert world.client.get(url, headers=world.devices["alice"].headers).status_code == 403
    bad = world.client.get(
        "/v1/office/reports/monthly/2026-13", headers=world.devices["sam"].headers
    )
    assert bad.status_code == 422
    assert world.client.get(url, headers=world.devices["sam"].headers).status_code == 200
    with world.store.unit() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.position.desc()).limit(1)).one()
        assert (last.action, last.target) == ("monthly_report", f"report {LAST}")


def test_command_line_report_prints_csv(run) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert run("create-user", "stan", "--role", "staff", stdin="a long password 2\n")[0] == 0
    code, out, _ = run("report", "--month", LAST, "--as", "stan")
    assert code == 0
    assert "produced_by,stan" in out
    assert "measure,referrals_by_source" in out
    code, _, err = run("report", "--month", "March", "--as", "stan")
    assert code == 1
    assert "YYYY-MM" in err
