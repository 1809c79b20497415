"""The details a volunteer completes on a participant (access needs, the adult who must be
present) are free text in one party file: the store checks them for the other party's
identifiers like every other note-like field, and stores them when they are clean."""

from __future__ import annotations

from tests.central.mutations import delete_of, outcomes, stored_record, update_of
from tests.central.world import World

OFFENDER = "Desmond Okonkwo"  # the offender of case a


def test_access_needs_and_the_present_adult_are_checked_for_separation(world: World) -> None:
    a = world.cases["a"]
    leaks = [
        update_of(a.victim, "participant", 1, present_adult=f"{OFFENDER}'s sister"),
        update_of(a.victim, "participant", 1, access_needs=f"Not near {OFFENDER}'s street"),
    ]
    for leak in leaks:
        [(status, reason)] = outcomes(world.push("alice", leak))
        assert status == "rejected"
        assert reason is not None
        assert reason.startswith("separation:"), reason
        assert "Okonkwo" not in reason
    clean = update_of(
        a.victim, "participant", 1, present_adult="Her aunt", access_needs="Step-free venue"
    )
    assert outcomes(world.push("alice", clean)) == [("applied", None)]
    stored = stored_record(world, a.victim)
    assert stored is not None
    assert stored.fields["present_adult"] == "Her aunt"
    assert stored.fields["access_needs"] == "Step-free venue"


def test_a_volunteer_never_deletes_a_participant_office_staff_may(world: World) -> None:
    """Removing a person would blind the other file's separation check to their names."""
    a = world.cases["a"]
    [(status, reason)] = outcomes(world.push("alice", delete_of(a.victim, "participant", 1)))
    assert (status, reason) == ("rejected", "only office staff remove a participant")
    assert stored_record(world, a.victim) is not None
    assert outcomes(world.push("sam", delete_of(a.victim, "participant", 1))) == [("applied", None)]
