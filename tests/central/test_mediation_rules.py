"""Issue 18 on the store (the final judge): a mediation case of three households keeps every pair
of party files apart exactly as victim and offender; content moves between parties only with
the consent of the party it comes from; a joint meeting is recorded at case level naming nobody,
after each party's risk assessment; the case moves along the mediation workflow only; nobody
in it is filed as a victim or an offender; and the agreement is signed only by its parties."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from erms_desktop.central import casework
from erms_desktop.domain import (
    ConsentRecord,
    Contact,
    Exchange,
    OutcomeItem,
    Participant,
    PartyFile,
    RiskAssessment,
)
from erms_desktop.domain.enums import (
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    ExchangeKind,
    OutcomeKind,
    ParticipantRole,
    RiskKind,
    RiskOutcome,
    Side,
)
from tests.central.mutations import outcomes, stored_record, update_of
from tests.central.world import World, create_of

TODAY = datetime.now(UTC).date()
APPLIED = ("applied", None)
NAMES = {
    Side.PARTY_A: ("Rosalind", "Featherby"),
    Side.PARTY_B: ("Augustin", "Pellowe"),
    Side.PARTY_C: ("Marguerite", "Oyelaran"),
}


@dataclass(frozen=True)
class Dispute:
    case: str
    files: dict[Side, str]
    people: dict[Side, str]


@pytest.fixture
def dispute(world: World) -> Dispute:
    """A three-household noise dispute opened by the office and allocated to alice."""
    with world.store.unit() as s:
        referral = casework.create_referral(
            s, "council_community_safety_team", date(2026, 1, 5), "CST-1"
        )
        case = casework.create_mediation_case_from_referral(
            s, referral.id, service_reference="MED-1", dispute_type="noise", parties=3
        )
        files = {f.side: f.id for f in casework.party_files(s, case.id)}
        people = {}
        for side, (given, family) in NAMES.items():
            person = Participant(
                id=str(uuid.uuid4()),
                party_file_id=files[side],
                role=ParticipantRole.PARTY,
                given_names=given,
                family_name=family,
                phones=(f"07700 90012{len(people)}",),
            )
            casework.save_entity(s, person)
            people[side] = person.id
        casework.allocate(s, casework.AllocationSpec(world.users["alice"], case.id, None))
    return Dispute(case.id, files, people)


def _note(world: World, d: Dispute, side: Side, body: str) -> dict[str, object]:
    from tests.central.world import new_note

    case = dataclasses.replace(world.cases["a"], case=d.case)
    return new_note(case, d.files[side], body, world.users["alice"])


def _consent(d: Dispute, side: Side, **changes: object) -> ConsentRecord:
    consent = ConsentRecord(
        id=str(uuid.uuid4()),
        case_id=d.case,
        party_file_id=d.files[side],
        participant_id=d.people[side],
        scope=ConsentScope.SHARE_WITH_OTHER_PARTY,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.VERBAL,
        recorded_on=TODAY - timedelta(days=2),
        detail="What would help, in their own words",
    )
    return dataclasses.replace(consent, **changes)


def _exchange(world: World, d: Dispute, consent_id: str, source: Side, target: Side) -> Exchange:
    return Exchange(
        id=str(uuid.uuid4()),
        case_id=d.case,
        kind=ExchangeKind.SHUTTLE_MESSAGE,
        from_party_file_id=d.files[source],
        to_party_file_id=d.files[target],
        content="We would like the music turned down after eleven on weeknights.",
        consent_id=consent_id,
        shared_by=world.users["alice"],
        shared_at=datetime.now(UTC),
    )


def test_separation_holds_between_every_pair_of_the_three_parties(
    world: World, dispute: Dispute
) -> None:
    pushes = []
    for own in NAMES:
        for other, (given, family) in NAMES.items():
            body = f"Talked about the noise with {given} {family} on the landing."
            pushes.append((own, other, _note(world, dispute, own, body)))
    results = outcomes(world.push("alice", *(m for _, _, m in pushes)))
    for (own, other, _), (status, reason) in zip(pushes, results, strict=True):
        if own is other:
            assert (status, reason) == APPLIED
        else:
            assert status == "rejected"
            assert reason is not None
            assert reason.startswith("separation: the note identifies someone in another party")
            assert "Featherby" not in reason  # the reason never repeats the text


def test_an_exchange_between_parties_needs_the_consent_of_the_party_it_comes_from(
    world: World, dispute: Dispute
) -> None:
    a_consent = _consent(dispute, Side.PARTY_A)
    b_consent = _consent(dispute, Side.PARTY_B)
    refused = _consent(dispute, Side.PARTY_C, decision=ConsentDecision.REFUSED)
    without = _exchange(world, dispute, str(uuid.uuid4()), Side.PARTY_A, Side.PARTY_C)
    borrowed = _exchange(world, dispute, b_consent.id, Side.PARTY_A, Side.PARTY_C)
    on_refusal = _exchange(world, dispute, refused.id, Side.PARTY_C, Side.PARTY_B)
    good = _exchange(world, dispute, a_consent.id, Side.PARTY_A, Side.PARTY_C)
    results = outcomes(
        world.push(
            "alice",
            *(create_of(e) for e in (a_consent, b_consent, refused)),
            *(create_of(e) for e in (without, borrowed, on_refusal, good)),
        )
    )
    assert results[:3] == [APPLIED] * 3
    assert [status for status, _ in results[3:6]] == ["rejected"] * 3
    assert results[6] == APPLIED
    for exchange in (without, borrowed, on_refusal):
        assert stored_record(world, exchange.id) is None


def test_a_joint_meeting_is_recorded_at_case_level_naming_nobody(
    world: World, dispute: Dispute
) -> None:
    alice = world.users["alice"]
    risks = [
        RiskAssessment(
            id=str(uuid.uuid4()),
            case_id=dispute.case,
            party_file_id=dispute.files[side],
            kind=RiskKind.SECONDARY,
            assessor_id=alice,
            completed_on=TODAY - timedelta(days=3),
            outcome=RiskOutcome.PROCEED,
        )
        for side in NAMES
    ]
    shares = [_consent(dispute, side) for side in NAMES]
    meeting = Contact(
        id=str(uuid.uuid4()),
        case_id=dispute.case,
        kind=ContactKind.CONFERENCE,
        mode=ContactMode.VISIT,
        held_on=TODAY,
        duration_minutes=90,
        attendee_ids=tuple(dispute.people.values()),
        summary="Joint meeting at the community centre: every household spoke and listened.",
    )
    naming = dataclasses.replace(
        meeting, id=str(uuid.uuid4()), summary="Augustin Pellowe spoke first about the music."
    )
    [early] = outcomes(world.push("alice", create_of(meeting)))  # risk before meeting
    assert early[0] == "rejected"
    assert early[1] is not None
    assert "secondary risk assessment for each party present" in early[1]
    results = outcomes(
        world.push("alice", *(create_of(e) for e in (*risks, *shares, naming, meeting)))
    )
    assert results[:6] == [APPLIED] * 6
    assert results[6][0] == "rejected"
    assert results[6][1] is not None
    assert results[6][1].startswith("separation: the contact identifies a participant")
    assert results[7] == APPLIED
    stored = stored_record(world, meeting.id)
    assert stored is not None
    assert stored.party_file_id is None  # case level: read by every party


def test_the_case_moves_along_the_mediation_workflow_only(world: World, dispute: Dispute) -> None:
    base = stored_record(world, dispute.case)
    assert base is not None
    assert base.fields["case_type"] == "mediation"
    to_allocation = update_of(dispute.case, "case", base.version, stage="allocation")
    to_visits = update_of(dispute.case, "case", base.version, stage="individual_visits")
    to_contact = update_of(dispute.case, "case", base.version, stage="first_contact")
    [allocation, visits, contact] = outcomes(
        world.push("alice", to_allocation, to_visits, to_contact)
    )
    assert allocation[0] == visits[0] == "rejected"
    assert contact == APPLIED
    moved = stored_record(world, dispute.case)
    assert moved is not None
    retype = update_of(
        dispute.case,
        "case",
        moved.version,
        case_type="restorative_justice",
        dispute_type=None,
        dispute_summary="",
        offence={"type": "criminal_damage", "summary": "Fence", "committed_on": None, "flags": []},
        justice_stage="out_of_court",
    )
    [(status, reason)] = outcomes(world.push("sam", retype))
    assert status == "rejected"
    assert reason is not None
    assert "keeps its type" in reason


def test_nobody_in_a_mediation_is_filed_as_a_victim_or_an_offender(
    world: World, dispute: Dispute
) -> None:
    victim_file = PartyFile(id=str(uuid.uuid4()), case_id=dispute.case, side=Side.VICTIM)
    party_d = PartyFile(id=str(uuid.uuid4()), case_id=dispute.case, side=Side.PARTY_D)
    offender = Participant(
        id=str(uuid.uuid4()),
        party_file_id=dispute.files[Side.PARTY_B],
        role=ParticipantRole.OFFENDER,
        given_names="Someone",
    )
    party_in_rj = PartyFile(id=str(uuid.uuid4()), case_id=world.cases["a"].case, side=Side.PARTY_A)
    results = outcomes(
        world.push("sam", *(create_of(e) for e in (victim_file, party_d, party_in_rj)))
    )
    assert results[0] == ("rejected", "a mediation case has no victim or offender file")
    assert results[1] == APPLIED  # a fourth household joins the mediation
    assert results[2] == ("rejected", "a restorative justice case has no mediation party's file")
    [(status, reason)] = outcomes(world.push("alice", create_of(offender)))
    assert status == "rejected"
    assert reason == "a offender cannot sit in Party B's file"


def test_an_agreement_is_signed_only_by_the_parties_of_its_case(
    world: World, dispute: Dispute
) -> None:
    def item(signed: tuple[str, ...]) -> OutcomeItem:
        return OutcomeItem(
            id=str(uuid.uuid4()),
            case_id=dispute.case,
            kind=OutcomeKind.OTHER,
            description="No music after eleven on weeknights; visitors announced in advance",
            responsible_party_file_id=dispute.files[Side.PARTY_A],
            signed_by_party_file_ids=signed,
        )

    by_all = item(tuple(dispute.files.values()))
    stranger = item((dispute.files[Side.PARTY_A], world.cases["a"].victim_file))
    assert outcomes(world.push("alice", create_of(by_all), create_of(stranger))) == [
        APPLIED,
        ("rejected", "is signed for a party file that is not in its case"),
    ]


def test_a_facilitator_of_one_partys_file_never_receives_the_other_parties(
    world: World, dispute: Dispute
) -> None:
    """Initials (and everything else) of a party reach only those who may see that file."""
    with world.store.unit() as s:
        casework.allocate(
            s,
            casework.AllocationSpec(world.users["bob"], dispute.case, dispute.files[Side.PARTY_A]),
        )
    changes, _ = world.pull_all("bob")
    received = {c["id"] for c in changes}
    assert dispute.people[Side.PARTY_A] in received
    assert dispute.people[Side.PARTY_B] not in received
    assert dispute.people[Side.PARTY_C] not in received
    assert "Pellowe" not in str(changes)
