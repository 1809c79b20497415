"""Links the domain checks in the app, checked again on the store: an amendment corrects a final
note of its own file, a participant sits in a file of its side, and an exchange does not carry
the identifiers it redacted across to the other side."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

from erms_desktop.domain import Note, Participant
from erms_desktop.domain.enums import NoteStatus, ParticipantRole
from tests.central.mutations import consent_of, exchange_of, outcomes, update_of
from tests.central.world import World, create_of

NOW = datetime.now(UTC)


def _note(world: World, file_id: str, **changes: object) -> Note:
    a = world.cases["a"]
    note = Note(
        id=str(uuid.uuid4()),
        case_id=a.case,
        party_file_id=file_id,
        author_id=world.users["alice"],
        body="Corrects the date of the first visit.",
        created_at=NOW,
    )
    return dataclasses.replace(note, **changes)  # type: ignore[arg-type]


def test_an_amendment_corrects_a_final_note_of_its_own_file(world: World) -> None:
    a = world.cases["a"]
    final = _note(world, a.victim_file, status=NoteStatus.FINAL, finalised_at=NOW)
    of_draft = _note(world, a.victim_file, amends_note_id=a.victim_note)
    elsewhere = _note(world, a.offender_file, amends_note_id=final.id)
    invented = _note(world, a.victim_file, amends_note_id=str(uuid.uuid4()))
    good = _note(world, a.victim_file, amends_note_id=final.id)
    results = outcomes(
        world.push("alice", *[create_of(n) for n in (final, of_draft, elsewhere, invented, good)])
    )
    assert [status for status, _ in results] == [
        "applied",
        "rejected",
        "rejected",
        "rejected",
        "applied",
    ]


def test_a_participant_sits_in_a_file_of_its_side(world: World) -> None:
    a = world.cases["a"]
    misplaced = Participant(
        id=str(uuid.uuid4()),
        party_file_id=a.offender_file,
        role=ParticipantRole.VICTIM,
        given_names="Iona",
    )
    supporter = dataclasses.replace(misplaced, id=str(uuid.uuid4()), role=ParticipantRole.SUPPORTER)
    results = outcomes(world.push("alice", create_of(misplaced), create_of(supporter)))
    assert [status for status, _ in results] == ["rejected", "applied"]
    moved_role = update_of(a.offender, "participant", 1, role="victim")
    assert outcomes(world.push("alice", moved_role))[0][0] == "rejected"


def test_an_exchange_does_not_carry_what_it_redacted_to_the_other_side(world: World) -> None:
    a, alice = world.cases["a"], world.users["alice"]
    consent = consent_of(a)
    redacted = exchange_of(
        a,
        alice,
        consent.id,
        content="[the other party] would like to meet.",
        redactions=("Harriet Quennell",),
    )
    results = outcomes(world.push("alice", create_of(consent), create_of(redacted)))
    assert results[0] == ("applied", None)
    status, reason = results[1]
    assert status == "rejected"
    assert reason is not None
    assert reason.startswith("separation:")


def test_a_volunteer_adds_identifiers_but_never_blinds_the_check(world: World) -> None:
    """Renaming the offender, then writing his real name, would pass the check unseen."""
    a = world.cases["a"]
    blinding = [
        update_of(a.offender, "participant", 1, family_name="Smith"),
        update_of(a.victim, "participant", 1, phones=[]),
        update_of(a.offender, "participant", 1, given_names=""),
    ]
    results = outcomes(world.push("alice", *blinding))
    assert [status for status, _ in results] == ["rejected"] * 3
    added = update_of(a.offender, "participant", 1, aliases=["Dez"], phones=["07700 900456"])
    assert outcomes(world.push("alice", added)) == [("applied", None)]
    rename = update_of(a.offender, "participant", 2, family_name="Okonkwo-Hart")
    assert outcomes(world.push("sam", rename)) == [("applied", None)]


def test_a_participant_added_earlier_in_the_same_push_is_looked_for(world: World) -> None:
    a, alice = world.cases["a"], world.users["alice"]
    first = _note(world, a.victim_file, body="Phoned to confirm the visit.")
    newcomer = Participant(
        id=str(uuid.uuid4()),
        party_file_id=a.offender_file,
        role=ParticipantRole.SUPPORTER,
        given_names="Quentin",
        family_name="Blackwood",
    )
    naming = _note(world, a.victim_file, body="Quentin Blackwood will come with him.")
    results = outcomes(world.push("alice", *[create_of(e) for e in (first, newcomer, naming)]))
    assert [status for status, _ in results] == ["applied", "applied", "rejected"], alice
