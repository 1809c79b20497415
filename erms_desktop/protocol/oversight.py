"""The office's oversight messages: every case with filters, a read-only case view that keeps
each party file apart, and supervision notes (office-only; never pulled by a laptop).

Every route taking or giving them is staff-only and audited; docs/office-api.md has the prose.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field

from erms_desktop.domain.enums import CaseType, Side, WorkflowStage
from erms_desktop.protocol.messages import WireModel

#: Longest "no contact for N days" asked for: ten years.
MAX_DAYS = 3650
#: Prose may run over lines and tabs, but holds no other control character.
NoteBody = Annotated[
    str, Field(min_length=1, max_length=10_000, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")
]


class OversightFilters(WireModel):
    """Which cases to list: every filter given must hold (none given: every case)."""

    stage: WorkflowStage | None = None
    on_hold: bool | None = None
    unallocated: bool = False
    overdue: bool = False
    risk_review_due: bool = False
    consent_missing: bool = False
    no_contact_days: Annotated[int, Field(ge=1, le=MAX_DAYS)] | None = None


class OversightCase(WireModel):
    """One case in the oversight list, with what needs looking at. Names nobody."""

    case_id: str
    service_reference: str
    case_type: CaseType = CaseType.RESTORATIVE_JUSTICE
    stage: WorkflowStage
    on_hold: bool
    closed: bool
    facilitators: int
    unallocated_files: int  # party files no volunteer holds (by case or file allocation)
    next_action_due: date | None
    overdue: list[str]  # "next action", "on-hold review"
    risk_reviews_due: int
    consent_missing: int  # victims and offenders without live consent to take part
    last_contact_on: date | None
    days_without_contact: int | None


class StoredRecord(WireModel):
    """A record as the store holds it (the fields as synced; the shared codec reads them)."""

    kind: str
    record_id: str
    fields: dict[str, Any]


class FileContent(WireModel):
    """Everything filed in one party file, never mixed with another file's."""

    party_file_id: str
    side: Side
    records: list[StoredRecord]


class CaseContent(WireModel):
    """A case for staff to read: its header, each party file on its own, and the case level
    (joint meetings, exchanges, outcome items, time, case-wide risk). The read is audited."""

    case: StoredRecord
    files: list[FileContent]
    case_level: list[StoredRecord]


class SupervisionNoteIn(WireModel):
    body: NoteBody


class SupervisionNote(WireModel):
    note_id: str
    case_id: str
    author_id: str
    author: str  # the staff member's user name
    written_at: datetime
    body: str
