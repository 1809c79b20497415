"""Which workflow stage may follow which. Closure can follow any stage (a participant may
withdraw at any time); otherwise a case moves forward one step, may skip the outcome agreement
when a conference ended without one, and may step back from preparation to assessment when risk
must be looked at again. Nothing follows closure."""

from erms_desktop.domain.enums import WorkflowStage as S

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


def can_move(current: S, target: S) -> bool:
    """True when ``target`` may directly follow ``current``."""
    return target in ALLOWED_TRANSITIONS[current]
