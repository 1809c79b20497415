"""Allowed workflow transitions only: the table matches the service's process, Case.move_to and
Case.close obey it for every pair of stages, and random walks never reach an invalid state."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erms_desktop.domain import Case, Offence
from erms_desktop.domain.enums import (
    CaseStatus,
    ClosureReason,
    JusticeStage,
    OffenceType,
    WorkflowStage,
)
from erms_desktop.domain.errors import (
    CaseClosedError,
    InvalidValueError,
    WorkflowTransitionError,
)
from erms_desktop.domain.workflow import (
    ALLOWED_TRANSITIONS,
    MEDIATION_TRANSITIONS,
    can_move,
    check_header_change,
)

S = WorkflowStage
#: Restorative justice stages (mediation's own are tested in test_mediation.py).
ORDER = [stage for stage in WorkflowStage if stage in ALLOWED_TRANSITIONS]
FACILITATORS = ("0b6b6c1e-9d55-4b7e-8a3e-3f1f5b7d2c10", "7d3a1f52-2c44-4c1b-9e0e-5b8a2d6f4e21")
ALL_PAIRS = list(itertools.product(ORDER, repeat=2))


def _expected(current: S, target: S) -> bool:
    """The process the service works by, written out independently of the table: one step on,
    closure from any open stage, back from preparation to assessment, and straight from delivery
    to follow-up when no outcome agreement was made."""
    if current is S.CLOSURE:
        return False
    if target is S.CLOSURE:
        return True
    step = ORDER.index(target) - ORDER.index(current)
    return step == 1 or (current, target) in {
        (S.PREPARATION, S.ASSESSMENT),
        (S.DELIVERY, S.FOLLOW_UP),
    }


def _case(stage: S) -> Case:
    closed = stage is S.CLOSURE
    return Case(
        id="4f0e7c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
        service_reference="ERMS-2026-0001",
        referral_id=None,
        agency_reference="",
        offence=Offence(type=OffenceType.THEFT, summary="Shoplifting"),
        justice_stage=JusticeStage.OUT_OF_COURT,
        stage=stage,
        received_on=date(2026, 1, 5),
        closed_on=date(2026, 2, 1) if closed else None,
        closure_reason=ClosureReason.COMPLETED if closed else None,
    )


def test_the_tables_name_every_stage() -> None:
    assert set(ALLOWED_TRANSITIONS) | set(MEDIATION_TRANSITIONS) == set(WorkflowStage)


@pytest.mark.parametrize("stage", sorted(set(WorkflowStage) - set(ORDER)))
def test_a_restorative_justice_case_never_reaches_a_mediation_stage(stage: S) -> None:
    for current in ORDER:
        assert not can_move(current, stage)
    with pytest.raises(InvalidValueError, match=r"no .* stage"):
        _case(stage)


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_table_matches_the_process(current: S, target: S) -> None:
    assert can_move(current, target) == _expected(current, target)


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_case_moves_only_along_the_table(current: S, target: S) -> None:
    case = _case(current)
    allowed = target in ALLOWED_TRANSITIONS[current]
    if target is S.CLOSURE:
        if allowed:
            closed = case.close(ClosureReason.PARTICIPANT_WITHDREW, date(2026, 3, 1))
            assert closed.stage is S.CLOSURE
            assert closed.status is CaseStatus.CLOSED
        else:
            with pytest.raises(CaseClosedError):
                case.close(ClosureReason.OTHER, date(2026, 3, 1))
        with pytest.raises((WorkflowTransitionError, CaseClosedError)):
            case.move_to(S.CLOSURE)  # closing always goes through close(), with a reason
    elif allowed:
        assert case.move_to(target).stage is target
    else:
        with pytest.raises((WorkflowTransitionError, CaseClosedError)):
            case.move_to(target)
    assert case.stage is current  # the original value never changes


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["move", "close", "hold", "allocate"]), st.integers()),
                max_size=30))  # fmt: skip
def test_random_walks_never_reach_an_invalid_state(steps: list[tuple[str, int]]) -> None:
    case = _case(S.REFERRAL)
    day = date(2026, 1, 5)
    for action, pick in steps:
        day += timedelta(days=1)
        before = case
        try:
            case = _apply(case, action, pick, day)
        except (WorkflowTransitionError, CaseClosedError, InvalidValueError):
            assert case is before
            continue
        if case.stage is not before.stage:
            assert can_move(before.stage, case.stage), (before.stage, case.stage)
        assert not before.is_closed or case == before, "nothing changes a closed case"
        # Rebuilding from the fields re-runs every check: the state is valid, not just reachable.
        assert dataclasses.replace(case) == case
        assert case.is_closed == (case.closure_reason is not None) == (case.closed_on is not None)
        assert not (case.is_closed and case.on_hold)


def _apply(case: Case, action: str, pick: int, day: date) -> Case:
    if action == "close":
        return case.close(list(ClosureReason)[pick % len(ClosureReason)], day)
    if action == "hold":
        return case.resume() if case.on_hold else case.put_on_hold()
    if action == "allocate":
        return case.allocate(FACILITATORS[: 1 + pick % 2], day)
    if pick % 3 == 0:  # sometimes an arbitrary stage, to show refusals change nothing
        return case.move_to(ORDER[pick % len(ORDER)])
    options = sorted(ALLOWED_TRANSITIONS[case.stage] - {S.CLOSURE})
    if not options:
        return case.move_to(S.REFERRAL)
    return case.move_to(options[pick % len(options)])


def test_a_case_on_hold_does_not_move_until_resumed() -> None:
    held = _case(S.PREPARATION).put_on_hold()
    assert held.status is CaseStatus.ON_HOLD
    with pytest.raises(WorkflowTransitionError):
        held.move_to(S.DELIVERY)
    assert held.resume().move_to(S.DELIVERY).stage is S.DELIVERY
    closed = held.close(ClosureReason.PARTICIPANT_WITHDREW, date(2026, 3, 1))
    assert closed.status is CaseStatus.CLOSED
    assert not closed.on_hold


def test_allocation_moves_a_new_case_on_and_keeps_a_later_stage() -> None:
    allocated = _case(S.REFERRAL).allocate(FACILITATORS, date(2026, 1, 9))
    assert allocated.stage is S.ALLOCATION
    assert allocated.facilitator_ids == FACILITATORS
    reallocated = _case(S.PREPARATION).allocate(FACILITATORS[:1], date(2026, 1, 9))
    assert reallocated.stage is S.PREPARATION
    with pytest.raises(InvalidValueError):
        _case(S.REFERRAL).allocate((), date(2026, 1, 9))
    with pytest.raises(InvalidValueError):
        _case(S.REFERRAL).allocate((FACILITATORS[0], FACILITATORS[0]), date(2026, 1, 9))
    with pytest.raises(InvalidValueError, match="after receipt"):
        _case(S.REFERRAL).allocate(FACILITATORS, date(2025, 12, 1))


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_a_new_header_version_moves_only_along_the_table(current: S, target: S) -> None:
    """check_header_change (what the central store runs on a pushed case header) agrees with
    the table for every pair of stages."""
    before, after = _case(current), _case(target)
    today = date(2026, 3, 1)
    if current is target or can_move(current, target):
        check_header_change(before, after, today=today, referral_received_on=None)
    else:
        with pytest.raises(WorkflowTransitionError):
            check_header_change(before, after, today=today, referral_received_on=None)


def test_a_new_header_version_has_no_future_date_nor_one_before_the_referral() -> None:
    open_case = _case(S.FOLLOW_UP)
    closed = open_case.close(ClosureReason.COMPLETED, date(2026, 3, 1))
    on = {"referral_received_on": date(2026, 1, 5)}
    check_header_change(open_case, closed, today=date(2026, 2, 28), **on)  # a day ahead: time zones
    with pytest.raises(InvalidValueError, match="in the future"):
        check_header_change(open_case, closed, today=date(2026, 2, 27), **on)
    with pytest.raises(InvalidValueError, match="before its referral"):
        check_header_change(
            open_case, closed, today=date(2026, 3, 1), referral_received_on=date(2026, 3, 2)
        )
    # A date the store already held is not judged again (old data stays readable).
    renamed = dataclasses.replace(closed, next_action="Archive")
    check_header_change(
        closed, renamed, today=date(2026, 3, 1), referral_received_on=date(2026, 3, 2)
    )
