"""The rules each entity keeps for itself: referrals, participants, files, activity records."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from erms_desktop.domain import (
    Contact,
    Document,
    Participant,
    PartyFile,
    Referral,
    RiskAssessment,
    TimeEntry,
    check_participant_in_file,
    monthly_totals,
)
from erms_desktop.domain.enums import (
    ContactKind,
    ContactMode,
    ExpenseKind,
    ParticipantRole,
    ReferralSource,
    ReferralStatus,
    RiskKind,
    RiskOutcome,
    Side,
)
from erms_desktop.domain.errors import InvalidValueError

A = "11111111-1111-4111-8111-111111111111"
B = "22222222-2222-4222-8222-222222222222"
C = "33333333-3333-4333-8333-333333333333"

ESSEX_COUNCILS = [
    "Basildon", "Braintree", "Brentwood", "Castle Point", "Chelmsford", "Colchester",
    "Epping Forest", "Harlow", "Maldon", "Rochford", "Southend", "Tendring", "Thurrock",
    "Uttlesford",
]  # fmt: skip


@pytest.mark.parametrize("council", ESSEX_COUNCILS)
def test_every_essex_district_borough_city_and_unitary_council_refers(council: str) -> None:
    matches = [s for s in ReferralSource if s.label.startswith(council) and "Council" in s.label]
    assert len(matches) == 1, council


def test_the_other_referral_sources_the_service_uses() -> None:
    labels = {source.label for source in ReferralSource}
    assert {
        "Essex Police",
        "Probation Service",
        "Essex County Fire and Rescue Service",
        "Youth offending service",
        "Victim Support",
        "Another restorative justice service",
        "Self-referral",
    } <= labels
    assert len(labels) == len(ReferralSource)  # every source has its own label


def test_a_referral_is_accepted_into_a_case_or_rejected_once() -> None:
    referral = Referral(id=A, source=ReferralSource.ESSEX_POLICE, received_on=date(2026, 1, 2))
    accepted = referral.accept(B)
    assert accepted.status is ReferralStatus.ACCEPTED
    assert accepted.case_id == B
    assert referral.reject().case_id is None
    for done in (accepted, referral.reject()):
        with pytest.raises(InvalidValueError, match="already"):
            done.reject()
    with pytest.raises(InvalidValueError):
        referral.accept("case one")
    with pytest.raises(InvalidValueError):
        dataclasses.replace(referral, case_id=B)  # only an accepted referral names a case


def _person(**changes: object) -> Participant:
    base = Participant(id=A, party_file_id=B, role=ParticipantRole.VICTIM, given_names="Imogen")
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"given_names": " ", "family_name": "", "preferred_name": ""},
        {"phones": ("07700 900123", "07700 900123")},
        {"phones": ("call the office",)},
        {"emails": ("imogen at example.org",)},
        {"emails": ("imogen@localhost",)},
        {"aliases": ("",)},
        {"addresses": ("1 Sorrel Way, Maldon", "1 sorrel way, maldon")},
        {"party_file_id": "victim file"},
    ],
)
def test_participant_identifiers_are_checked(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidValueError):
        _person(**changes)


def test_participant_names_and_age() -> None:
    person = _person(family_name="Hensley", preferred_name="Immy", date_of_birth=date(2010, 5, 9))
    assert person.display_name == "Immy Hensley"
    assert person.initials == "I.H."
    assert person.age_on(date(2026, 5, 8)) == 15
    assert person.age_on(date(2026, 5, 9)) == 16


@pytest.mark.parametrize(
    ("role", "side", "fits"),
    [
        (ParticipantRole.VICTIM, Side.VICTIM, True),
        (ParticipantRole.VICTIM, Side.OFFENDER, False),
        (ParticipantRole.OFFENDER, Side.OFFENDER, True),
        (ParticipantRole.OFFENDER, Side.VICTIM, False),
        (ParticipantRole.SUPPORTER, Side.VICTIM, True),
        (ParticipantRole.PARENT_OR_APPROPRIATE_ADULT, Side.OFFENDER, True),
        (ParticipantRole.PROFESSIONAL, Side.OFFENDER, True),
    ],
)
def test_each_participant_sits_on_one_side(role: ParticipantRole, side: Side, fits: bool) -> None:
    party_file = PartyFile(id=B, case_id=C, side=side)
    person = _person(role=role)
    if fits:
        check_participant_in_file(person, party_file)
    else:
        with pytest.raises(InvalidValueError, match="cannot sit"):
            check_participant_in_file(person, party_file)
    with pytest.raises(InvalidValueError, match="does not belong"):
        check_participant_in_file(person, dataclasses.replace(party_file, id=A))


def test_access_can_be_allocated_per_file() -> None:
    shared = PartyFile(id=A, case_id=B, side=Side.VICTIM)
    assert shared.is_open_to(C, (C,))
    assert not shared.is_open_to(A, (C,))
    own = dataclasses.replace(shared, facilitator_ids=(A,))
    assert own.is_open_to(A, (C,))
    assert not own.is_open_to(C, (C,))
    with pytest.raises(InvalidValueError):
        dataclasses.replace(shared, facilitator_ids=(A, A))


def test_activity_records_refuse_impossible_values() -> None:
    with pytest.raises(InvalidValueError, match="case level"):
        Contact(
            id=A,
            case_id=B,
            kind=ContactKind.CONFERENCE,
            mode=ContactMode.VISIT,
            held_on=date(2026, 1, 1),
            duration_minutes=90,
            party_file_id=C,
        )
    entry = TimeEntry(id=A, case_id=B, volunteer_id=C, worked_on=date(2026, 1, 1),
                      activity="Home visit", minutes=90, miles=12.5)  # fmt: skip
    for bad in ({"miles": float("nan")}, {"miles": float("inf")}, {"minutes": -1},
                {"expense_pence": 250}):  # fmt: skip
        with pytest.raises(InvalidValueError):
            dataclasses.replace(entry, **bad)
    parking = dataclasses.replace(entry, expense_kind=ExpenseKind.PARKING, expense_pence=250)
    assert monthly_totals([entry, parking], 2026, 1) == (180, 25.0, 250)
    assert monthly_totals([entry], 2026, 2) == (0, 0.0, 0)


def test_documents_are_bare_names_with_a_hash_and_an_aware_time() -> None:
    document = Document(id=A, case_id=B, party_file_id=C, filename="letter.pdf",
                        media_type="application/pdf", sha256="ab" * 32, size_bytes=10,
                        added_at=datetime(2026, 1, 1, tzinfo=UTC))  # fmt: skip
    for bad in ({"filename": "../letter.pdf"}, {"sha256": "AB" * 32}, {"size_bytes": -1},
                {"added_at": datetime(2026, 1, 1)}, {"media_type": ""}):  # fmt: skip
        with pytest.raises(InvalidValueError):
            dataclasses.replace(document, **bad)


def test_risk_assessments_are_complete_or_in_progress() -> None:
    pending = RiskAssessment(id=A, case_id=B, kind=RiskKind.SECONDARY, assessor_id=C)
    assert not pending.is_completed
    assert not pending.allows_proceeding()
    done = dataclasses.replace(pending, outcome=RiskOutcome.PROCEED, completed_on=date(2026, 1, 9))
    assert done.allows_proceeding()
    for bad in (
        {"outcome": RiskOutcome.PROCEED},
        {"outcome": RiskOutcome.PROCEED_WITH_MITIGATIONS, "completed_on": date(2026, 1, 9)},
        {"outcome": RiskOutcome.PROCEED, "completed_on": date(2026, 1, 9),
         "review_on": date(2026, 1, 8)},
        {"factors": ("",)},
    ):  # fmt: skip
        with pytest.raises(InvalidValueError):
            dataclasses.replace(pending, **bad)
