"""The monthly report and the data protection officer's tools for office mode, over the
office session (Qt-free; the GUI calls these on its worker). The store makes the PDFs and CSVs
(the same bytes as ``erms-central`` writes); these fetch them and write them where the user
chose: the only files office mode writes, and only when asked to save."""

from __future__ import annotations

import re
from pathlib import Path

from erms_desktop.protocol.messages import DeviceInfo
from erms_desktop.protocol.office_audit import AuditSearch, AuditSearchResult, LaptopContents
from erms_desktop.protocol.office_reports import MonthlyReport
from erms_desktop.protocol.office_subject import (
    AnsweredRequest,
    ErasureRequest,
    ErasureResult,
    SubjectAccessRequest,
    SubjectQuery,
    SubjectSearchResult,
)
from erms_desktop.service.casework_errors import CaseworkError
from erms_desktop.service.office.session import OfficeSession

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
FORMATS = ("pdf", "csv")


class SaveFailed(CaseworkError):
    """The file could not be written where the user chose (the message says why)."""


class BadMonth(CaseworkError):
    """A report month not written as YYYY-MM."""


def _month(month: str) -> str:
    if not _MONTH.match(month.strip()):
        raise BadMonth(f"write the month as YYYY-MM, e.g. 2026-03 (not {month.strip()!r})")
    return month.strip()


def _save(path: Path, content: bytes) -> Path:
    try:
        path.write_bytes(content)
    except OSError as exc:
        why = exc.strerror or "the folder refused it"
        raise SaveFailed(f"could not save {path.name}: {why}") from None
    return path


def monthly_report(session: OfficeSession, month: str) -> MonthlyReport:
    return session.get(f"/reports/monthly/{_month(month)}", MonthlyReport)


def save_monthly_report(session: OfficeSession, month: str, fmt: str, path: Path) -> Path:
    """The report as a PDF with charts, or as CSV, saved at ``path``."""
    return _save(path, session.fetch("GET", f"/reports/monthly/{_month(month)}/{fmt}"))


def audit_search(session: OfficeSession, query: AuditSearch) -> AuditSearchResult:
    return session.post("/audit/search", query, AuditSearchResult)


def save_audit_search(session: OfficeSession, query: AuditSearch, fmt: str, path: Path) -> Path:
    return _save(path, session.fetch("POST", f"/audit/search/{fmt}", query))


def devices(session: OfficeSession) -> list[DeviceInfo]:
    return session.get_list("/devices", DeviceInfo)


def laptop_contents(session: OfficeSession, device_id: str) -> LaptopContents:
    return session.get(f"/audit/laptops/{device_id}", LaptopContents)


def save_laptop_contents(session: OfficeSession, device_id: str, fmt: str, path: Path) -> Path:
    return _save(path, session.fetch("GET", f"/audit/laptops/{device_id}/{fmt}"))


def find_person(session: OfficeSession, query: SubjectQuery) -> SubjectSearchResult:
    return session.post("/subject-access/search", query, SubjectSearchResult)


def save_subject_bundle(session: OfficeSession, request: SubjectAccessRequest, path: Path) -> Path:
    """Answer the request: the bundle saved at ``path``, the answer recorded on the store."""
    return _save(path, session.fetch("POST", "/subject-access/bundle", request))


def answered_requests(session: OfficeSession) -> list[AnsweredRequest]:
    return session.get_list("/subject-access/requests", AnsweredRequest)


def erase_person(session: OfficeSession, request: ErasureRequest) -> ErasureResult:
    return session.post("/subject-access/erase", request, ErasureResult)
