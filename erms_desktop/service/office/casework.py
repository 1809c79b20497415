"""The office's casework calls: referrals (take in, list, view, reject, accept), the initial risk
assessment of each party file, and allocation (allocate, reallocate, deallocate, caseloads).

Each is one request on the store's office API through an
:class:`~erms_desktop.service.office.session.OfficeSession`; the answers are the office API's own
typed messages, re-exported here so the screens name them without reaching into the protocol.
Nothing is cached: each screen asks again when it needs to.
"""

from __future__ import annotations

from erms_desktop.domain.enums import (
    AllocationChangeReason,
    JusticeStage,
    RejectionReason,
    UserRole,
)
from erms_desktop.protocol.office import (
    Acceptance,
    AllocationRequest,
    AssessmentRecorded,
    CaseloadItem,
    CaseOpened,
    Deallocation,
    EqualityAnswers,
    InitialAssessment,
    OfficeCase,
    OfficeCaseFiles,
    OfficeFile,
    Reallocation,
    ReferralIntake,
    ReferralSummary,
    ReferralView,
    ReferredPerson,
    Rejection,
    UserSummary,
)
from erms_desktop.service.office.session import OfficeSession

__all__ = [
    "CaseOpened",
    "CaseloadItem",
    "EqualityAnswers",
    "InitialAssessment",
    "OfficeCase",
    "OfficeCaseFiles",
    "OfficeFile",
    "ReferralIntake",
    "ReferralSummary",
    "ReferralView",
    "ReferredPerson",
    "UserSummary",
    "accept",
    "allocate",
    "assess",
    "case_files",
    "caseload",
    "cases",
    "deallocate",
    "reallocate",
    "referral",
    "referrals",
    "reject",
    "take_in",
    "volunteers",
]


# -- referrals ---------------------------------------------------------------------------------
def referrals(session: OfficeSession) -> list[ReferralSummary]:
    return session.get_list("/referrals", ReferralSummary)


def referral(session: OfficeSession, referral_id: str) -> ReferralView:
    """One referral in full (the store audits the read with the staff member)."""
    return session.get(f"/referrals/{referral_id}", ReferralView)


def take_in(session: OfficeSession, form: ReferralIntake) -> ReferralSummary:
    return session.post("/referrals", form, ReferralSummary)


def reject(session: OfficeSession, referral_id: str, reason: RejectionReason) -> None:
    """Destroys the referral at once on the store; only an anonymous count remains."""
    session.send(f"/referrals/{referral_id}/reject", Rejection(reason=reason))


def accept(
    session: OfficeSession,
    referral_id: str,
    service_reference: str,
    justice_stage: JusticeStage | None,
    *,
    policy_acknowledged: bool = False,
) -> CaseOpened:
    """Open the referral's case (a mediation case has no justice stage: ``None``)."""
    body = Acceptance(
        service_reference=service_reference.strip(),
        justice_stage=justice_stage,
        policy_acknowledged=policy_acknowledged,
    )
    return session.post(f"/referrals/{referral_id}/accept", body, CaseOpened)


# -- cases, risk and allocation ----------------------------------------------------------------
def cases(session: OfficeSession) -> list[OfficeCase]:
    return session.get_list("/cases", OfficeCase)


def case_files(session: OfficeSession, case_id: str) -> OfficeCaseFiles:
    return session.get(f"/cases/{case_id}/files", OfficeCaseFiles)


def assess(session: OfficeSession, party_file_id: str, form: InitialAssessment) -> str:
    """Record the initial risk assessment of one party file; the new record's id."""
    path = f"/files/{party_file_id}/initial-assessment"
    return session.post(path, form, AssessmentRecorded).risk_assessment_id


def volunteers(session: OfficeSession) -> list[UserSummary]:
    """Who can be allocated: the volunteers, by user name."""
    return [u for u in session.get_list("/users", UserSummary) if u.role is UserRole.VOLUNTEER]


def caseload(session: OfficeSession, user_id: str) -> list[CaseloadItem]:
    return session.get_list(f"/users/{user_id}/caseload", CaseloadItem)


def allocate(
    session: OfficeSession, case_id: str, user_ids: list[str], party_file_id: str | None = None
) -> None:
    """The case (no party file) or one party file to one or two facilitators."""
    body = AllocationRequest(user_ids=user_ids, party_file_id=party_file_id)
    session.send(f"/cases/{case_id}/allocations", body)


def reallocate(
    session: OfficeSession,
    case_id: str,
    from_user_id: str,
    to_user_id: str,
    reason: AllocationChangeReason,
) -> None:
    body = Reallocation(from_user_id=from_user_id, to_user_id=to_user_id, reason=reason)
    session.send(f"/cases/{case_id}/reallocate", body)


def deallocate(
    session: OfficeSession, case_id: str, user_id: str, reason: AllocationChangeReason
) -> None:
    session.send(f"/cases/{case_id}/deallocate", Deallocation(user_id=user_id, reason=reason))
