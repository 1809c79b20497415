"""Which workflow stage may follow which. Closure can follow any stage (a participant may
withdraw at any time); otherwise a case moves forward one step, may skip the outcome agreement
when a conference ended without one, and may step back from preparation to assessment when risk
must be looked at again. Nothing follows closure.

A mediation case has its own table (:data:`MEDIATION_TRANSITIONS`): referral, first contact,
individual visits to each party, a joint meeting or shuttle mediation, an agreement, a review
and closure. It may step back from the joint meeting to individual visits (risk to look at
again) and skip the agreement when the meeting ended without one. The gates are the same for
both types: a meeting needs each party's completed secondary risk assessment and a joint record
every party's consent to share (``domain.integrity``); content moves between parties only with
the consent of the party it comes from (``domain.exchange``).

:func:`check_header_change` applies the same table to a whole new version of a case header (as
the central store receives one), with the rule that a case's dates are neither in the future
nor before its referral (retention counts from the closure date, so a backdated closure would
destroy a live case), and that a case put on hold says why and when it is to be reviewed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from erms_desktop.domain.enums import CaseType, ClosureReason, ContactKind
from erms_desktop.domain.enums import WorkflowStage as S
from erms_desktop.domain.errors import InvalidValueError, WorkflowTransitionError

if TYPE_CHECKING:
    from erms_desktop.domain.case import Case

ALLOWED_TRANSITIONS: dict[S, frozenset[S]] = {
    S.REFERRAL: frozenset({S.ALLOCATION, S.CLOSURE}),
    S.ALLOCATION: frozenset({S.FIRST_CONTACT, S.CLOSURE}),
    S.FIRST_CONTACT: frozenset({S.ASSESSMENT, S.CLOSURE}),
    S.ASSESSMENT: frozenset({S.PREPARATION, S.CLOSURE}),
    S.PREPARATION: frozenset({S.DELIVERY, S.ASSESSMENT, S.CLOSURE}),
    S.DELIVERY: frozenset({S.OUTCOME_AGREEMENT, S.FOLLOW_UP, S.CLOSURE}),
    S.OUTCOME_AGREEMENT: frozenset({S.FOLLOW_UP, S.CLOSURE}),
    S.FOLLOW_UP: frozenset({S.CLOSURE}),
    S.CLOSURE: frozenset(),
}

MEDIATION_TRANSITIONS: dict[S, frozenset[S]] = {
    S.REFERRAL: frozenset({S.FIRST_CONTACT, S.CLOSURE}),
    S.FIRST_CONTACT: frozenset({S.INDIVIDUAL_VISITS, S.CLOSURE}),
    S.INDIVIDUAL_VISITS: frozenset({S.JOINT_MEETING, S.CLOSURE}),
    S.JOINT_MEETING: frozenset({S.OUTCOME_AGREEMENT, S.FOLLOW_UP, S.INDIVIDUAL_VISITS, S.CLOSURE}),
    S.OUTCOME_AGREEMENT: frozenset({S.FOLLOW_UP, S.CLOSURE}),
    S.FOLLOW_UP: frozenset({S.CLOSURE}),
    S.CLOSURE: frozenset(),
}

#: What each stage is called for each case type, where the name differs from the value's.
_MEDIATION_NAMES: Final = {
    S.JOINT_MEETING: "Joint meeting or shuttle",
    S.OUTCOME_AGREEMENT: "Agreement",
    S.FOLLOW_UP: "Review",
}
#: A mediation's meeting of the parties is a joint meeting, never a (restorative) conference.
_MEDIATION_CONTACTS: Final = {ContactKind.CONFERENCE: "Joint meeting"}

#: A laptop's calendar may run ahead of the store's by the time-zone difference.
CLOCK_SKEW: Final = timedelta(days=1)
_DATES: Final = ("received_on", "allocated_on", "closed_on")


def transitions(case_type: CaseType) -> dict[S, frozenset[S]]:
    """The workflow table of one case type."""
    if case_type is CaseType.MEDIATION:
        return MEDIATION_TRANSITIONS
    return ALLOWED_TRANSITIONS


def can_move(current: S, target: S, case_type: CaseType = CaseType.RESTORATIVE_JUSTICE) -> bool:
    """True when ``target`` may directly follow ``current`` in the case type's table (a stage
    the type does not use follows nothing and is followed by nothing)."""
    return target in transitions(case_type).get(current, frozenset())


def stage_name(stage: S, case_type: CaseType) -> str:
    """The stage as the service calls it for this case type ("Review", "Follow up")."""
    if case_type is CaseType.MEDIATION and stage in _MEDIATION_NAMES:
        return _MEDIATION_NAMES[stage]
    return stage.value.replace("_", " ").capitalize()


def contact_name(kind: ContactKind, case_type: CaseType) -> str:
    """The kind of contact as the service calls it for this case type ("Joint meeting")."""
    if case_type is CaseType.MEDIATION and kind in _MEDIATION_CONTACTS:
        return _MEDIATION_CONTACTS[kind]
    return kind.value.replace("_", " ").capitalize()


#: The reasons a facilitator closes their own allocated case for; the office closes for the
#: others (a safeguarding concern, anything else) and for any case.
VOLUNTEER_CLOSURE_REASONS: Final = (
    ClosureReason.COMPLETED,
    ClosureReason.PARTICIPANT_WITHDREW,
    ClosureReason.CONSENT_REFUSED,
    ClosureReason.NOT_SUITABLE,
    ClosureReason.NO_CONTACT,
)


def check_header_change(
    before: Case | None, after: Case, *, today: date, referral_received_on: date | None
) -> None:
    """Refuse a new case header (``before`` None) or a change whose stage move the table does
    not allow, or whose new dates lie in the future or before the referral was received. A
    case keeps its type for life (its party files are labelled by it), and a new one starts
    at a stage of its own type's table."""
    if before is not None and before.case_type is not after.case_type:
        raise InvalidValueError("a case keeps its type: open a new case of the other type")
    if after.stage not in transitions(after.case_type):
        raise WorkflowTransitionError(
            f"a {after.case_type.label.lower()} case has no {after.stage.value} stage"
        )
    if before is not None and not (
        after.stage is before.stage or can_move(before.stage, after.stage, after.case_type)
    ):
        raise WorkflowTransitionError(
            f"a case cannot move from {before.stage.value} to {after.stage.value}"
        )
    if before is not None and after.on_hold and not before.on_hold:
        if not after.hold_reason.strip() or after.hold_review_on is None:
            raise InvalidValueError("a case put on hold needs a reason and a review date")
        if after.hold_review_on < today:
            raise InvalidValueError("the review date of a case on hold is not in the past")
    for name in _DATES:
        value: date | None = getattr(after, name)
        if value is None or (before is not None and getattr(before, name) == value):
            continue
        if value > today + CLOCK_SKEW:
            raise InvalidValueError(f"the case's {name} is in the future")
        if referral_received_on is not None and value < referral_received_on:
            raise InvalidValueError(f"the case's {name} is before its referral was received")
