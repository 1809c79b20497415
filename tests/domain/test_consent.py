"""Consent: granular, withdrawable, and a refused consent form closes the case."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from erms_desktop.domain import Case, ConsentRecord, record_form_refusal
from erms_desktop.domain.consent import check_consent_change
from erms_desktop.domain.enums import (
    CaseStatus,
    ClosureReason,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    WorkflowStage,
)
from erms_desktop.domain.errors import CaseClosedError, InvalidValueError
from erms_desktop.domain.workflow import transitions

from .strategies import cases, consents, days, ids, quick

OPEN_STAGES = [stage for stage in WorkflowStage if stage is not WorkflowStage.CLOSURE]


@quick
@given(cases(), ids, ids, days, st.data())
def test_refusing_the_form_closes_the_case_with_that_reason(
    case: Case, party_file_id: str, participant_id: str, on: date, data: st.DataObject
) -> None:
    stage = data.draw(st.sampled_from(sorted(set(OPEN_STAGES) & set(transitions(case.case_type)))))
    case = dataclasses.replace(case, stage=stage, closed_on=None, closure_reason=None)
    on = max(on, case.allocated_on or case.received_on or on)
    refusal, closed = record_form_refusal(
        case, party_file_id=party_file_id, participant_id=participant_id, on=on
    )
    assert closed.status is CaseStatus.CLOSED
    assert closed.closure_reason is ClosureReason.CONSENT_REFUSED
    assert closed.closed_on == on
    assert closed.id == case.id
    assert case.stage is stage
    assert refusal.scope is ConsentScope.CONFIDENTIALITY_FORM
    assert refusal.decision is ConsentDecision.REFUSED
    assert not refusal.is_live(on)
    assert (refusal.case_id, refusal.party_file_id, refusal.participant_id) == (
        case.id,
        party_file_id,
        participant_id,
    )


@quick
@given(cases(stage=WorkflowStage.CLOSURE), ids, ids)
def test_a_closed_case_cannot_be_closed_again_by_a_refusal(
    case: Case, party_file_id: str, participant_id: str
) -> None:
    with pytest.raises(CaseClosedError):
        record_form_refusal(
            case,
            party_file_id=party_file_id,
            participant_id=participant_id,
            on=case.closed_on or date(2026, 1, 1),
        )


@quick
@given(consents(), st.integers(-30, 30), st.integers(0, 30))
def test_consent_is_live_from_when_it_was_given_until_withdrawn(
    consent: ConsentRecord, offset: int, later: int
) -> None:
    on = consent.recorded_on + timedelta(days=offset)
    given_ = consent.decision is ConsentDecision.GIVEN
    withdrawn = consent.withdrawn_on is not None and consent.withdrawn_on <= on
    assert consent.is_live(on) == (given_ and offset >= 0 and not withdrawn)
    if given_ and consent.withdrawn_on is None:
        ended = consent.withdraw(consent.recorded_on + timedelta(days=later))
        assert not ended.is_live(ended.withdrawn_on or on)
        assert consent.withdrawn_on is None  # the original record is a value; it never changes
        with pytest.raises(InvalidValueError, match="already"):
            ended.withdraw(on)


def _consent(**changes: object) -> ConsentRecord:
    base = ConsentRecord(
        id="5d1c9a2e-7b3f-4e6a-8c0d-2f4e6a8c0d1e",
        case_id="6e2d0b3f-8c4a-4f7b-9d1e-3a5f7b9d1e2f",
        party_file_id="7f3e1c4a-9d5b-4a8c-ae2f-4b6a8c0e2f3a",
        participant_id="8a4f2d5b-ae6c-4b9d-bf3a-5c7b9d1f3a4b",
        scope=ConsentScope.TAKE_PART,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.VERBAL,
        recorded_on=date(2026, 2, 2),
    )
    return dataclasses.replace(base, **changes)


def test_consent_rules() -> None:
    with pytest.raises(InvalidValueError, match="covers"):
        _consent(scope=ConsentScope.SHARE_WITH_OTHER_PARTY)  # sharing says what is shared
    with pytest.raises(InvalidValueError, match="covers"):
        _consent(scope=ConsentScope.SHARE_WITH_AGENCY, detail="  ")
    with pytest.raises(InvalidValueError, match="scan"):
        _consent(method=ConsentMethod.SIGNED_FORM)  # a signed form needs its evidence
    with pytest.raises(InvalidValueError, match="only consent that was given"):
        _consent(decision=ConsentDecision.REFUSED).withdraw(date(2026, 2, 3))
    with pytest.raises(InvalidValueError, match="before"):
        _consent().withdraw(date(2026, 2, 1))
    with pytest.raises(InvalidValueError, match="UUID"):
        _consent(evidence_document_id="scan.pdf")
    signed = _consent(
        method=ConsentMethod.SIGNED_FORM,
        evidence_document_id="9b5a3e6c-bf7d-4cae-8a4b-6d8cae2a4b5c",
    )
    assert signed.is_live(date(2026, 2, 2))


def test_a_consent_record_changes_only_by_being_withdrawn() -> None:
    given_ = _consent()
    withdrawn = given_.withdraw(date(2026, 3, 1))
    check_consent_change(given_, given_)
    check_consent_change(given_, withdrawn)
    for rewrite in (
        (_consent(decision=ConsentDecision.REFUSED), given_),  # refused -> given
        (given_, _consent(recorded_on=date(2026, 1, 2))),  # backdated
        (given_, _consent(scope=ConsentScope.SHARE_WITH_OTHER_PARTY, detail="Everything")),
        (withdrawn, given_),  # un-withdrawn
        (withdrawn, given_.withdraw(date(2026, 3, 9))),  # withdrawal re-dated
        (given_, dataclasses.replace(withdrawn, detail="Also this")),
    ):
        with pytest.raises(InvalidValueError, match="only ever withdrawn"):
            check_consent_change(*rewrite)
