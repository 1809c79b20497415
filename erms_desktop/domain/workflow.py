"""Which workflow stage may follow which. Closure can follow any stage (a participant may
withdraw at any time); otherwise a case moves forward one step, may skip the outcome agreement
when a conference ended without one, and may step back from preparation to assessment when risk
must be looked at again. Nothing follows closure.

:func:`check_header_change` applies the same table to a whole new version of a case header (as
the central store receives one), with the rule that a case's dates are neither in the future
nor before its referral (retention counts from the closure date, so a backdated closure would
destroy a live case), and that a case put on hold says why and when it is to be reviewed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from erms_desktop.domain.enums import ClosureReason
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

#: A laptop's calendar may run ahead of the store's by the time-zone difference.
CLOCK_SKEW: Final = timedelta(days=1)
_DATES: Final = ("received_on", "allocated_on", "closed_on")


def can_move(current: S, target: S) -> bool:
    """True when ``target`` may directly follow ``current``."""
    return target in ALLOWED_TRANSITIONS[current]


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
    not allow, or whose new dates lie in the future or before the referral was received."""
    if before is not None and not (
        after.stage is before.stage or can_move(before.stage, after.stage)
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
