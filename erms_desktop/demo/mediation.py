"""The demo's two mediation cases: a two-party boundary dispute that reached an agreement both
parties signed, and a three-household noise dispute at its joint meeting.

Nobody in them is a victim or an offender: each household has a party file of its own (Party A,
Party B, ...). Each file's notes name only its own people; the joint meeting and the agreement,
read by every party, name nobody; content moved between parties only with the consent of the
party it came from. The records are made with the domain's own constructors and the case moves
through the mediation workflow with ``allocate`` and ``move_to``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from erms_desktop.demo.people import CaseNames, IdentitySource, make_participant
from erms_desktop.demo.story import FileCast, FileRecorder, RecordSink, accept_referral
from erms_desktop.domain.activity import OutcomeItem
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import (
    CaseType,
    ConsentScope,
    ContactKind,
    ContactMode,
    DisputeType,
    ExchangeKind,
    OutcomeKind,
    ParticipantRole,
    ReferralSource,
    RiskKind,
    Side,
)
from erms_desktop.domain.enums import WorkflowStage as S
from erms_desktop.domain.exchange import create_exchange
from erms_desktop.domain.parties import PartyFile


@dataclass(frozen=True, slots=True)
class Dispute:
    """One demo mediation: who referred it, what about, how many households, how far it went."""

    number: int
    source: ReferralSource
    dispute: DisputeType
    summary: str
    households: int
    stage: S


DISPUTES: tuple[Dispute, ...] = (
    Dispute(
        1,
        ReferralSource.HOUSING_ASSOCIATION,
        DisputeType.BOUNDARIES,
        "Two neighbours disagree where the fence between their gardens should stand.",
        2,
        S.OUTCOME_AGREEMENT,
    ),
    Dispute(
        2,
        ReferralSource.COMMUNITY_SAFETY_TEAM,
        DisputeType.NOISE,
        "Three households in one block complain of late-night noise from each other.",
        3,
        S.JOINT_MEETING,
    ),
)

#: What a party's own file says at each step: only that party's own people are named.
_FIRST_CONTACT = (
    "Phoned {main}. Explained that mediation is voluntary and that the service takes no side."
    " {first} is willing to meet."
)
_VISIT = (
    "Home visit to {main}{with_extra}. {first} described how the dispute affects the household"
    " and what would help. Went through the ground rules for a joint meeting."
)
_SHARE = "A short message to the other households about what would help, in {first}'s words"
_JOINT_MEETING = (
    "Joint meeting at the community centre. Every household spoke in turn and listened; the"
    " parties agreed to keep talking through the facilitators."
)
_SHUTTLE_MESSAGE = (
    "We would like the music turned down after eleven on weeknights, and we are happy to let"
    " you know in advance when we have visitors."
)
_AGREEMENT = (
    ("The fence is rebuilt on the line shown in the 1998 plan, costs shared equally", 30),
    ("Each household trims the hedge on its own side twice a year", 90),
)


def build_mediation_cases(
    ids: IdentitySource,
    sink: RecordSink,
    *,
    today: date,
    facilitators: tuple[str, ...],
    staff_id: str,
) -> None:
    """Add the two demo mediation cases and every record they have gathered to ``sink``."""
    for dispute in DISPUTES:
        _build(ids, sink, dispute, today=today, facilitators=facilitators, staff_id=staff_id)


def _build(
    ids: IdentitySource,
    sink: RecordSink,
    dispute: Dispute,
    *,
    today: date,
    facilitators: tuple[str, ...],
    staff_id: str,
) -> None:
    received = today - timedelta(days=70 - 10 * dispute.number)
    case = _open_case(ids, sink, dispute, received)
    parties = _parties(ids, sink, case, dispute.households, today)
    recorder = FileRecorder(ids, sink, case)
    recorder.risk(RiskKind.INITIAL, received + timedelta(days=2), assessor=staff_id)
    case = case.allocate(facilitators, on=received + timedelta(days=3))
    recorder.case = case
    recorder.author = facilitators[0]
    day = received + timedelta(days=5)
    case = case.move_to(S.FIRST_CONTACT)
    for party in parties:
        recorder.contact(
            ContactKind.FIRST_CONTACT, ContactMode.PHONE, day, (party.main,), cast=party
        )
        recorder.note(party, _FIRST_CONTACT, day)
    day += timedelta(days=7)
    case = case.move_to(S.INDIVIDUAL_VISITS)
    shares = []
    for party in parties:
        attending = tuple(p for p in (party.main, party.extra) if p is not None)
        recorder.contact(ContactKind.OTHER, ContactMode.VISIT, day, attending, cast=party)
        recorder.note(party, _VISIT, day)
        recorder.risk(RiskKind.SECONDARY, day, assessor=recorder.author, cast=party)
        recorder.consent(party, ConsentScope.TAKE_PART, day)
        shares.append(
            recorder.consent(
                party, ConsentScope.SHARE_WITH_OTHER_PARTY, day, detail=party.text(_SHARE)
            )
        )
    day += timedelta(days=7)
    case = case.move_to(S.JOINT_MEETING)
    first, second = parties[0], parties[1]
    sink.exchanges.append(
        dataclasses.replace(
            create_exchange(
                kind=ExchangeKind.SHUTTLE_MESSAGE,
                source=first.party_file,
                target=second.party_file,
                content=_SHUTTLE_MESSAGE,
                consent=shares[0],
                shared_by=recorder.author,
                at=recorder.at(day),
            ),
            id=ids.new_id(),
        )
    )
    day += timedelta(days=7)
    recorder.contact(
        ContactKind.CONFERENCE,
        ContactMode.VISIT,
        day,
        tuple(party.main for party in parties),
        cast=None,
        summary=_JOINT_MEETING,
    )
    if dispute.stage is S.OUTCOME_AGREEMENT:
        case = case.move_to(S.OUTCOME_AGREEMENT)
        _agreement(ids, sink, case, parties, day)
    recorder.case = case
    sink.cases.append(
        dataclasses.replace(
            case,
            next_action="Check the agreement is holding"
            if case.stage is S.OUTCOME_AGREEMENT
            else "Plan the second joint meeting",
            next_action_due=today + timedelta(days=7 + dispute.number),
        )
    )


def _open_case(ids: IdentitySource, sink: RecordSink, dispute: Dispute, on: date) -> Case:
    accepted = accept_referral(ids, sink, dispute.source, on)
    return Case(
        id=accepted.case_id,
        service_reference=f"ERMS-{on.year}-M{dispute.number:03d}",
        referral_id=accepted.referral_id,
        agency_reference=accepted.agency_reference,
        case_type=CaseType.MEDIATION,
        dispute_type=dispute.dispute,
        dispute_summary=dispute.summary,
        received_on=on,
    )


def _parties(
    ids: IdentitySource, sink: RecordSink, case: Case, households: int, today: date
) -> list[FileCast]:
    """One party file per household: its main person, and in the first a second adult."""
    names = CaseNames(ids.rng)
    casts = []
    for number, side in enumerate(Side.parties()[:households]):
        party_file = PartyFile(id=ids.new_id(), case_id=case.id, side=side)
        main = make_participant(
            ids, names, party_file_id=party_file.id, role=ParticipantRole.PARTY, today=today
        )
        extra = (
            make_participant(
                ids,
                names,
                party_file_id=party_file.id,
                role=ParticipantRole.PARTY,
                today=today,
                family_name=main.family_name,
                address=main.addresses[0],
            )
            if number == 0
            else None
        )
        sink.party_files.append(party_file)
        sink.participants.extend(p for p in (main, extra) if p is not None)
        casts.append(FileCast(party_file, main, extra))
    return casts


def _agreement(
    ids: IdentitySource, sink: RecordSink, case: Case, parties: list[FileCast], day: date
) -> None:
    """The agreement's items, each signed by every party (case level: it names nobody)."""
    signed = tuple(party.party_file.id for party in parties)
    for index, (text, due_in) in enumerate(_AGREEMENT):
        sink.outcome_items.append(
            OutcomeItem(
                id=ids.new_id(),
                case_id=case.id,
                kind=OutcomeKind.OTHER,
                description=text,
                responsible_party_file_id=parties[index % len(parties)].party_file.id,
                due_on=day + timedelta(days=due_in),
                signed_by_party_file_ids=signed,
            )
        )
