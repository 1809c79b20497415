"""What needs looking at on an open case: an overdue next action or on-hold review, a risk
assessment whose review date has come, a main participant without live consent to take part,
and how long since anyone was last in contact. One set of rules for the volunteer's case
header and the office's oversight list, so both say the same thing about the same case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from erms_desktop.domain.activity import Contact
from erms_desktop.domain.case import Case
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.enums import ConsentScope, ParticipantRole, RiskKind, WorkflowStage
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.risk import RiskAssessment

#: Consent to take part is asked at first contact; from assessment on, it must be there.
_CONSENT_EXPECTED_FROM = list(WorkflowStage).index(WorkflowStage.ASSESSMENT)
_MAIN_ROLES = frozenset({ParticipantRole.VICTIM, ParticipantRole.OFFENDER, ParticipantRole.PARTY})


def overdue_items(case: Case, today: date) -> list[str]:
    """What is past its date on an open case: the next action, the on-hold review."""
    if case.is_closed:
        return []
    items = []
    if case.next_action_due is not None and case.next_action_due < today:
        items.append("next action")
    if case.on_hold and case.hold_review_on is not None and case.hold_review_on < today:
        items.append("on-hold review")
    return items


def risk_reviews_due(assessments: Iterable[RiskAssessment], today: date) -> list[RiskAssessment]:
    """The latest completed secondary assessment of each party file whose review date is today
    or past. Only the facilitator's secondary assessments are reviewed: the initial one is the
    office's, a letter's is made once per letter; a newer assessment is the review, so it
    replaces an older one's date."""
    latest: dict[str | None, RiskAssessment] = {}
    completed = [
        a for a in assessments if a.completed_on is not None and a.kind is RiskKind.SECONDARY
    ]
    for found in sorted(completed, key=lambda a: a.completed_on or today):
        latest[found.party_file_id] = found
    return [a for a in latest.values() if a.review_on is not None and a.review_on <= today]


def consent_missing(
    case: Case,
    participants: Iterable[Participant],
    consents: Iterable[ConsentRecord],
    today: date,
) -> list[Participant]:
    """The victims and offenders of an open case past first contact who have no live consent
    to take part (never asked, refused, or withdrawn)."""
    if case.is_closed or list(WorkflowStage).index(case.stage) < _CONSENT_EXPECTED_FROM:
        return []
    consenting = {
        c.participant_id
        for c in consents
        if c.scope is ConsentScope.TAKE_PART and c.case_id == case.id and c.is_live(today)
    }
    return [p for p in participants if p.role in _MAIN_ROLES and p.id not in consenting]


def last_contact(contacts: Iterable[Contact]) -> date | None:
    return max((c.held_on for c in contacts), default=None)


def days_without_contact(case: Case, contacts: Iterable[Contact], today: date) -> int | None:
    """Days since the last contact or meeting on the case; with none yet, since allocation (or
    receipt). None for a closed case, or one with no date to count from."""
    if case.is_closed:
        return None
    since = last_contact(contacts) or case.allocated_on or case.received_on
    return None if since is None else max((today - since).days, 0)
