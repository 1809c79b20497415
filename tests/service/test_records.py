"""Consent, refusal, risk, outcome items, contacts and time on the real vault."""

from __future__ import annotations

from datetime import date

import pytest

from erms_desktop.domain import Case, ConsentRecord, RiskAssessment
from erms_desktop.domain.enums import (
    ClosureReason,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    OutcomeKind,
    RiskKind,
    RiskOutcome,
)
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.service.case_views import SyncState
from erms_desktop.service.casework_errors import SeparationBlockedError
from tests.service.world import OFFENDER_NAME, VICTIM_NAME, World


def test_signed_consent_needs_its_scan_from_the_same_file(world: World) -> None:
    cw = world.casework
    with pytest.raises(InvalidValueError):
        cw.record_consent(world.victim.id, ConsentScope.TAKE_PART, ConsentMethod.SIGNED_FORM)
    scan = cw.import_file(world.victim_file.id, "form.pdf", b"%PDF-1.4 synthetic")
    record = cw.record_consent(
        world.victim.id,
        ConsentScope.TAKE_PART,
        ConsentMethod.SIGNED_FORM,
        evidence_document_id=scan.id,
    )
    assert world.vault.store.get(ConsentRecord, record.id).evidence_document_id == scan.id
    other = cw.import_file(world.offender_file.id, "form.pdf", b"%PDF-1.4 other")
    with pytest.raises(InvalidValueError):
        cw.record_consent(
            world.victim.id,
            ConsentScope.TAKE_PART,
            ConsentMethod.SIGNED_FORM,
            evidence_document_id=other.id,
        )


def test_refusing_to_sign_closes_the_case_with_that_reason(world: World) -> None:
    closed = world.casework.record_refusal(world.offender.id, on=date(2026, 11, 2))
    stored = world.vault.store.get(Case, world.case.id)
    assert stored == closed
    assert stored.closure_reason is ClosureReason.CONSENT_REFUSED
    refusal = world.vault.store.find_all(ConsentRecord, party_file_id=world.offender_file.id)
    assert [r.decision.value for r in refusal] == ["refused"]


def test_risk_outcome_contact_and_time(world: World) -> None:
    cw = world.casework
    risk = cw.record_risk(
        world.case.id,
        RiskKind.SECONDARY,
        party_file_id=world.victim_file.id,
        factors=("Anxious about meeting",),
        mitigations=("Supporter attends",),
        outcome=RiskOutcome.PROCEED_WITH_MITIGATIONS,
        review_on=date(2026, 12, 1),
    )
    assert risk.completed_on == date(2026, 11, 2)
    item = cw.add_outcome_item(
        world.case.id, OutcomeKind.REPARATION, "Repair the greenhouse", world.offender_file.id
    )
    assert cw.complete_outcome_item(item.id).completed_on == date(2026, 11, 2)
    with pytest.raises(SeparationBlockedError):
        cw.add_outcome_item(
            world.case.id, OutcomeKind.APOLOGY, f"Letter to {VICTIM_NAME}", world.offender_file.id
        )
    with pytest.raises(SeparationBlockedError):
        cw.add_contact(
            world.case.id,
            ContactKind.PREPARATION_MEETING,
            ContactMode.VISIT,
            date(2026, 11, 1),
            60,
            party_file_id=world.victim_file.id,
            summary=f"Talked about {OFFENDER_NAME}",
        )
    cw.record_risk(  # the victim's secondary assessment is above
        world.case.id,
        RiskKind.SECONDARY,
        party_file_id=world.offender_file.id,
        outcome=RiskOutcome.PROCEED,
    )
    cw.add_contact(
        world.case.id,
        ContactKind.CONFERENCE,
        ContactMode.VISIT,
        date(2026, 11, 2),
        90,
        attendee_ids=(world.victim.id, world.offender.id),
    )
    cw.add_time(world.case.id, date(2026, 11, 1), "Conference", 90, miles=12.5)
    cw.add_time(world.case.id, date(2026, 11, 2), "Phone call", 15)
    cw.add_time(world.case.id, date(2026, 10, 30), "Preparation", 60)
    assert cw.month_totals(2026, 11) == (105, 12.5, 0)
    view = cw.load_case(world.case.id)
    assert len(view.joint_meetings) == 1
    assert len(view.file(world.victim_file.id).risks) == 1
    assert view.state_of(item.id) is SyncState.PENDING


def test_sync_states_follow_the_outbox(world: World) -> None:
    store = world.vault.store
    entries = {e.record_id: e.seq for e in store.pending_outbox(-1)}
    store.acknowledge(entries[world.victim.id], 3)
    store.reject(entries[world.offender.id], "forbidden")
    view = world.casework.load_case(world.case.id)
    assert view.state_of(world.victim.id) is SyncState.SYNCED
    assert view.state_of(world.offender.id) is SyncState.ATTENTION
    assert view.state_of(world.case.id) is SyncState.PENDING


def test_a_case_level_risk_assessment_names_nobody(world: World) -> None:
    with pytest.raises(SeparationBlockedError):
        world.casework.record_risk(
            world.case.id, RiskKind.LETTER_SHARING, factors=(f"{VICTIM_NAME} is anxious",)
        )
    assert world.vault.store.find_all(RiskAssessment) == []
