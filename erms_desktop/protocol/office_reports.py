"""The office API's messages for retention review and the monthly report (figures and ids
only: no names, references, dates of birth or free text). docs/office-api.md has the prose."""

from __future__ import annotations

from datetime import date, datetime

from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.protocol.messages import WireModel


class InactiveCase(WireModel):
    """A case not closed and untouched for the review period: the office decides whether to
    close it (and so start its retention clock) or keep working it."""

    case_id: str
    stage: WorkflowStage
    last_activity: date
    days_inactive: int


class ReportTable(WireModel):
    """One measure: a header row and data rows of already-suppressed cells ("<5", "*", "-")."""

    measure: str
    columns: list[str]
    rows: list[list[str]]


class MonthlyReport(WireModel):
    month: str
    produced_at: datetime
    produced_by: str
    tables: list[ReportTable]
