"""What the case list and the case header flag on an open case: an overdue next action or
on-hold review, a risk review whose date has come, a party with no consent to take part."""

from __future__ import annotations

from datetime import date, timedelta

from erms_desktop.domain import Case
from erms_desktop.domain.enums import (
    ClosureReason,
    ConsentMethod,
    ConsentScope,
    RiskKind,
    RiskOutcome,
)
from erms_desktop.service.case_alerts import case_alerts
from erms_desktop.service.case_list import case_rows_from
from erms_desktop.service.casework import Casework
from tests.service.world import VOLUNTEER, World


def _alerts(world: World, today: date | None = None) -> tuple[str, ...]:
    [row] = case_rows_from(world.vault.store, today or world.casework.today())
    return row.alerts


def test_an_overdue_next_action_and_missing_consents_are_listed(world: World) -> None:
    today = world.casework.today()
    assert _alerts(world) == ("no consent to take part from P.Q., T.K.",)
    assert "next action overdue" in _alerts(world, world.case.next_action_due + timedelta(1))
    world.casework.record_consent(world.victim.id, ConsentScope.TAKE_PART, ConsentMethod.VERBAL)
    assert _alerts(world, today) == ("no consent to take part from T.K.",)
    world.casework.record_consent(world.offender.id, ConsentScope.TAKE_PART, ConsentMethod.VERBAL)
    assert _alerts(world, today) == ()


def test_a_risk_review_is_due_until_a_newer_assessment_is_made(world: World) -> None:
    cw = world.casework
    review = cw.today() + timedelta(days=7)
    cw.record_risk(
        world.case.id,
        RiskKind.SECONDARY,
        party_file_id=world.victim_file.id,
        outcome=RiskOutcome.PROCEED,
        review_on=review,
    )
    assert "risk review due" not in _alerts(world)
    assert "risk review due" in _alerts(world, review)
    later = Casework(world.vault, VOLUNTEER, clock=lambda: cw.now() + timedelta(days=8))
    later.record_risk(
        world.case.id,
        RiskKind.SECONDARY,
        party_file_id=world.victim_file.id,
        outcome=RiskOutcome.PROCEED,
    )
    assert "risk review due" not in _alerts(world, review + timedelta(days=1))


def test_an_overdue_hold_review_is_flagged_and_a_closed_case_is_not(world: World) -> None:
    cw = world.casework
    cw.put_on_hold(world.case.id, "Awaiting sentence", cw.today() + timedelta(days=3))
    assert "on-hold review overdue" in _alerts(world, cw.today() + timedelta(days=4))
    held = world.vault.store.get(Case, world.case.id)
    closed = held.resume().close(ClosureReason.PARTICIPANT_WITHDREW, cw.today())
    people = [world.victim, world.offender]
    late = cw.today() + timedelta(days=365)
    assert case_alerts(closed, risks=(), consents=(), people=people, today=late) == ()
