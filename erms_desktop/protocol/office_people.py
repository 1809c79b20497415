"""The office API's messages for people and laptops: accounts, leavers, hours and mileage,
issuing and revoking laptops, and the breach summary after a loss.

Every route taking them is staff-only (docs/office-api.md); the ``erms-central`` commands build
the same requests from human values.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Final, Literal

from pydantic import Field

from erms_desktop.domain.enums import Side, UserRole
from erms_desktop.protocol.messages import ONE_LINE_PATTERN, RecordId, Username, WireModel

#: The laptop terms and conditions a volunteer accepts when a laptop is issued. The store
#: refuses an issue made against any other version (the screen showed old terms).
LAPTOP_TERMS_VERSION: Final = "2026-11"

AssetTag = Annotated[str, Field(min_length=1, max_length=100, pattern=ONE_LINE_PATTERN)]


class NewPerson(WireModel):
    """A volunteer or a member of staff; administrators are made at the command line only."""

    username: Username
    role: Literal[UserRole.VOLUNTEER, UserRole.STAFF]


class TemporaryPassword(WireModel):
    """Shown once: the person signs in with it and must choose their own at once."""

    user_id: str
    username: str
    temporary_password: str


class HeldAllocation(WireModel):
    """A case or party file still allocated to a leaver, to be reallocated."""

    case_id: str
    service_reference: str
    party_file_id: str | None
    side: Side | None


class LeaverSummary(WireModel):
    user_id: str
    username: str
    disabled_at: datetime
    sessions_ended: int
    laptops_revoked: list[str]
    allocations: list[HeldAllocation]


class MonthTime(WireModel):
    """One volunteer's time entries in one calendar month (``YYYY-MM``)."""

    month: str
    entries: int
    minutes: int
    miles: float


class LaptopIssue(WireModel):
    """Issue a laptop to a volunteer, who has read and accepted the laptop terms."""

    asset_tag: AssetTag
    user_id: RecordId
    terms_version: Annotated[str, Field(min_length=1, max_length=40, pattern=ONE_LINE_PATTERN)]
    terms_accepted: Literal[True]


class EnrolmentSlip(WireModel):
    """What the printed slip holds: never case data."""

    asset_tag: str
    username: str
    code: str
    expires_at: datetime
    terms_version: str
    terms_accepted_at: datetime


class LaptopState(WireModel):
    """One laptop: enrolled (``device_id`` set) or issued and awaiting enrolment."""

    device_id: str | None
    asset_tag: str
    user_id: str
    username: str
    issued_at: datetime | None
    enrolled_at: datetime | None
    last_contact: datetime | None
    app_version: str | None
    revoked_at: datetime | None
    wipe_sent_at: datetime | None
    #: The volunteer has left: the laptop is due back for check-in.
    pending_check_in: bool
    #: When the laptop stops opening offline unless it reaches the store first.
    lease_ends_on: date | None
    lease_expired: bool


class HeldFile(WireModel):
    party_file_id: str
    side: Side | None


class HeldCase(WireModel):
    """A case on a laptop at its last contact: the one answer the breach summary, the DPO's
    laptop search and check-in all give (central/holdings.py)."""

    case_id: str
    service_reference: str
    #: Whether the laptop held the case's case-level records (the header, joint records).
    case_records: bool
    party_files: list[HeldFile]
    #: When the laptop last pulled records of the case.
    last_pulled: datetime

    @property
    def party_file_ids(self) -> list[str]:
        return [f.party_file_id for f in self.party_files]


class BreachSummary(WireModel):
    """What was on a laptop at its last contact, from the record of its pulls."""

    device_id: str
    asset_tag: str
    username: str
    revoked_at: datetime | None
    already_revoked: bool
    last_contact: datetime | None
    cases: list[HeldCase]
