"""Referrals and cases: the case header every other record hangs from."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from erms_desktop.domain.enums import (
    CaseStatus,
    CaseType,
    ClosureReason,
    ConsentAtReferral,
    DisputeType,
    JusticeStage,
    OffenceFlag,
    OffenceType,
    ReferralSource,
    ReferralStatus,
    WorkflowStage,
)
from erms_desktop.domain.errors import (
    CaseClosedError,
    InvalidValueError,
    WorkflowTransitionError,
)
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import require_id, require_order, require_text
from erms_desktop.domain.workflow import can_move, transitions


@dataclass(frozen=True, slots=True, kw_only=True)
class Referral:
    """A request from an agency (or the person themself) for restorative justice.

    Accepted referrals become cases; rejected ones are destroyed at once by the retention job.
    """

    id: str
    source: ReferralSource
    received_on: date
    agency_reference: str = ""
    consent_at_referral: ConsentAtReferral = ConsentAtReferral.NOT_YET_ASKED
    status: ReferralStatus = ReferralStatus.RECEIVED
    case_id: str | None = None

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "referral id")
        if (self.status is ReferralStatus.ACCEPTED) != (self.case_id is not None):
            raise InvalidValueError("an accepted referral names its case; any other names none")
        if self.case_id is not None:
            require_id(self.case_id, "referral case id")

    def accept(self, case_id: str) -> Referral:
        if self.status is not ReferralStatus.RECEIVED:
            raise InvalidValueError(f"referral already {self.status.value}")
        return dataclasses.replace(self, status=ReferralStatus.ACCEPTED, case_id=case_id)

    def reject(self) -> Referral:
        if self.status is not ReferralStatus.RECEIVED:
            raise InvalidValueError(f"referral already {self.status.value}")
        return dataclasses.replace(self, status=ReferralStatus.REJECTED)


@dataclass(frozen=True, slots=True, kw_only=True)
class Offence:
    type: OffenceType
    summary: str
    committed_on: date | None = None
    flags: tuple[OffenceFlag, ...] = ()

    def __post_init__(self) -> None:

        check_field_types(self)
        require_text(self.summary, "offence summary")
        if len(set(self.flags)) != len(self.flags):
            raise InvalidValueError("offence flags must not repeat")


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """A case. Its party files hold everything about the people.

    A restorative justice case (the default, and every case recorded before mediation existed)
    has an offence and a criminal justice stage. A mediation case has neither: it has a dispute
    type and a short description of the dispute, which is read by every party and so may
    identify nobody (the case-level separation rule)."""

    id: str
    service_reference: str
    referral_id: str | None
    agency_reference: str
    case_type: CaseType = CaseType.RESTORATIVE_JUSTICE
    offence: Offence | None = None
    justice_stage: JusticeStage | None = None
    dispute_type: DisputeType | None = None
    dispute_summary: str = ""
    stage: WorkflowStage = WorkflowStage.REFERRAL
    facilitator_ids: tuple[str, ...] = ()
    received_on: date | None = None
    allocated_on: date | None = None
    next_action: str = ""
    next_action_due: date | None = None
    closed_on: date | None = None
    closure_reason: ClosureReason | None = None
    on_hold: bool = False
    hold_reason: str = ""  # why the case waits (awaiting sentence, say); case level, names nobody
    hold_review_on: date | None = None  # when to look at it again

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "case id")
        require_text(self.service_reference, "service reference")
        _check_type_fields(self)
        for facilitator in self.facilitator_ids:
            require_id(facilitator, "facilitator id")
        if len(set(self.facilitator_ids)) != len(self.facilitator_ids):
            raise InvalidValueError("a facilitator is allocated to a case only once")
        closed = self.stage is WorkflowStage.CLOSURE
        if closed != (self.closure_reason is not None) or closed != (self.closed_on is not None):
            raise InvalidValueError("a closed case has a closure date and reason; an open one none")
        if closed and self.on_hold:
            raise InvalidValueError("a closed case cannot also be on hold")
        if self.referral_id is not None:
            require_id(self.referral_id, "case referral id")
        require_order(self.received_on, self.allocated_on, "a case is allocated after receipt")
        require_order(self.received_on, self.closed_on, "a case is closed after receipt")
        require_order(self.allocated_on, self.closed_on, "a case is closed after allocation")

    @property
    def summary(self) -> str:
        """What the case is about: the offence's summary, or the dispute's description."""
        return self.offence.summary if self.offence is not None else self.dispute_summary

    @property
    def is_closed(self) -> bool:
        return self.stage is WorkflowStage.CLOSURE

    @property
    def status(self) -> CaseStatus:
        if self.is_closed:
            return CaseStatus.CLOSED
        return CaseStatus.ON_HOLD if self.on_hold else CaseStatus.OPEN

    def put_on_hold(self, reason: str = "", review_on: date | None = None) -> Case:
        """Pause an open case (awaiting sentence, say); its stage stays where it is. A case put
        on hold from now on says why and when to look again (see ``check_header_change``)."""
        if self.is_closed:
            raise CaseClosedError(f"case {self.service_reference} is closed")
        if self.on_hold:
            raise InvalidValueError("the case is already on hold")
        return dataclasses.replace(
            self, on_hold=True, hold_reason=reason.strip(), hold_review_on=review_on
        )

    def resume(self) -> Case:
        if not self.on_hold:
            raise InvalidValueError("the case is not on hold")
        return dataclasses.replace(self, on_hold=False, hold_reason="", hold_review_on=None)

    def set_next_action(self, action: str, due: date | None) -> Case:
        if self.is_closed:
            raise CaseClosedError(f"case {self.service_reference} is closed")
        return dataclasses.replace(self, next_action=action.strip(), next_action_due=due)

    def move_to(self, stage: WorkflowStage) -> Case:
        """Move to the next workflow stage; closure goes through :meth:`close`."""
        if self.is_closed:
            raise CaseClosedError(f"case {self.service_reference} is closed")
        if stage is WorkflowStage.CLOSURE:
            raise WorkflowTransitionError("close a case with close(), giving the reason")
        if self.on_hold:
            raise WorkflowTransitionError("resume the case before moving it on")
        if not can_move(self.stage, stage, self.case_type):
            raise WorkflowTransitionError(
                f"a case cannot move from {self.stage.value} to {stage.value}"
            )
        return dataclasses.replace(self, stage=stage)

    def close(self, reason: ClosureReason, on: date) -> Case:
        if self.is_closed:
            raise CaseClosedError(f"case {self.service_reference} is already closed")
        return dataclasses.replace(
            self, stage=WorkflowStage.CLOSURE, closure_reason=reason, closed_on=on, on_hold=False
        )

    def allocate(self, facilitator_ids: tuple[str, ...], on: date) -> Case:
        """Allocate facilitators (usually two co-facilitators); moves a new restorative justice
        case to allocation (mediation has no allocation stage: the case stays at referral until
        first contact)."""
        if self.is_closed:
            raise CaseClosedError(f"case {self.service_reference} is closed")
        if not facilitator_ids:
            raise InvalidValueError("allocate at least one facilitator")
        stage = self.stage
        if stage is WorkflowStage.REFERRAL and can_move(
            stage, WorkflowStage.ALLOCATION, self.case_type
        ):
            stage = WorkflowStage.ALLOCATION
        return dataclasses.replace(
            self, facilitator_ids=facilitator_ids, allocated_on=on, stage=stage
        )


def _check_type_fields(case: Case) -> None:
    """A restorative justice case has an offence and a justice stage and no dispute; a
    mediation case the reverse, so nobody in a dispute is recorded against an offence. Each
    stands at a stage of its own type's workflow."""
    if case.stage not in transitions(case.case_type):
        raise InvalidValueError(
            f"a {case.case_type.label.lower()} case has no {case.stage.value} stage"
        )
    if case.case_type is CaseType.RESTORATIVE_JUSTICE:
        if case.offence is None or case.justice_stage is None:
            raise InvalidValueError("a restorative justice case has an offence and justice stage")
        if case.dispute_type is not None or case.dispute_summary:
            raise InvalidValueError("a restorative justice case has no dispute type")
        return
    if case.offence is not None or case.justice_stage is not None:
        raise InvalidValueError("a mediation case has no offence or justice stage")
    if case.dispute_type is None:
        raise InvalidValueError("a mediation case needs its dispute type")
