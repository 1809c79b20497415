"""Push: a record's actor field (note author, time entry volunteer, exchange sharer, risk
assessor) names the pushing user, never someone else, and never changes after creation."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from erms_desktop.domain import Exchange, Note, RiskAssessment, TimeEntry
from erms_desktop.domain.enums import (
    ExchangeKind,
    RiskKind,
)
from tests.central.mutations import consent_of, record_count, stored_record, update_of
from tests.central.world import CaseIds, World, create_of

_AT = datetime(2026, 4, 2, 10, tzinfo=UTC)


def _note(case: CaseIds, author: str) -> Note:
    return Note(
        id=str(uuid.uuid4()),
        case_id=case.case,
        party_file_id=case.victim_file,
        author_id=author,
        body="Talked through the conference plan.",
        created_at=_AT,
    )


def _time_entry(case: CaseIds, volunteer: str) -> TimeEntry:
    return TimeEntry(
        id=str(uuid.uuid4()),
        case_id=case.case,
        volunteer_id=volunteer,
        worked_on=date(2026, 4, 2),
        activity="Home visit",
        minutes=90,
        miles=12.5,
    )


def _exchange(case: CaseIds, sharer: str, consent_id: str | None = None) -> Exchange:
    return Exchange(
        id=str(uuid.uuid4()),
        case_id=case.case,
        kind=ExchangeKind.SHUTTLE_MESSAGE,
        from_party_file_id=case.victim_file,
        to_party_file_id=case.offender_file,
        content="Would like to know the other party is willing to meet.",
        consent_id=consent_id or str(uuid.uuid4()),
        shared_by=sharer,
        shared_at=_AT,
    )


def _risk(case: CaseIds, assessor: str) -> RiskAssessment:
    return RiskAssessment(
        id=str(uuid.uuid4()),
        case_id=case.case,
        kind=RiskKind.SECONDARY,
        assessor_id=assessor,
        party_file_id=case.victim_file,
    )


def _every_kind(case: CaseIds, actor: str) -> list[dict[str, Any]]:
    return [create_of(make(case, actor)) for make in (_note, _time_entry, _exchange, _risk)]


def test_records_attributed_to_someone_else_are_rejected_and_change_nothing(world: World) -> None:
    a = world.cases["a"]
    spoofed = _every_kind(a, world.users["bob"])
    own = create_of(_note(a, world.users["alice"]))
    before = record_count(world)
    answer = world.push("alice", *spoofed, own)
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 4 + ["applied"]
    for mutation, result in zip(spoofed, results[:4], strict=True):
        assert "must be your own user id" in result["reason"], result
        assert stored_record(world, mutation["record_id"]) is None
    assert answer.json()["last_device_seq"] == 5
    assert record_count(world) == before + 1


def test_records_by_the_pusher_are_accepted_for_every_actor_kind(world: World) -> None:
    a = world.cases["a"]
    consent = consent_of(a, recorded_on=date(2026, 4, 1))
    mutations = [
        create_of(consent),
        *_every_kind(a, world.users["alice"]),
        create_of(_exchange(a, world.users["alice"], consent.id)),
    ]
    del mutations[3]  # the exchange citing no real consent (the store's consent gate refuses it)
    results = world.push("alice", *mutations).json()["results"]
    assert [r["status"] for r in results] == ["applied"] * 5, results
    for mutation in mutations:
        assert stored_record(world, mutation["record_id"]) is not None


def test_the_actor_field_never_changes_on_update(world: World) -> None:
    a = world.cases["a"]
    alice, bob = world.users["alice"], world.users["bob"]
    note, entry = create_of(_note(a, alice)), create_of(_time_entry(a, alice))
    assert [r["status"] for r in world.push("alice", note, entry).json()["results"]] == [
        "applied",
        "applied",
    ]
    results = world.push(
        "alice",
        update_of(note["record_id"], "note", 1, author_id=bob, body="Rewritten."),
        update_of(entry["record_id"], "time_entry", 1, volunteer_id=bob),
    ).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert "author_id never changes" in results[0]["reason"]
    assert "volunteer_id never changes" in results[1]["reason"]
    # Staff may enter a time entry for a volunteer, but not re-attribute an existing one either.
    by_staff = world.push("sam", update_of(entry["record_id"], "time_entry", 1, volunteer_id=bob))
    assert by_staff.json()["results"][0]["status"] == "rejected"
    stored_note, stored_entry = (
        stored_record(world, note["record_id"]),
        stored_record(world, entry["record_id"]),
    )
    assert stored_note is not None
    assert stored_entry is not None
    assert (stored_note.version, stored_note.fields["author_id"]) == (1, alice)
    assert stored_note.fields["body"] == "Talked through the conference plan."
    assert (stored_entry.version, stored_entry.fields["volunteer_id"]) == (1, alice)
    # Sending the unchanged author along with a real change is fine.
    same = world.push("alice", update_of(note["record_id"], "note", 1, author_id=alice, body="Ok."))
    assert same.json()["results"][0]["status"] == "applied"


def test_staff_may_enter_time_for_a_volunteer_but_author_nothing_else_for_them(
    world: World,
) -> None:
    a = world.cases["a"]
    alice = world.users["alice"]
    for_alice = create_of(_time_entry(a, alice))
    for_nobody = create_of(_time_entry(a, str(uuid.uuid4())))
    others = [create_of(make(a, alice)) for make in (_note, _exchange, _risk)]
    results = world.push("sam", for_alice, for_nobody, *others).json()["results"]
    assert [r["status"] for r in results] == ["applied"] + ["rejected"] * 4, results
    assert "does not name a user" in results[1]["reason"]
    assert all("must be your own user id" in r["reason"] for r in results[2:])
    stored = stored_record(world, for_alice["record_id"])
    assert stored is not None
    assert stored.fields["volunteer_id"] == alice
    for mutation in (for_nobody, *others):
        assert stored_record(world, mutation["record_id"]) is None
    # A volunteer gets no such latitude, even for a colleague on the same case.
    by_bob = world.push("bob", create_of(_time_entry(a, alice))).json()["results"][0]
    assert by_bob["status"] == "rejected"
