"""Finding 4 (separation) and finding 9 (writes): every free-text field of every kind passes
the separation check on the store, and refused writes answer alike whether the record exists
out of sight or does not exist at all."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any

from erms_desktop.domain import (
    ConsentRecord,
    Contact,
    Document,
    Exchange,
    OutcomeItem,
    RiskAssessment,
    TimeEntry,
)
from erms_desktop.domain.enums import (
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    ExchangeKind,
    OutcomeKind,
    RiskKind,
)
from erms_desktop.domain.records import Entity
from tests.central.mutations import consent_of, outcomes, stored_record, update_of, upload
from tests.central.world import CaseIds, World, create_of, new_note

NOW = datetime.now(UTC)
OFFENDER = "Desmond Okonkwo"  # the offender of case a; the victim is Harriet Quennell
LETTER = b"%PDF-1.4 a letter to the other party"


def _leaky_records(a: CaseIds, alice: str, consent_id: str) -> list[Entity]:
    """One record of each kind a laptop pushes, each naming someone its readers may not know."""
    case, victim_file = a.case, a.victim_file
    return [
        Contact(
            id=str(uuid.uuid4()),
            case_id=case,
            kind=ContactKind.FOLLOW_UP,
            mode=ContactMode.VISIT,
            held_on=NOW.date(),
            duration_minutes=60,
            party_file_id=victim_file,
            summary=f"Talked about {OFFENDER} and his family.",
        ),
        Contact(  # case level: names nobody, not even the side's own people
            id=str(uuid.uuid4()),
            case_id=case,
            kind=ContactKind.SHUTTLE,
            mode=ContactMode.VISIT,
            held_on=NOW.date(),
            duration_minutes=60,
            summary="Harriet Quennell spoke first.",
        ),
        OutcomeItem(
            id=str(uuid.uuid4()),
            case_id=case,
            kind=OutcomeKind.APOLOGY,
            description="Harriet Quennell receives a written apology.",
            responsible_party_file_id=a.offender_file,
        ),
        RiskAssessment(
            id=str(uuid.uuid4()),
            case_id=case,
            kind=RiskKind.SECONDARY,
            assessor_id=alice,
            party_file_id=victim_file,
            factors=(f"Lives near {OFFENDER}",),
        ),
        ConsentRecord(
            id=str(uuid.uuid4()),
            case_id=case,
            party_file_id=victim_file,
            participant_id=a.victim,
            scope=ConsentScope.SHARE_WITH_OTHER_PARTY,
            decision=ConsentDecision.GIVEN,
            method=ConsentMethod.VERBAL,
            recorded_on=NOW.date(),
            detail=f"May tell {OFFENDER} how she felt",
        ),
        Document(
            id=str(uuid.uuid4()),
            case_id=case,
            party_file_id=victim_file,
            filename="letter.pdf",
            media_type="application/pdf",
            sha256=hashlib.sha256(LETTER).hexdigest(),
            size_bytes=len(LETTER),
            added_at=NOW,
            description=f"Letter about {OFFENDER}",
        ),
        TimeEntry(
            id=str(uuid.uuid4()),
            case_id=case,
            volunteer_id=alice,
            worked_on=NOW.date(),
            activity="Visit to Harriet Quennell",
            minutes=60,
        ),
        Exchange(  # goes to the offender's side: must not identify the victim
            id=str(uuid.uuid4()),
            case_id=case,
            kind=ExchangeKind.SHUTTLE_MESSAGE,
            from_party_file_id=victim_file,
            to_party_file_id=a.offender_file,
            content="Harriet Quennell would like to meet, phone 07700 900123.",
            consent_id=consent_id,
            shared_by=alice,
            shared_at=NOW,
        ),
    ]


def _cleaned(entity: Entity) -> Entity:
    """The same record with its text about nobody in particular."""
    text = "Talked about the other party."
    for name in ("summary", "description", "detail", "activity", "content"):
        if hasattr(entity, name):
            return dataclasses.replace(entity, **{name: text})  # type: ignore[type-var]
    return dataclasses.replace(entity, factors=(text,))  # type: ignore[type-var]


def test_every_kind_is_checked_for_separation(world: World) -> None:
    a, alice = world.cases["a"], world.users["alice"]
    consent = consent_of(a)
    assert outcomes(world.push("alice", create_of(consent))) == [("applied", None)]
    leaky = _leaky_records(a, alice, consent.id)
    results = outcomes(world.push("alice", *map(create_of, leaky)))
    for entity, (status, reason) in zip(leaky, results, strict=True):
        assert status == "rejected", entity
        assert reason is not None
        assert reason.startswith("separation:"), reason
        assert "Okonkwo" not in reason
        assert "Quennell" not in reason
        assert stored_record(world, entity.id) is None
    upload(world, "alice", a.victim_file, LETTER)  # the clean document names real content
    clean = [_cleaned(entity) for entity in leaky]
    assert [s for s, _ in outcomes(world.push("alice", *map(create_of, clean)))] == (
        ["applied"] * len(clean)
    )


def test_updates_of_free_text_and_participants_notes_are_checked_too(world: World) -> None:
    a = world.cases["a"]
    case = stored_record(world, a.case)
    assert case is not None
    header = update_of(a.case, "case", case.version, next_action=f"Write to {OFFENDER}")
    joint = update_of(a.joint_contact, "contact", 1, summary="Harriet Quennell spoke first.")
    [(status, reason)] = outcomes(world.push("alice", header))
    assert status == "rejected"
    assert reason is not None
    assert reason.startswith("separation:")
    assert outcomes(world.push("alice", joint))[0][0] == "rejected"
    notes = update_of(a.victim, "participant", 1, vulnerability_notes=f"Afraid of {OFFENDER}")
    [(status, reason)] = outcomes(world.push("sam", notes))  # office staff are checked too
    assert status == "rejected"
    assert reason is not None
    assert reason.startswith("separation:")


def _refusal(world: World, name: str, mutation: dict[str, Any]) -> str:
    [(status, reason)] = outcomes(world.push(name, mutation))
    assert status == "rejected", mutation
    assert reason is not None
    return reason


def test_refused_writes_answer_alike_for_unseen_and_missing_records(world: World) -> None:
    a, b, carol = world.cases["a"], world.cases["b"], world.users["carol"]
    # A create in carol's own case under an id that exists in case a (out of her sight)
    # answers as a create under an id of her own case does.
    unseen = new_note(b, b.victim_file, "First visit booked.", carol)
    seen = new_note(b, b.victim_file, "First visit booked.", carol)
    unseen = {
        **unseen,
        "record_id": a.victim_note,
        "fields": {**unseen["fields"], "id": a.victim_note},
    }
    seen = {**seen, "record_id": b.victim_note, "fields": {**seen["fields"], "id": b.victim_note}}
    assert _refusal(world, "carol", unseen) == _refusal(world, "carol", seen)
    # A bad create answers for what is wrong with it, never that the id is taken.
    fresh_id = str(uuid.uuid4())
    bad = {**unseen, "base_version": 3}
    bad_fresh = {**bad, "record_id": fresh_id, "fields": {**bad["fields"], "id": fresh_id}}
    assert _refusal(world, "carol", bad) == _refusal(world, "carol", bad_fresh)
    # Updates under another kind, the right kind, or a made-up id all answer alike.
    missing = str(uuid.uuid4())
    answers = {
        _refusal(world, "carol", update_of(a.victim_note, "contact", 1, summary="x")),
        _refusal(world, "carol", update_of(a.victim_note, "note", 1, body="x")),
        _refusal(world, "carol", update_of(missing, "contact", 1, summary="x")),
    }
    assert len(answers) == 1
    # A create in a case that exists but is not hers answers as one in no case at all.
    in_a = new_note(a, a.victim_file, "Hello.", carol)
    nowhere = new_note(
        dataclasses.replace(a, case=str(uuid.uuid4()), victim_file=str(uuid.uuid4())),
        str(uuid.uuid4()),
        "Hello.",
        carol,
    )
    assert _refusal(world, "carol", in_a) == _refusal(world, "carol", nowhere)
