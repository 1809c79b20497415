"""The office API's reporting and retention-review routes (staff and administrators only;
every call audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from erms_desktop.central.api.deps import StaffDep, StoreDep, check_versions
from erms_desktop.central.api.files import FILE_RESPONSES, FileFormat, file_response
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.reports import monthly
from erms_desktop.central.reports.report_pdf import report_pdf
from erms_desktop.central.retention_review import inactive_cases
from erms_desktop.protocol.office_reports import InactiveCase, MonthlyReport

router = APIRouter(
    prefix="/v1/office", tags=["office"], dependencies=[Depends(check_versions)], responses=ERRORS
)


@router.get("/retention/inactive-cases")
def inactive(store: StoreDep, staff: StaffDep) -> list[InactiveCase]:
    with store.unit() as session:
        return inactive_cases(session, store.settings, staff.actor)


MonthPath = Annotated[str, Path(pattern=monthly.MONTH.pattern)]


@router.get("/reports/monthly/{month}")
def monthly_report(month: MonthPath, store: StoreDep, staff: StaffDep) -> MonthlyReport:
    """The anonymised monthly figures (twelve months ending ``month``), suppressed."""
    with store.unit() as session:
        return monthly.produce(session, month, staff.actor)


@router.get("/reports/monthly/{month}/{fmt}", response_class=Response, responses=FILE_RESPONSES)
def monthly_report_file(
    month: MonthPath, fmt: FileFormat, store: StoreDep, staff: StaffDep
) -> Response:
    """The same report as a PDF with one chart per measure, or as the CSV the command line
    prints (what the office screen saves)."""
    with store.unit() as session:
        report = monthly.produce(session, month, staff.actor)
    return file_response(fmt, report, monthly.as_csv, report_pdf)
