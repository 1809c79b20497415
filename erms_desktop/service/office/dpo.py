"""The monthly report and the data protection officer's tools for office mode, over the
office session (Qt-free; the GUI calls these on its worker). The store makes the PDFs and CSVs
(the same bytes as ``erms-central`` writes); these fetch them and write them where the user
chose: the only files office mode writes, and only when asked to save."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from erms_desktop.protocol.messages import DeviceInfo
from erms_desktop.protocol.office_audit import AuditSearch, AuditSearchResult, LaptopContents
from erms_desktop.protocol.office_reports import MonthlyReport
from erms_desktop.protocol.office_subject import (
    AnsweredRequest,
    ErasureGround,
    ErasureRequest,
    ErasureResult,
    SubjectAccessRequest,
    SubjectQuery,
    SubjectSearchResult,
)
from erms_desktop.service.casework_errors import CaseworkError
from erms_desktop.service.office.session import OfficeSession

M = TypeVar("M", bound=BaseModel)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
FORMATS = ("pdf", "csv")


class SaveFailed(CaseworkError):
    """The file could not be written where the user chose (the message says why)."""


class BadInput(CaseworkError):
    """A value the user typed that the request cannot carry (the message says which)."""


def _month(month: str) -> str:
    if not _MONTH.match(month.strip()):
        raise BadInput(f"write the month as YYYY-MM, e.g. 2026-03 (not {month.strip()!r})")
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


#: What the audit search screen offers to search by (AuditSearchKind values).
SEARCH_KINDS = {
    "case": "A case (its id)",
    "record": "A person's or any record (its id)",
    "user": "A user (username)",
    "device": "A device (its id)",
}
ERASURE_GROUNDS = {g.value: g.value.replace("_", " ").capitalize() for g in ErasureGround}


def _message(model: type[M], **values: object) -> M:
    """The API's message, or the first problem in plain words."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = " ".join(str(part).replace("_", " ") for part in first["loc"])
        raise BadInput(f"{where}: {first['msg'].lower()}") from None


def _search(kind: str, subject: str, start: date | None, end: date | None) -> AuditSearch:
    return _message(AuditSearch, kind=kind, subject=subject.strip(), start=start, end=end)


def audit_search(
    session: OfficeSession, kind: str, subject: str, start: date | None, end: date | None
) -> AuditSearchResult:
    """Who read or changed a case or record, or what a user or device did (audited)."""
    return session.post("/audit/search", _search(kind, subject, start, end), AuditSearchResult)


def save_audit_search(
    session: OfficeSession,
    search: tuple[str, str, date | None, date | None],
    fmt: str,
    path: Path,
) -> Path:
    """The search ``(kind, subject, start, end)`` run again and saved as PDF or CSV."""
    return _save(path, session.fetch("POST", f"/audit/search/{fmt}", _search(*search)))


def devices(session: OfficeSession) -> list[DeviceInfo]:
    return session.get_list("/devices", DeviceInfo)


def laptop_contents(session: OfficeSession, device_id: str) -> LaptopContents:
    return session.get(f"/audit/laptops/{device_id}", LaptopContents)


def save_laptop_contents(session: OfficeSession, device_id: str, fmt: str, path: Path) -> Path:
    return _save(path, session.fetch("GET", f"/audit/laptops/{device_id}/{fmt}"))


def find_person(
    session: OfficeSession, name: str, date_of_birth: date | None, reference: str
) -> SubjectSearchResult:
    query = _message(
        SubjectQuery, name=name.strip(), date_of_birth=date_of_birth, reference=reference.strip()
    )
    return session.post("/subject-access/search", query, SubjectSearchResult)


def save_subject_bundle(
    session: OfficeSession, participant_id: str, received_on: date, path: Path
) -> Path:
    """Answer the request: the bundle saved at ``path``, the answer recorded on the store."""
    request = _message(SubjectAccessRequest, participant_id=participant_id, received_on=received_on)
    return _save(path, session.fetch("POST", "/subject-access/bundle", request))


def answered_requests(session: OfficeSession) -> list[AnsweredRequest]:
    return session.get_list("/subject-access/requests", AnsweredRequest)


def erase_person(session: OfficeSession, participant_id: str, ground: str) -> ErasureResult:
    request = _message(ErasureRequest, participant_id=participant_id, ground=ground)
    return session.post("/subject-access/erase", request, ErasureResult)


def typed_date(text: str, what: str) -> date | None:
    """A date as typed on the screens (dd/mm/yyyy), or None when left empty."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        day, month, year = (int(part) for part in cleaned.split("/"))
        return date(year, month, day)
    except ValueError:
        raise BadInput(f"{what}: write the date as dd/mm/yyyy, e.g. 02/11/2026") from None
