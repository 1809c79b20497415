"""The consent gate in brief (the full table is in tests/separation/test_consent_gate.py):
content crosses only on a live consent of the party it comes from, and custody follows its rules."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from erms_desktop.domain import ConsentRecord, Exchange, PartyFile, RiskAssessment, create_exchange
from erms_desktop.domain.enums import (
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    Custody,
    ExchangeKind,
    RiskKind,
    RiskOutcome,
    Side,
)
from erms_desktop.domain.errors import (
    ConsentRequiredError,
    CustodyError,
    InvalidValueError,
    RiskAssessmentRequiredError,
)
from erms_desktop.domain.exchange import (
    CUSTODY_MOVES,
    check_exchange_change,
    check_exchange_record,
)

CASE = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
VICTIM_FILE = PartyFile(id="2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e", case_id=CASE, side=Side.VICTIM)
OFFENDER_FILE = PartyFile(
    id="3c4d5e6f-7a8b-4c3d-ae4f-5a6b7c8d9e0f", case_id=CASE, side=Side.OFFENDER
)
FACILITATOR = "4d5e6f7a-8b9c-4d4e-bf5a-6b7c8d9e0f1a"
AT = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
LETTER = "I am sorry for what I did."


def _consent(party_file: PartyFile, **changes: object) -> ConsentRecord:
    consent = ConsentRecord(
        id="5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b",
        case_id=CASE,
        party_file_id=party_file.id,
        participant_id="6f7a8b9c-0d1e-4f6a-9b7c-8d9e0f1a2b3c",
        scope=ConsentScope.SHARE_WITH_OTHER_PARTY,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.VERBAL,
        recorded_on=date(2026, 2, 20),
        detail="A letter of apology",
    )
    return dataclasses.replace(consent, **changes)


LETTER_RISK = RiskAssessment(
    id="7a8b9c0d-1e2f-4a7b-8c8d-9e0f1a2b3c4d",
    case_id=CASE,
    kind=RiskKind.LETTER_SHARING,
    assessor_id=FACILITATOR,
    outcome=RiskOutcome.PROCEED,
    completed_on=date(2026, 2, 27),
)


def _share(consent: ConsentRecord | None, kind: ExchangeKind = ExchangeKind.LETTER) -> Exchange:
    return create_exchange(
        kind=kind,
        source=OFFENDER_FILE,
        target=VICTIM_FILE,
        content=LETTER,
        consent=consent,
        shared_by=FACILITATOR,
        at=AT,
        risk_assessment=LETTER_RISK,
        writer_agreed=True,
    )


def test_a_live_consent_of_the_source_lets_content_cross_and_it_is_held() -> None:
    exchange = _share(_consent(OFFENDER_FILE))
    assert exchange.from_party_file_id == OFFENDER_FILE.id
    assert exchange.to_party_file_id == VICTIM_FILE.id
    assert exchange.custody is Custody.HELD


@pytest.mark.parametrize(
    "consent",
    [
        None,
        _consent(OFFENDER_FILE, withdrawn_on=date(2026, 3, 1)),  # withdrawn before sharing
        _consent(OFFENDER_FILE, withdrawn_on=date(2026, 3, 2)),  # withdrawn that day
        _consent(OFFENDER_FILE, recorded_on=date(2026, 3, 3)),  # not yet given
        _consent(OFFENDER_FILE, decision=ConsentDecision.REFUSED),
        _consent(VICTIM_FILE),  # the receiving party's consent does not count
        _consent(OFFENDER_FILE, scope=ConsentScope.TAKE_PART),
        _consent(OFFENDER_FILE, case_id="8b9c0d1e-2f3a-4b8c-9d9e-0f1a2b3c4d5e"),
    ],
)
def test_no_live_consent_of_the_source_no_exchange(consent: ConsentRecord | None) -> None:
    with pytest.raises(ConsentRequiredError):
        _share(consent)


def test_an_apology_letter_also_needs_its_risk_assessment_and_the_writers_agreement() -> None:
    consent = _consent(OFFENDER_FILE)
    assert _share(consent, ExchangeKind.APOLOGY_LETTER).risk_assessment_id == LETTER_RISK.id
    for risk, agreed in [
        (None, True),
        (dataclasses.replace(LETTER_RISK, kind=RiskKind.SECONDARY), True),
        (dataclasses.replace(LETTER_RISK, outcome=RiskOutcome.DO_NOT_PROCEED), True),
        (LETTER_RISK, False),
    ]:
        with pytest.raises(RiskAssessmentRequiredError):
            create_exchange(
                kind=ExchangeKind.APOLOGY_LETTER,
                source=OFFENDER_FILE,
                target=VICTIM_FILE,
                content=LETTER,
                consent=consent,
                shared_by=FACILITATOR,
                at=AT,
                risk_assessment=risk,
                writer_agreed=agreed,
            )


def test_an_exchange_goes_between_the_two_sides_of_one_case() -> None:
    other_victim = PartyFile(
        id="9c0d1e2f-3a4b-4c9d-ae0f-1a2b3c4d5e6f", case_id=CASE, side=Side.VICTIM
    )
    with pytest.raises(InvalidValueError):
        create_exchange(
            kind=ExchangeKind.LETTER,
            source=VICTIM_FILE,
            target=other_victim,
            content=LETTER,
            consent=_consent(VICTIM_FILE),
            shared_by=FACILITATOR,
            at=AT,
        )


def test_held_content_is_delivered_only_while_the_consent_is_live() -> None:
    consent = _consent(OFFENDER_FILE)
    held = _share(consent)
    assert held.deliver(consent, date(2026, 3, 5)).custody is Custody.DELIVERED
    withdrawn = consent.withdraw(date(2026, 3, 4))
    with pytest.raises(ConsentRequiredError):
        held.deliver(withdrawn, date(2026, 3, 5))
    with pytest.raises(ConsentRequiredError):
        held.deliver(dataclasses.replace(consent, id=FACILITATOR), date(2026, 3, 5))
    with pytest.raises(ConsentRequiredError):
        held.move_custody(Custody.DELIVERED)  # delivery always re-checks the consent
    assert held.move_custody(Custody.DESTROYED).custody is Custody.DESTROYED


@pytest.mark.parametrize("start", list(Custody))
@pytest.mark.parametrize("target", list(Custody))
def test_custody_moves_only_along_its_table(start: Custody, target: Custody) -> None:
    consent = _consent(OFFENDER_FILE)
    exchange = dataclasses.replace(_share(consent), custody=start)
    allowed = target in CUSTODY_MOVES[start]
    if target is Custody.DELIVERED and allowed:
        assert exchange.deliver(consent, date(2026, 3, 5)).custody is target
    elif allowed:
        assert exchange.move_custody(target).custody is target
    else:
        with pytest.raises(CustodyError):
            exchange.move_custody(target)
    assert not CUSTODY_MOVES[Custody.DESTROYED]
    assert not CUSTODY_MOVES[Custody.DELIVERED]


def test_a_stored_exchange_is_exactly_what_the_gate_makes() -> None:
    """check_exchange_record (run by the central store on a pushed exchange) re-runs the gate."""
    consent = _consent(OFFENDER_FILE)
    made = _share(consent)
    files = {"source": OFFENDER_FILE, "target": VICTIM_FILE}
    check_exchange_record(made, **files, consent=consent, risk_assessment=LETTER_RISK)
    with pytest.raises(ConsentRequiredError):
        check_exchange_record(made, **files, consent=None, risk_assessment=LETTER_RISK)
    delivered = dataclasses.replace(made, custody=Custody.DELIVERED)
    with pytest.raises(CustodyError):
        check_exchange_record(delivered, **files, consent=consent, risk_assessment=LETTER_RISK)
    with pytest.raises(InvalidValueError):
        check_exchange_record(
            made, source=None, target=VICTIM_FILE, consent=consent, risk_assessment=None
        )


def test_a_stored_exchange_changes_only_its_custody_and_delivery_rechecks_consent() -> None:
    consent = _consent(OFFENDER_FILE)
    held = _share(consent)
    delivered = dataclasses.replace(held, custody=Custody.DELIVERED)
    check_exchange_change(held, delivered, consent, date(2026, 3, 5))
    with pytest.raises(ConsentRequiredError):
        check_exchange_change(held, delivered, consent.withdraw(date(2026, 3, 4)), date(2026, 3, 5))
    with pytest.raises(ConsentRequiredError):
        check_exchange_change(held, delivered, None, date(2026, 3, 5))
    with pytest.raises(CustodyError):
        check_exchange_change(delivered, held, consent, date(2026, 3, 5))
    with pytest.raises(CustodyError):
        check_exchange_change(
            held, dataclasses.replace(held, content="Other words"), consent, AT.date()
        )
    destroyed = dataclasses.replace(held, custody=Custody.DESTROYED)
    check_exchange_change(held, destroyed, None, AT.date())
