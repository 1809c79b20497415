"""The office API's messages: referrals, initial risk assessment, allocation, lists.

The office screens and the ``erms-central`` commands reach the same services with these (the
commands build them from human values). Every route taking them is staff-only; the prose, with
each route, role and error, is docs/office-api.md.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from erms_desktop.domain.enums import (
    AgeBand,
    AllocationChangeReason,
    CaseType,
    ConsentAtReferral,
    DisputeType,
    JusticeStage,
    LawfulBasis,
    OffenceFlag,
    OffenceType,
    ReferralSource,
    ReferralStatus,
    RejectionReason,
    RiskOutcome,
    Side,
    UserRole,
    WorkflowStage,
)
from erms_desktop.protocol.messages import (
    ONE_LINE_PATTERN,
    Password,
    RecordId,
    Username,
    WireModel,
)

Line = Annotated[str, Field(max_length=200, pattern=ONE_LINE_PATTERN)]
Name = Annotated[str, Field(max_length=100, pattern=ONE_LINE_PATTERN)]
Items = Annotated[tuple[Line, ...], Field(max_length=20)]
#: Prose may run over lines and tabs, but holds no other control character.
Prose = Annotated[
    str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")
]


class ReferredPerson(WireModel):
    """One person named in a referral: their side, identifiers and whether they are a child."""

    side: Side
    given_names: Name = ""
    family_name: Name = ""
    date_of_birth: date | None = None
    is_child: bool = False
    addresses: Items = ()
    phones: Items = ()
    emails: Items = ()
    references: Items = ()


class EqualityAnswers(WireModel):
    """Optional equality monitoring, stored apart from case content and used only in reports."""

    age_band: AgeBand | None = None
    gender: Annotated[str, Field(max_length=60, pattern=ONE_LINE_PATTERN)] | None = None
    ethnicity: Annotated[str, Field(max_length=60, pattern=ONE_LINE_PATTERN)] | None = None
    disability: Annotated[str, Field(max_length=60, pattern=ONE_LINE_PATTERN)] | None = None


class ReferralIntake(WireModel):
    """The intake form. The case type comes first: a restorative justice referral names an
    offence (its people on the victim and offender sides); a mediation referral names a dispute
    type and no offence (its people on the sides of Party A, Party B, ...)."""

    case_type: CaseType = CaseType.RESTORATIVE_JUSTICE
    dispute_type: DisputeType | None = None
    source: ReferralSource
    received_on: date
    agency_reference: Line = ""
    offence_type: OffenceType | None = None
    offence_summary: Prose | None = None
    #: A mediation referral's description of the dispute (read by every party once accepted).
    dispute_summary: Prose | None = None
    offence_date: date | None = None
    flags: Annotated[tuple[OffenceFlag, ...], Field(max_length=len(OffenceFlag))] = ()
    people: Annotated[list[ReferredPerson], Field(min_length=1, max_length=20)]
    consent_at_referral: ConsentAtReferral = ConsentAtReferral.NOT_YET_ASKED
    lawful_basis: LawfulBasis
    equality: EqualityAnswers | None = None


class ReferralSummary(WireModel):
    referral_id: str
    case_type: CaseType = CaseType.RESTORATIVE_JUSTICE
    dispute_type: DisputeType | None = None  # a mediation referral's
    source: ReferralSource
    source_label: str
    received_on: date
    agency_reference: str
    status: ReferralStatus
    flags: list[OffenceFlag]
    people: int
    policy_rule: str | None  # the board's rule to acknowledge before accepting, if it applies


class ReferralView(ReferralSummary):
    """One referral in full (its read is audited)."""

    intake: ReferralIntake


class Rejection(WireModel):
    reason: RejectionReason


class Acceptance(WireModel):
    service_reference: Annotated[str, Field(min_length=1, max_length=40, pattern=ONE_LINE_PATTERN)]
    justice_stage: JusticeStage | None = None  # restorative justice only, and required there
    #: Required true for a knife-crime or sexual-harm referral: the board's policy rule read.
    policy_acknowledged: bool = False


class PartyFileOpened(WireModel):
    party_file_id: str
    side: Side
    participant_ids: list[str]


class CaseOpened(WireModel):
    case_id: str
    files: list[PartyFileOpened]


class InitialAssessment(WireModel):
    """The office's initial risk assessment of one party file, needed before allocation."""

    outcome: RiskOutcome
    completed_on: date
    factors: Items = ()
    mitigations: Items = ()
    review_on: date | None = None


class AssessmentRecorded(WireModel):
    risk_assessment_id: str


class AllocationRequest(WireModel):
    """Allocate the case (no party file) or one party file to one or two facilitators."""

    user_ids: Annotated[list[RecordId], Field(min_length=1, max_length=2)]
    party_file_id: RecordId | None = None


class Reallocation(WireModel):
    from_user_id: RecordId
    to_user_id: RecordId
    reason: AllocationChangeReason


class Deallocation(WireModel):
    user_id: RecordId
    reason: AllocationChangeReason


class CaseloadItem(WireModel):
    case_id: str
    service_reference: str
    case_type: CaseType = CaseType.RESTORATIVE_JUSTICE
    stage: WorkflowStage
    party_file_id: str | None  # None: the whole case
    side: Side | None
    allocated_at: datetime


class UserSummary(WireModel):
    user_id: str
    username: str
    role: UserRole
    locked: bool
    devices: int
    #: The person has left: the account is disabled.
    disabled: bool = False


class OfficeCase(WireModel):
    case_id: str
    service_reference: str
    case_type: CaseType = CaseType.RESTORATIVE_JUSTICE
    stage: WorkflowStage
    on_hold: bool
    facilitator_ids: list[str]
    received_on: date | None


class OfficeSignInRequest(WireModel):
    """Office sign-in: a staff account's name and password, no laptop (``POST
    /v1/office/sign-in``); the answer is the ordinary sign-in answer, a session with no device."""

    username: Username
    password: Password


class OfficeFile(WireModel):
    """One party file as the office's risk and allocation screens see it: its side, its latest
    initial assessment, whether that clears it for allocation, and who holds it."""

    party_file_id: str
    side: Side
    initial_outcome: RiskOutcome | None
    cleared: bool
    facilitator_ids: list[str]


class OfficeCaseFiles(WireModel):
    """A case's party files, with who holds the whole case (``GET /v1/office/cases/{id}/files``)."""

    case_id: str
    service_reference: str
    case_facilitator_ids: list[str]
    files: list[OfficeFile]
