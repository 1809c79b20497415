"""Finding 4 (consent and exchanges): the consent gate runs on the store's own records; consent
records are only ever withdrawn; custody only moves forward, and delivery re-checks consent."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime

from erms_desktop.domain import RiskAssessment
from erms_desktop.domain.enums import (
    ConsentDecision,
    Custody,
    ExchangeKind,
    RiskKind,
    RiskOutcome,
)
from tests.central.mutations import (
    consent_of,
    delete_of,
    exchange_of,
    outcomes,
    stored_record,
    update_of,
)
from tests.central.world import World, create_of

NOW = datetime.now(UTC)
APPLIED = ("applied", None)


def test_an_exchange_needs_a_live_consent_on_the_store_and_starts_held(world: World) -> None:
    a, alice = world.cases["a"], world.users["alice"]
    consent = consent_of(a)
    refused = consent_of(a, decision=ConsentDecision.REFUSED)
    invented = exchange_of(a, alice, str(uuid.uuid4()))
    delivered = exchange_of(a, alice, consent.id, custody=Custody.DELIVERED)
    on_refusal = exchange_of(a, alice, refused.id)
    wrong_side = exchange_of(  # the victim's consent cannot carry the offender's content
        a, alice, consent.id, from_party_file_id=a.offender_file, to_party_file_id=a.victim_file
    )
    good = exchange_of(a, alice, consent.id)
    results = outcomes(
        world.push(
            "alice",
            *[
                create_of(e)
                for e in (consent, refused, invented, delivered, on_refusal, wrong_side, good)
            ],
        )
    )
    assert results[:2] == [APPLIED, APPLIED]
    assert [status for status, _ in results[2:6]] == ["rejected"] * 4
    assert results[6] == APPLIED
    for refused_exchange in (invented, delivered, on_refusal, wrong_side):
        assert stored_record(world, refused_exchange.id) is None


def test_an_apology_letter_needs_the_letter_risk_assessment_on_the_store(world: World) -> None:
    a, alice = world.cases["a"], world.users["alice"]
    consent = consent_of(a, offender=True)
    risk = RiskAssessment(
        id=str(uuid.uuid4()),
        case_id=a.case,
        kind=RiskKind.LETTER_SHARING,
        assessor_id=alice,
        outcome=RiskOutcome.PROCEED,
        completed_on=NOW.date(),
    )
    letter = exchange_of(
        a,
        alice,
        consent.id,
        kind=ExchangeKind.APOLOGY_LETTER,
        from_party_file_id=a.offender_file,
        to_party_file_id=a.victim_file,
        content="I am sorry for what I did to your shed.",
        writer_agreed=True,
        risk_assessment_id=str(uuid.uuid4()),
    )
    real = dataclasses.replace(letter, id=str(uuid.uuid4()), risk_assessment_id=risk.id)
    results = outcomes(world.push("alice", *[create_of(e) for e in (consent, risk, letter, real)]))
    assert results[:2] == [APPLIED, APPLIED]
    assert results[2][0] == "rejected"
    assert results[3] == APPLIED
    unsaid = update_of(real.id, "exchange", 1, custody="delivered")
    read = update_of(real.id, "exchange", 1, custody="delivered", delivered_as="read_to_recipient")
    assert outcomes(world.push("alice", unsaid, read)) == [
        (
            "rejected",
            "say whether the apology letter was read to them or a copy handed over",
        ),
        APPLIED,
    ]


def test_consent_is_withdrawn_never_rewritten_or_deleted_by_a_volunteer(world: World) -> None:
    a = world.cases["a"]
    consent = consent_of(a)
    refused = consent_of(a, decision=ConsentDecision.REFUSED)
    assert outcomes(world.push("alice", create_of(consent), create_of(refused))) == [APPLIED] * 2
    rewrites = [
        update_of(refused.id, "consent", 1, decision="given"),
        update_of(consent.id, "consent", 1, recorded_on="2026-01-06"),
        update_of(consent.id, "consent", 1, scope="share_with_agency"),
        update_of(consent.id, "consent", 1, detail="Anything at all"),
        delete_of(consent.id, "consent", 1),
    ]
    results = outcomes(world.push("alice", *rewrites))
    assert [status for status, _ in results] == ["rejected"] * len(rewrites), results
    today = NOW.date().isoformat()
    withdraw = update_of(consent.id, "consent", 1, withdrawn_on=today)
    assert outcomes(world.push("alice", withdraw)) == [APPLIED]
    [(status, _)] = outcomes(
        world.push("alice", update_of(consent.id, "consent", 2, withdrawn_on=None))
    )
    assert status == "rejected"
    record = stored_record(world, consent.id)
    assert record is not None
    assert (record.version, record.fields["withdrawn_on"]) == (2, today)


def test_custody_moves_forward_and_delivery_rechecks_theconsent_of(world: World) -> None:
    a, alice = world.cases["a"], world.users["alice"]
    consent, kept = consent_of(a), consent_of(a)
    withdrawn_first = exchange_of(a, alice, consent.id)
    delivered = exchange_of(a, alice, kept.id)
    pushed = world.push(
        "alice", *[create_of(e) for e in (consent, kept, withdrawn_first, delivered)]
    )
    assert outcomes(pushed) == [APPLIED] * 4
    withdraw = update_of(consent.id, "consent", 1, withdrawn_on=NOW.date().isoformat())
    results = outcomes(
        world.push(
            "alice",
            withdraw,
            update_of(withdrawn_first.id, "exchange", 1, custody="delivered"),
            update_of(delivered.id, "exchange", 1, custody="delivered"),
            update_of(delivered.id, "exchange", 2, custody="held"),
            update_of(delivered.id, "exchange", 2, content="Something else entirely."),
            update_of(withdrawn_first.id, "exchange", 1, custody="destroyed"),
        )
    )
    assert results[0] == APPLIED
    assert results[1] == ("rejected", "the consent has been withdrawn; the content stays held")
    assert results[2] == APPLIED
    assert [status for status, _ in results[3:5]] == ["rejected", "rejected"]
    assert results[5] == APPLIED
    [(status, _)] = outcomes(world.push("alice", delete_of(delivered.id, "exchange", 2)))
    assert status == "rejected"
    record = stored_record(world, delivered.id)
    assert record is not None
    assert record.fields["custody"] == "delivered"
    assert date.fromisoformat(record.fields["shared_at"][:10]) == NOW.date()
