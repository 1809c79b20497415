"""The rules of what needs looking at on a case, shared by the volunteer's case header and the
office's oversight list."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from erms_desktop.domain import Case, ConsentRecord, Contact, Offence, Participant, RiskAssessment
from erms_desktop.domain.attention import (
    consent_missing,
    days_without_contact,
    overdue_items,
    risk_reviews_due,
)
from erms_desktop.domain.enums import (
    ClosureReason,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    JusticeStage,
    OffenceType,
    ParticipantRole,
    RiskKind,
    RiskOutcome,
    WorkflowStage,
)

TODAY = date(2026, 6, 10)
FILE = str(uuid.uuid4())
CASE = Case(
    id=str(uuid.uuid4()),
    service_reference="ERMS-2026-0009",
    referral_id=None,
    agency_reference="",
    offence=Offence(type=OffenceType.THEFT, summary="Shoplifting"),
    justice_stage=JusticeStage.OUT_OF_COURT,
    stage=WorkflowStage.ASSESSMENT,
    received_on=date(2026, 1, 5),
    allocated_on=date(2026, 1, 20),
    next_action="Visit",
    next_action_due=date(2026, 6, 9),
)


def _risk(completed: date, review: date | None) -> RiskAssessment:
    return RiskAssessment(
        id=str(uuid.uuid4()),
        case_id=CASE.id,
        party_file_id=FILE,
        kind=RiskKind.SECONDARY,
        assessor_id=str(uuid.uuid4()),
        outcome=RiskOutcome.PROCEED,
        completed_on=completed,
        review_on=review,
    )


def test_an_overdue_next_action_and_hold_review_on_open_cases_only() -> None:
    assert overdue_items(CASE, TODAY) == ["next action"]
    assert "next action" not in overdue_items(CASE, date(2026, 6, 9))
    held = dataclasses.replace(
        CASE, on_hold=True, hold_reason="Awaiting sentence", hold_review_on=date(2026, 6, 1)
    )
    assert overdue_items(held, TODAY) == ["next action", "on-hold review"]
    closed = dataclasses.replace(
        CASE,
        stage=WorkflowStage.CLOSURE,
        closed_on=date(2026, 6, 1),
        closure_reason=ClosureReason.COMPLETED,
    )
    assert overdue_items(closed, TODAY) == []
    assert days_without_contact(closed, [], TODAY) is None


def test_a_newer_assessment_replaces_an_older_one_s_review() -> None:
    old = _risk(date(2026, 2, 1), date(2026, 5, 1))
    assert risk_reviews_due([old], TODAY) == [old]
    newer = _risk(date(2026, 5, 20), date(2026, 9, 1))
    assert risk_reviews_due([newer, old], TODAY) == []
    assert risk_reviews_due([_risk(date(2026, 2, 1), TODAY)], TODAY) != []  # due today


def test_consent_to_take_part_is_expected_from_assessment_on() -> None:
    victim = Participant(
        id=str(uuid.uuid4()), party_file_id=FILE, role=ParticipantRole.VICTIM, given_names="Ann"
    )
    supporter = Participant(
        id=str(uuid.uuid4()),
        party_file_id=FILE,
        role=ParticipantRole.SUPPORTER,
        given_names="Bea",
    )
    given = ConsentRecord(
        id=str(uuid.uuid4()),
        case_id=CASE.id,
        party_file_id=FILE,
        participant_id=victim.id,
        scope=ConsentScope.TAKE_PART,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.VERBAL,
        recorded_on=date(2026, 2, 1),
    )
    assert consent_missing(CASE, [victim, supporter], [], TODAY) == [victim]
    assert consent_missing(CASE, [victim], [given], TODAY) == []
    assert consent_missing(CASE, [victim], [given.withdraw(date(2026, 6, 1))], TODAY) == [victim]
    early = dataclasses.replace(CASE, stage=WorkflowStage.FIRST_CONTACT)
    assert consent_missing(early, [victim], [], TODAY) == []


def test_days_without_contact_count_from_the_last_contact_or_allocation() -> None:
    assert days_without_contact(CASE, [], TODAY) == (TODAY - date(2026, 1, 20)).days
    call = Contact(
        id=str(uuid.uuid4()),
        case_id=CASE.id,
        kind=ContactKind.FOLLOW_UP,
        mode=ContactMode.PHONE,
        held_on=date(2026, 6, 3),
        duration_minutes=10,
    )
    assert days_without_contact(CASE, [call], TODAY) == 7
