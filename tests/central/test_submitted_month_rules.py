"""A volunteer's submitted month is locked on the store as in the app: a submitted time entry
is never changed, unsubmitted or removed by the volunteer, and no new unsubmitted entry joins
that month. The office still corrects a submitted claim."""

from __future__ import annotations

import uuid
from datetime import date

from erms_desktop.domain import TimeEntry
from tests.central.mutations import delete_of, outcomes, stored_record, update_of
from tests.central.world import World, create_of


def _entry(world: World, worked_on: date) -> TimeEntry:
    return TimeEntry(
        id=str(uuid.uuid4()),
        case_id=world.cases["a"].case,
        volunteer_id=world.users["alice"],
        worked_on=worked_on,
        activity="Home visit",
        minutes=60,
    )


def test_a_submitted_month_is_locked_for_the_volunteer(world: World) -> None:
    entry = _entry(world, date(2026, 4, 2))
    assert outcomes(world.push("alice", create_of(entry))) == [("applied", None)]
    submit = update_of(entry.id, "time_entry", 1, submitted_on="2026-05-01")
    assert outcomes(world.push("alice", submit)) == [("applied", None)]
    refused = [
        update_of(entry.id, "time_entry", 2, minutes=90),
        update_of(entry.id, "time_entry", 2, submitted_on=None),
        delete_of(entry.id, "time_entry", 2),
    ]
    for mutation in refused:
        [(status, reason)] = outcomes(world.push("alice", mutation))
        assert status == "rejected"
        assert reason is not None
        assert reason.startswith("a submitted time entry is never"), reason
    late = _entry(world, date(2026, 4, 20))
    [(status, reason)] = outcomes(world.push("alice", create_of(late)))
    assert (status, reason) == (
        "rejected",
        "time for April 2026 is already submitted; ask the office to add it",
    )
    assert stored_record(world, late.id) is None
    may = _entry(world, date(2026, 5, 3))
    assert outcomes(world.push("alice", create_of(may))) == [("applied", None)]
    stored = stored_record(world, entry.id)
    assert stored is not None
    assert stored.fields["minutes"] == 60
    office = update_of(entry.id, "time_entry", 2, minutes=75)
    assert outcomes(world.push("sam", office)) == [("applied", None)]
