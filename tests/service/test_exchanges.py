"""Exchanges only through the consent gate; apology letters need the letter-sharing assessment
and the writer's agreement; custody moves are tracked and delivery re-checks consent."""

from __future__ import annotations

from datetime import date

import pytest

from erms_desktop.domain import Exchange
from erms_desktop.domain.enums import (
    ConsentMethod,
    ConsentScope,
    Custody,
    ExchangeKind,
    RiskKind,
    RiskOutcome,
)
from erms_desktop.domain.errors import ConsentRequiredError, RiskAssessmentRequiredError
from tests.service.world import NOW, OFFENDER_NAME, World


def share_consent(world: World) -> str:
    return world.casework.record_consent(
        world.offender.id,
        ConsentScope.SHARE_WITH_OTHER_PARTY,
        ConsentMethod.VERBAL,
        detail="His answers to her questions",
        on=date(2026, 10, 1),
    ).id


def test_an_exchange_without_consent_is_refused_and_nothing_is_stored(world: World) -> None:
    with pytest.raises(ConsentRequiredError):
        world.casework.create_exchange(
            ExchangeKind.ANSWERS_TO_QUESTIONS,
            world.offender_file.id,
            world.victim_file.id,
            "He is sorry.",
            consent_id=None,
        )
    assert world.vault.store.find_all(Exchange) == []


def test_an_exchange_records_who_what_when_and_its_redactions(world: World) -> None:
    exchange = world.casework.create_exchange(
        ExchangeKind.ANSWERS_TO_QUESTIONS,
        world.offender_file.id,
        world.victim_file.id,
        f"{OFFENDER_NAME} says he is sorry.",
        consent_id=share_consent(world),
    )
    stored = world.vault.store.get(Exchange, exchange.id)
    assert stored.shared_by == world.casework.user_id
    assert stored.shared_at == NOW
    assert OFFENDER_NAME not in stored.content
    assert stored.redactions == (OFFENDER_NAME,)
    assert stored.custody is Custody.HELD


def test_an_apology_letter_needs_the_assessment_and_the_writers_agreement(world: World) -> None:
    consent = share_consent(world)
    args = (ExchangeKind.APOLOGY_LETTER, world.offender_file.id, world.victim_file.id, "Sorry.")
    with pytest.raises(RiskAssessmentRequiredError):
        world.casework.create_exchange(*args, consent_id=consent, writer_agreed=True)
    risk = world.casework.record_risk(
        world.case.id, RiskKind.LETTER_SHARING, outcome=RiskOutcome.PROCEED
    )
    with pytest.raises(RiskAssessmentRequiredError):
        world.casework.create_exchange(*args, consent_id=consent, risk_assessment_id=risk.id)
    letter = world.casework.create_exchange(
        *args, consent_id=consent, risk_assessment_id=risk.id, writer_agreed=True
    )
    assert letter.risk_assessment_id == risk.id


def test_custody_moves_and_delivery_rechecks_consent(world: World) -> None:
    consent = share_consent(world)
    make = lambda: world.casework.create_exchange(  # noqa: E731
        ExchangeKind.LETTER,
        world.offender_file.id,
        world.victim_file.id,
        "A letter",
        consent_id=consent,
    )
    delivered = world.casework.move_custody(make().id, Custody.DELIVERED)
    assert delivered.custody is Custody.DELIVERED
    held = make()
    world.casework.withdraw_consent(consent, on=date(2026, 10, 20))
    with pytest.raises(ConsentRequiredError):
        world.casework.move_custody(held.id, Custody.DELIVERED)
    assert world.casework.move_custody(held.id, Custody.DESTROYED).custody is Custody.DESTROYED


def test_a_kind_given_as_plain_text_still_meets_the_letter_gate(world: World) -> None:
    """Forms hand over enum values as strings; the gate must not be bypassed by that."""
    with pytest.raises(RiskAssessmentRequiredError):
        world.casework.create_exchange(
            "apology_letter",  # type: ignore[arg-type]
            world.offender_file.id,
            world.victim_file.id,
            "Sorry.",
            consent_id=share_consent(world),
        )
    assert world.vault.store.find_all(Exchange) == []
