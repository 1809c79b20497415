"""Issue 18 in the domain: a case's type; mediation parties each on a side of their own, named
neutrally; the mediation workflow table with the same gates; the rules that keep a victim or an
offender out of a mediation (and a mediation party out of a restorative justice case)."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, date, datetime

import pytest

from erms_desktop.domain import Case, ConsentRecord, Offence, Participant, PartyFile
from erms_desktop.domain.enums import (
    CaseType,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    DisputeType,
    ExchangeKind,
    JusticeStage,
    OffenceType,
    ParticipantRole,
    ReferralSource,
    Side,
    WorkflowStage,
)
from erms_desktop.domain.errors import (
    ConsentRequiredError,
    InvalidValueError,
    WorkflowTransitionError,
)
from erms_desktop.domain.exchange import create_exchange
from erms_desktop.domain.integrity import find_problems
from erms_desktop.domain.parties import check_participant_in_file
from erms_desktop.domain.separation.scope import free_texts
from erms_desktop.domain.workflow import (
    ALLOWED_TRANSITIONS,
    MEDIATION_TRANSITIONS,
    can_move,
    check_header_change,
    stage_name,
)

S = WorkflowStage
M = CaseType.MEDIATION
#: The service's mediation process, written out independently of the table.
PROCESS = (
    S.REFERRAL,
    S.FIRST_CONTACT,
    S.INDIVIDUAL_VISITS,
    S.JOINT_MEETING,
    S.OUTCOME_AGREEMENT,
    S.FOLLOW_UP,
)
CASE_ID = "4f0e7c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b"
FACILITATOR = "0b6b6c1e-9d55-4b7e-8a3e-3f1f5b7d2c10"


def _mediation(stage: S = S.REFERRAL) -> Case:
    return Case(
        id=CASE_ID,
        service_reference="ERMS-2026-M001",
        referral_id=None,
        agency_reference="",
        case_type=M,
        dispute_type=DisputeType.BOUNDARIES,
        dispute_summary="Where the fence between two gardens should stand",
        stage=stage,
        received_on=date(2026, 1, 5),
    )


def _expected(current: S, target: S) -> bool:
    if current is S.CLOSURE:
        return False
    if target is S.CLOSURE:
        return current in PROCESS
    if current not in PROCESS or target not in PROCESS:
        return False
    step = PROCESS.index(target) - PROCESS.index(current)
    return step == 1 or (current, target) in {
        (S.JOINT_MEETING, S.INDIVIDUAL_VISITS),  # risk looked at again
        (S.JOINT_MEETING, S.FOLLOW_UP),  # a meeting that ended without an agreement
    }


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, repeat=2)))
def test_the_mediation_table_matches_the_services_process(current: S, target: S) -> None:
    assert can_move(current, target, M) == _expected(current, target)


def test_the_stages_are_named_as_the_service_names_them() -> None:
    assert set(MEDIATION_TRANSITIONS) == {*PROCESS, S.CLOSURE}
    assert [stage_name(s, M) for s in PROCESS] == [
        "Referral",
        "First contact",
        "Individual visits",
        "Joint meeting or shuttle",
        "Agreement",
        "Review",
    ]
    assert stage_name(S.FOLLOW_UP, CaseType.RESTORATIVE_JUSTICE) == "Follow up"
    assert set(ALLOWED_TRANSITIONS).isdisjoint({S.INDIVIDUAL_VISITS, S.JOINT_MEETING})


def test_a_mediation_case_walks_its_workflow_and_allocation_keeps_its_stage() -> None:
    case = _mediation().allocate((FACILITATOR,), on=date(2026, 1, 8))
    assert case.stage is S.REFERRAL
    assert case.allocated_on == date(2026, 1, 8)
    for stage in PROCESS[1:]:
        case = case.move_to(stage)
    assert case.stage is S.FOLLOW_UP
    with pytest.raises(WorkflowTransitionError):
        _mediation(S.INDIVIDUAL_VISITS).move_to(S.PREPARATION)


def test_a_case_has_a_type_and_its_own_fields() -> None:
    rj = dataclasses.replace(
        _mediation(),
        case_type=CaseType.RESTORATIVE_JUSTICE,
        dispute_type=None,
        dispute_summary="",
        offence=Offence(type=OffenceType.THEFT, summary="Shoplifting"),
        justice_stage=JusticeStage.OUT_OF_COURT,
    )
    assert rj.summary == "Shoplifting"
    assert _mediation().summary.startswith("Where the fence")
    bad = (
        {"offence": Offence(type=OffenceType.THEFT, summary="Shoplifting")},
        {"justice_stage": JusticeStage.OUT_OF_COURT},
        {"dispute_type": None},
        {"stage": S.PREPARATION},
    )
    for changes in bad:
        with pytest.raises(InvalidValueError):
            dataclasses.replace(_mediation(), **changes)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        dataclasses.replace(rj, dispute_type=DisputeType.NOISE)
    with pytest.raises(InvalidValueError, match="keeps its type"):
        check_header_change(_mediation(), rj, today=date(2026, 2, 1), referral_received_on=None)


def test_a_case_header_read_by_every_party_includes_the_dispute_description() -> None:
    assert "Where the fence between two gardens should stand" in free_texts(_mediation())


def test_parties_are_named_neutrally_and_sit_only_in_mediation_files() -> None:
    assert [s.label for s in Side.parties()[:3]] == ["Party A", "Party B", "Party C"]
    assert all(not s.label.lower().startswith(("victim", "offender")) for s in Side.parties())
    assert Side.VICTIM.other is Side.OFFENDER
    with pytest.raises(ValueError, match="no single other side"):
        _ = Side.PARTY_A.other
    party_file = PartyFile(id=FACILITATOR, case_id=CASE_ID, side=Side.PARTY_B)
    for role, fits in (
        (ParticipantRole.PARTY, True),
        (ParticipantRole.SUPPORTER, True),
        (ParticipantRole.VICTIM, False),
        (ParticipantRole.OFFENDER, False),
    ):
        person = Participant(
            id=CASE_ID, party_file_id=party_file.id, role=role, given_names="Rosalind"
        )
        if fits:
            check_participant_in_file(person, party_file)
        else:
            with pytest.raises(InvalidValueError):
                check_participant_in_file(person, party_file)
    assert ReferralSource.COMMUNITY_SAFETY_TEAM.label == "A council's community safety team"
    assert ReferralSource.HOUSING_ASSOCIATION.label == "Housing association"


def test_find_problems_refuses_a_victim_file_in_a_mediation_case() -> None:
    case = _mediation()
    files = [
        PartyFile(id="1" * 8 + CASE_ID[8:], case_id=CASE_ID, side=Side.PARTY_A),
        PartyFile(id="2" * 8 + CASE_ID[8:], case_id=CASE_ID, side=Side.VICTIM),
    ]
    problems = find_problems([case, *files])
    assert problems == [f"PartyFile {files[1].id}: a mediation case has no victim or offender file"]


def test_an_exchange_between_any_two_parties_needs_the_source_partys_consent() -> None:
    files = {
        side: PartyFile(id=f"{n}" * 8 + CASE_ID[8:], case_id=CASE_ID, side=side)
        for n, side in enumerate(Side.parties()[:3], start=1)
    }
    at = datetime(2026, 2, 1, 10, tzinfo=UTC)

    def consent(side: Side) -> ConsentRecord:
        return ConsentRecord(
            id="9" * 8 + CASE_ID[8:],
            case_id=CASE_ID,
            party_file_id=files[side].id,
            participant_id=CASE_ID,
            scope=ConsentScope.SHARE_WITH_OTHER_PARTY,
            decision=ConsentDecision.GIVEN,
            method=ConsentMethod.VERBAL,
            recorded_on=date(2026, 1, 20),
            detail="A message to the other households",
        )

    for source, target in itertools.permutations(files, 2):
        bystander = next(s for s in files if s not in (source, target))
        for cited in (None, consent(target), consent(bystander)):
            with pytest.raises(ConsentRequiredError):
                create_exchange(
                    kind=ExchangeKind.SHUTTLE_MESSAGE,
                    source=files[source],
                    target=files[target],
                    content="Quiet after eleven, please.",
                    consent=cited,
                    shared_by=FACILITATOR,
                    at=at,
                )
        made = create_exchange(
            kind=ExchangeKind.SHUTTLE_MESSAGE,
            source=files[source],
            target=files[target],
            content="Quiet after eleven, please.",
            consent=consent(source),
            shared_by=FACILITATOR,
            at=at,
        )
        assert (made.from_party_file_id, made.to_party_file_id) == (
            files[source].id,
            files[target].id,
        )
