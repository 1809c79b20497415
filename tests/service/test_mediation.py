"""Issue 18 in the app (the same rules the store applies again): a three-household mediation
case keeps every pair of party files apart, refuses an exchange without the consent of the
party whose content moves, records a joint meeting at case level naming nobody, signs an
agreement by every party, and moves along the mediation workflow. Real vault."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from erms_desktop.domain import Case, Exchange, Participant, PartyFile
from erms_desktop.domain.enums import (
    CaseType,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    DisputeType,
    ExchangeKind,
    OutcomeKind,
    ParticipantRole,
    RiskKind,
    RiskOutcome,
    Side,
    WorkflowStage,
)
from erms_desktop.domain.errors import ConsentRequiredError, WorkflowTransitionError
from erms_desktop.service.casework import Casework
from erms_desktop.service.casework_errors import SeparationBlockedError
from erms_desktop.service.progress import stages_after
from tests.service.world import NOW, VOLUNTEER, make_vault, new_id

NAMES = {
    Side.PARTY_A: ("Rosalind", "Featherby"),
    Side.PARTY_B: ("Augustin", "Pellowe"),
    Side.PARTY_C: ("Marguerite", "Oyelaran"),
}


@dataclass
class Dispute:
    casework: Casework
    case: Case
    files: dict[Side, PartyFile]
    people: dict[Side, Participant]


@pytest.fixture
def dispute(tmp_path: Path) -> Iterator[Dispute]:
    vault = make_vault(tmp_path / "vault")
    case = Case(
        id=new_id(),
        service_reference="ERMS-2026-M002",
        referral_id=None,
        agency_reference="CST/26/00042",
        case_type=CaseType.MEDIATION,
        dispute_type=DisputeType.NOISE,
        dispute_summary="Three households in one block complain of late-night noise.",
        stage=WorkflowStage.INDIVIDUAL_VISITS,
        facilitator_ids=(VOLUNTEER,),
        received_on=date(2026, 9, 1),
        allocated_on=date(2026, 9, 8),
    )
    files = {side: PartyFile(id=new_id(), case_id=case.id, side=side) for side in NAMES}
    people = {
        side: Participant(
            id=new_id(),
            party_file_id=files[side].id,
            role=ParticipantRole.PARTY,
            given_names=given,
            family_name=family,
            phones=(f"07700 90046{index}",),
        )
        for index, (side, (given, family)) in enumerate(NAMES.items())
    }
    vault.store.save_many((case, *files.values(), *people.values()))
    yield Dispute(Casework(vault, VOLUNTEER, clock=lambda: NOW), case, files, people)
    vault.lock()


def test_a_note_in_one_partys_file_may_not_identify_either_other_party(dispute: Dispute) -> None:
    cw = dispute.casework
    for own in NAMES:
        for other, (given, family) in NAMES.items():
            note = cw.new_note(dispute.files[own].id, f"Spoke to {given} {family} on the stairs.")
            if own is other:
                assert cw.finalise(note).body.startswith("Spoke to")
            else:
                with pytest.raises(SeparationBlockedError):
                    cw.finalise(note)


def test_an_exchange_is_refused_without_the_consent_of_the_party_it_comes_from(
    dispute: Dispute,
) -> None:
    cw, files, people = dispute.casework, dispute.files, dispute.people
    b_consent = cw.record_consent(
        people[Side.PARTY_B].id,
        ConsentScope.SHARE_WITH_OTHER_PARTY,
        ConsentMethod.VERBAL,
        detail="What would help, in their own words",
    )
    message = "We would like the music turned down after eleven on weeknights."
    for consent_id in (None, b_consent.id):  # none, or another party's
        with pytest.raises(ConsentRequiredError):
            cw.create_exchange(
                ExchangeKind.SHUTTLE_MESSAGE,
                files[Side.PARTY_A].id,
                files[Side.PARTY_C].id,
                message,
                consent_id=consent_id,
            )
    assert cw.store.find_all(Exchange) == []
    a_consent = cw.record_consent(
        people[Side.PARTY_A].id,
        ConsentScope.SHARE_WITH_OTHER_PARTY,
        ConsentMethod.VERBAL,
        detail="A message to the other households",
    )
    sent = cw.create_exchange(
        ExchangeKind.SHUTTLE_MESSAGE,
        files[Side.PARTY_A].id,
        files[Side.PARTY_C].id,
        f"{message} Marguerite Oyelaran and Augustin Pellowe should hear it too.",
        consent_id=a_consent.id,
    )
    # Read by Party C: names of Party A and of Party B are taken out, never Party C's own.
    assert "Pellowe" not in sent.content
    assert "Marguerite Oyelaran" in sent.content
    assert sent.redactions == ("name",)


def test_a_joint_meeting_is_recorded_at_case_level_without_identifying_anybody(
    dispute: Dispute,
) -> None:
    cw, case = dispute.casework, dispute.case
    attendees = [p.id for p in dispute.people.values()]
    for side, person in dispute.people.items():
        cw.record_risk(
            case.id,
            RiskKind.SECONDARY,
            party_file_id=dispute.files[side].id,
            outcome=RiskOutcome.PROCEED,
        )
        cw.record_consent(
            person.id,
            ConsentScope.SHARE_WITH_OTHER_PARTY,
            ConsentMethod.VERBAL,
            detail="What is said at the joint meeting",
        )
    with pytest.raises(SeparationBlockedError):
        cw.add_contact(
            case.id,
            ContactKind.CONFERENCE,
            ContactMode.VISIT,
            NOW.date(),
            90,
            attendee_ids=attendees,
            summary="Rosalind Featherby spoke first about the music.",
        )
    meeting = cw.add_contact(
        case.id,
        ContactKind.CONFERENCE,
        ContactMode.VISIT,
        NOW.date(),
        90,
        attendee_ids=attendees,
        summary="Every household spoke in turn and listened; they agreed quiet hours.",
    )
    assert meeting.party_file_id is None
    assert meeting.is_joint
    item = cw.add_outcome_item(
        case.id,
        OutcomeKind.OTHER,
        "No music after eleven on weeknights",
        dispute.files[Side.PARTY_A].id,
        signed_by=tuple(f.id for f in dispute.files.values()),
    )
    assert set(item.signed_by_party_file_ids) == {f.id for f in dispute.files.values()}
    view = cw.load_case(case.id)
    assert [f.party_file.side for f in view.files] == list(NAMES)


def test_the_case_moves_along_the_mediation_workflow(dispute: Dispute) -> None:
    cw, case = dispute.casework, dispute.case
    assert stages_after(case) == (WorkflowStage.JOINT_MEETING,)
    with pytest.raises(WorkflowTransitionError):
        cw.move_stage(case.id, WorkflowStage.PREPARATION)
    moved = cw.move_stage(case.id, WorkflowStage.JOINT_MEETING)
    assert stages_after(moved) == (
        WorkflowStage.INDIVIDUAL_VISITS,
        WorkflowStage.OUTCOME_AGREEMENT,
        WorkflowStage.FOLLOW_UP,
    )
