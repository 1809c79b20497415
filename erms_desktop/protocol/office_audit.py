"""The office API's messages for the data protection officer: audit search, what a laptop held
at its last contact, and subject access. docs/office-api.md has the prose."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from erms_desktop.protocol.messages import WireModel
from erms_desktop.protocol.office_people import HeldCase


class AuditSearchKind(StrEnum):
    CASE = "case"  # who read or changed a case (or one record of it) and when
    RECORD = "record"  # who read or changed one record (a person's participant record...)
    USER = "user"  # everything a user did in a period
    DEVICE = "device"  # everything a device did in a period


class AuditSearch(WireModel):
    """One search. ``subject`` is a case or record id, a username or a device id; the period
    (dates inclusive, UTC) applies to every kind and defaults to all time."""

    kind: AuditSearchKind
    subject: str = Field(min_length=1, max_length=100)
    start: date | None = None
    end: date | None = None


class AuditRow(WireModel):
    """One thing done: an audit entry, or a change from the change log."""

    at: datetime
    username: str  # "" for an unauthenticated attempt or the store itself
    device_id: str
    action: str
    detail: str
    case_ids: list[str]


class AuditSearchResult(WireModel):
    description: str
    searched_at: datetime
    searched_by: str
    rows: list[AuditRow]


class LaptopContents(WireModel):
    """What a laptop held at its last contact (the same cases as the breach summary and
    check-in give), for the DPO: who searched and when."""

    device_id: str
    asset_tag: str
    username: str
    last_contact: datetime | None
    revoked_at: datetime | None
    wipe_sent_at: datetime | None
    cases: list[HeldCase]
    searched_at: datetime
    searched_by: str
