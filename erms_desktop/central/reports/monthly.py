"""The monthly report for partners: each measure as a table of twelve months (one row per
month, the report's month last), suppressed, with the period, when it was produced and by
whom. Producing it is audited. PDF and charts are the office screens' job; CSV is here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.models import User
from erms_desktop.central.reports import figures
from erms_desktop.central.reports.suppression import HIDDEN, suppress_count, suppress_row
from erms_desktop.domain.enums import (
    CaseType,
    ClosureReason,
    DisputeType,
    ReferralSource,
    RejectionReason,
)
from erms_desktop.protocol.office_reports import MonthlyReport, ReportTable

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
Row = Callable[[figures.Records, str], list[int]]
COUNT_TABLES: list[tuple[str, list[str], Row]] = [
    ("referrals_by_source", [s.value for s in ReferralSource], figures.referrals_by_source),
    (
        "referral_decisions",
        ["accepted", *(f"rejected_{r.value}" for r in RejectionReason)],
        figures.decisions,
    ),
    ("cases_by_type", [t.value for t in CaseType], figures.cases_by_type),
    (
        "open_cases_by_stage",
        [*figures.OPEN_STAGES, "closed_since"],
        partial(figures.open_by_stage, case_type=CaseType.RESTORATIVE_JUSTICE),
    ),
    (
        "cases_closed_by_reason",
        [r.value for r in ClosureReason],
        partial(figures.closed_by_reason, case_type=CaseType.RESTORATIVE_JUSTICE),
    ),
    (
        "mediation_cases_by_dispute_type",
        [d.value for d in DisputeType],
        figures.mediation_by_dispute,
    ),
    (
        "open_mediation_cases_by_stage",
        [*figures.MEDIATION_STAGES, "closed_since"],
        partial(figures.open_by_stage, case_type=CaseType.MEDIATION),
    ),
    (
        "mediation_cases_closed_by_reason",
        [r.value for r in ClosureReason],
        partial(figures.closed_by_reason, case_type=CaseType.MEDIATION),
    ),
]


def checked_month(text: str) -> str:
    if not MONTH.match(text):
        raise InvalidInputError(f"month {text!r}: write YYYY-MM, e.g. 2026-03")
    return text


def produce(session: Session, month: str, actor: audit.Actor) -> MonthlyReport:
    """The report for ``month`` (YYYY-MM) and the eleven months before it."""
    months = figures.twelve_months(checked_month(month))
    data = figures.load(session)
    tables = [_count_table(name, columns, row, data, months) for name, columns, row in COUNT_TABLES]
    tables += [_allocation_table(data, months), _time_table(data, months)]
    user = session.get(User, actor.user_id) if actor.user_id else None
    audit.record(session, actor, "monthly_report", f"report {month}")
    return MonthlyReport(
        month=month,
        produced_at=datetime.now(UTC),
        produced_by=user.username if user is not None else "operator",
        tables=tables,
    )


def _count_table(
    name: str, columns: list[str], row: Row, data: figures.Records, months: list[str]
) -> ReportTable:
    rows = []
    for month in months:
        cells, total = suppress_row(row(data, month))
        rows.append([month, *cells, total])
    return ReportTable(measure=name, columns=["month", *columns, "total"], rows=rows)


def _allocation_table(data: figures.Records, months: list[str]) -> ReportTable:
    """Median and 90th percentile days, shown only over five or more cases."""
    rows = []
    for month in months:
        days = figures.allocation_days(data, month)
        if len(days) >= 5:
            middle, high = (str(figures.percentile(days, s)) for s in (0.5, 0.9))
        else:
            middle = high = HIDDEN if days else "-"
        rows.append([month, suppress_count(len(days)), middle, high])
    columns = ["month", "cases_allocated", "median_days", "p90_days"]
    return ReportTable(measure="referral_to_allocation_days", columns=columns, rows=rows)


def _time_table(data: figures.Records, months: list[str]) -> ReportTable:
    """Hours and miles, shown only when five or more time entries make them up."""
    rows = []
    for month in months:
        entries, minutes, miles = figures.volunteer_time(data, month)
        if entries >= 5 or entries == 0:
            rows.append([month, str(entries), f"{minutes / 60:.1f}", f"{miles:.1f}"])
        else:
            rows.append([month, suppress_count(entries), HIDDEN, HIDDEN])
    columns = ["month", "time_entries", "hours", "miles"]
    return ReportTable(measure="volunteer_hours_and_mileage", columns=columns, rows=rows)


def as_csv(report: MonthlyReport) -> str:
    """One CSV: the header lines, then each measure's table after a blank line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["report", "monthly figures (anonymised, counts 1-4 shown as <5)"])
    writer.writerow(["period", f"{figures.twelve_months(report.month)[0]} to {report.month}"])
    writer.writerow(["produced_at", report.produced_at.isoformat(timespec="seconds")])
    writer.writerow(["produced_by", report.produced_by])
    for table in report.tables:
        writer.writerow([])
        writer.writerow(["measure", table.measure])
        writer.writerows([table.columns, *table.rows])
    return out.getvalue()
