"""The office API's messages for subject access and erasure (the data protection officer's;
docs/office-api.md has the prose). A search answer names people, as it must: it goes only to
an administrator, and the search is audited."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from erms_desktop.domain.enums import ParticipantRole, Side
from erms_desktop.protocol.messages import WireModel


class SubjectQuery(WireModel):
    """Any of: a name (every word must match a name or other name), a date of birth, a
    reference (the person's own references or the case's service reference)."""

    name: str = Field(default="", max_length=200)
    date_of_birth: date | None = None
    reference: str = Field(default="", max_length=100)


class SubjectMatch(WireModel):
    participant_id: str
    case_id: str
    service_reference: str
    side: Side
    role: ParticipantRole
    names: str
    other_names: list[str]
    date_of_birth: date | None


class ReferralMatch(WireModel):
    """A referral not yet accepted whose intake names a matching person."""

    referral_id: str
    received_on: date
    status: str


class SubjectSearchResult(WireModel):
    matches: list[SubjectMatch]
    referrals: list[ReferralMatch]
    #: Rejected referrals are destroyed at once: only anonymous counts remain, which hold
    #: nothing about anyone. The answer says how many, so the response can say so.
    destroyed_referrals: int
    searched_at: datetime
    searched_by: str


class SubjectAccessRequest(WireModel):
    participant_id: str = Field(min_length=36, max_length=36)
    received_on: date


class AnsweredRequest(WireModel):
    participant_id: str
    received_on: date
    answered_at: datetime
    answered_by: str


class ErasureGround(StrEnum):
    """Why the law allows this erasure (UK GDPR article 17); a code, never free text, because
    it is written to the audit log."""

    CONSENT_WITHDRAWN = "consent_withdrawn"
    NO_LONGER_NECESSARY = "no_longer_necessary"
    OBJECTION_UPHELD = "objection_upheld"
    UNLAWFUL_PROCESSING = "unlawful_processing"
    LEGAL_OBLIGATION = "legal_obligation"


class ErasureRequest(WireModel):
    participant_id: str = Field(min_length=36, max_length=36)
    ground: ErasureGround


class ErasureResult(WireModel):
    participant_id: str
    records_tombstoned: int
    attachments_destroyed: int
