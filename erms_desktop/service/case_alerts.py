"""What on an open case is past its date or missing, in the volunteer's words: an overdue next
action or on-hold review, a risk assessment whose review date has come, a party who has not
consented to take part once the case is past first contact. The case list and the case header
both show these (the same words from the same function)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from erms_desktop.domain.case import Case
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.enums import ConsentScope, ParticipantRole, RiskKind, WorkflowStage
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.risk import RiskAssessment

_STAGES = list(WorkflowStage)
#: From this stage on, each victim and offender should have consented to take part.
CONSENT_EXPECTED_FROM = WorkflowStage.ASSESSMENT
_PARTIES = frozenset({ParticipantRole.VICTIM, ParticipantRole.OFFENDER})


def case_alerts(
    case: Case,
    *,
    risks: Iterable[RiskAssessment],
    consents: Iterable[ConsentRecord],
    people: Sequence[Participant],
    today: date,
) -> tuple[str, ...]:
    """Each alert as a short phrase ("next action overdue"); none on a closed case."""
    if case.is_closed:
        return ()
    alerts = []
    if case.next_action_due is not None and case.next_action_due < today:
        alerts.append("next action overdue")
    if case.on_hold and case.hold_review_on is not None and case.hold_review_on < today:
        alerts.append("on-hold review overdue")
    if reviews_due(risks, today):
        alerts.append("risk review due")
    if _STAGES.index(case.stage) >= _STAGES.index(CONSENT_EXPECTED_FROM):
        missing = without_consent(people, consents, today)
        if missing:
            alerts.append(f"no consent to take part from {', '.join(missing)}")
    return tuple(alerts)


def reviews_due(risks: Iterable[RiskAssessment], today: date) -> bool:
    """The latest completed secondary assessment of a party file (the facilitator's own; the
    initial one is the office's, a letter's is made once per letter) has a review date that
    has come; a newer assessment is the review, so it clears the alert."""
    latest: dict[str | None, RiskAssessment] = {}
    for risk in risks:
        if risk.completed_on is None or risk.kind is not RiskKind.SECONDARY:
            continue
        key = risk.party_file_id
        held = latest.get(key)
        if held is None or (held.completed_on or today) < risk.completed_on:
            latest[key] = risk
    return any(r.review_on is not None and r.review_on <= today for r in latest.values())


def without_consent(
    people: Iterable[Participant], consents: Iterable[ConsentRecord], today: date
) -> list[str]:
    """Initials of each victim or offender with no live consent to take part."""
    given = {
        c.participant_id for c in consents if c.scope is ConsentScope.TAKE_PART and c.is_live(today)
    }
    return [p.initials for p in people if p.role in _PARTIES and p.id not in given]
