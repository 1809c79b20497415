"""Push: at-most-once numbered mutations, gaps, merging, conflicts, rejections."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from erms_desktop.central.models import Record
from tests.central.mutations import record_count, stored_record, update_of
from tests.central.world import World, new_note


def test_create_applies_and_repeat_is_skipped_with_original_answer(world: World) -> None:
    a = world.cases["a"]
    mutation = new_note(
        a, a.victim_file, "Visited at home; agreed to a letter.", world.users["alice"]
    )
    first = world.push("alice", mutation)
    assert first.json()["results"][0]["status"] == "applied"
    assert first.json()["results"][0]["version"] == 1
    world.devices["alice"].next_seq = 1  # the reply was "lost": send the same number again
    again = world.push("alice", mutation).json()["results"][0]
    assert again["status"] == "skipped"
    assert again["reason"] == "duplicate"
    assert again["original_status"] == "applied"
    stored = stored_record(world, mutation["record_id"])
    assert stored is not None
    assert stored.version == 1


def test_gap_is_refused_and_changes_nothing(world: World) -> None:
    a = world.cases["a"]
    before = record_count(world)
    world.devices["alice"].next_seq = 3
    answer = world.push(
        "alice", new_note(a, a.victim_file, "Second visit booked.", world.users["alice"])
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "sequence_gap"
    assert answer.json()["error"]["expected_device_seq"] == 1
    assert record_count(world) == before


def test_out_of_order_batch_is_refused(world: World) -> None:
    a = world.cases["a"]
    batch = [
        {"device_seq": n, **new_note(a, a.victim_file, "Text.", world.users["alice"])}
        for n in (2, 1)
    ]
    answer = world.client.post(
        "/v1/sync/push", json={"mutations": batch}, headers=world.devices["alice"].headers
    )
    assert answer.status_code == 422
    assert stored_record(world, batch[0]["record_id"]) is None


def test_fields_changed_on_one_side_each_merge(world: World) -> None:
    case_id = world.cases["a"].case
    sam = world.push("sam", update_of(case_id, "case", 2, next_action="Book the conference"))
    assert sam.json()["results"][0]["status"] == "applied"
    alice = world.push("alice", update_of(case_id, "case", 2, next_action_due="2026-06-01"))
    result = alice.json()["results"][0]
    assert result["status"] == "applied", result
    stored = stored_record(world, case_id)
    assert stored is not None
    assert stored.fields["next_action"] == "Book the conference"
    assert stored.fields["next_action_due"] == "2026-06-01"
    assert stored.version == result["version"] == 4


def test_same_field_changed_on_both_sides_is_a_conflict_with_server_value(world: World) -> None:
    case_id = world.cases["a"].case
    world.push("sam", update_of(case_id, "case", 2, next_action="Call the victim"))
    result = world.push("alice", update_of(case_id, "case", 2, next_action="Write to the victim"))
    body = result.json()["results"][0]
    assert body["status"] == "conflict"
    assert body["conflicting_fields"] == ["next_action"]
    assert body["server_fields"]["next_action"] == "Call the victim"
    assert body["version"] == 3
    stored = stored_record(world, case_id)
    assert stored is not None
    assert stored.fields["next_action"] == "Call the victim"


def test_final_notes_never_change(world: World) -> None:
    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Final words.", world.users["alice"])
    note["fields"]["status"] = "final"
    note["fields"]["finalised_at"] = "2026-04-01T09:30:00+00:00"
    assert world.push("alice", note).json()["results"][0]["status"] == "applied"
    edit = update_of(note["record_id"], "note", 1, body="Changed words.")
    result = world.push("alice", edit).json()["results"][0]
    assert result["status"] == "rejected"
    assert "final note" in result["reason"]
    delete = {"kind": "note", "record_id": note["record_id"], "op": "delete", "base_version": 1}
    assert world.push("alice", delete).json()["results"][0]["status"] == "rejected"
    stored = stored_record(world, note["record_id"])
    assert stored is not None
    assert stored.fields["body"] == "Final words."


def test_invalid_and_forbidden_mutations_are_rejected_and_queue_moves_on(world: World) -> None:
    a, b = world.cases["a"], world.cases["b"]
    bad_kind = {**new_note(a, a.victim_file, "x", world.users["alice"]), "kind": "spaceship"}
    bad_field = update_of(a.case, "case", 2, colour="blue")
    bad_value = update_of(a.case, "case", 2, justice_stage="sometime")
    other_case = new_note(b, b.victim_file, "Not my case.", world.users["alice"])
    make_case = {**update_of(a.case, "case", 0), "op": "create"}
    answer = world.push("alice", bad_kind, bad_field, bad_value, other_case, make_case)
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 5
    assert all(r["reason"] for r in results)
    assert answer.json()["last_device_seq"] == 5
    assert stored_record(world, other_case["record_id"]) is None
    good = world.push(
        "alice", new_note(a, a.victim_file, "Queue still moves.", world.users["alice"])
    )
    assert good.json()["results"][0]["status"] == "applied"


def test_file_only_volunteer_cannot_write_the_other_file_or_the_case_header(world: World) -> None:
    a = world.cases["a"]
    into_offender_file = new_note(a, a.offender_file, "Trying the other side.", world.users["bob"])
    header = update_of(a.case, "case", 2, next_action="Mine now")
    own_file = new_note(a, a.victim_file, "My own file is fine.", world.users["bob"])
    results = world.push("bob", into_offender_file, header, own_file).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected", "applied"]


def test_delete_leaves_a_tombstone_and_stale_delete_conflicts(world: World) -> None:
    a = world.cases["a"]
    stale = {"kind": "contact", "record_id": a.joint_contact, "op": "delete", "base_version": 0}
    assert world.push("alice", stale).json()["results"][0]["status"] == "conflict"
    fresh = {**stale, "base_version": 1}
    assert world.push("alice", fresh).json()["results"][0]["status"] == "applied"
    stored = stored_record(world, a.joint_contact)
    assert stored is not None
    assert stored.deleted
    assert stored.fields == {}


def test_record_id_never_changes(world: World) -> None:
    a = world.cases["a"]
    other_id = new_note(a, a.victim_file, "x", world.users["alice"])["record_id"]
    result = world.push("alice", update_of(a.victim_note, "note", 1, id=other_id)).json()
    assert result["results"][0]["status"] == "rejected"
    stored = stored_record(world, a.victim_note)
    assert stored is not None
    assert stored.fields["id"] == a.victim_note


def test_record_cannot_move_between_files(world: World) -> None:
    a = world.cases["a"]
    move = update_of(a.victim_note, "note", 1, party_file_id=a.offender_file)
    result = world.push("alice", move).json()["results"][0]
    assert result["status"] == "rejected"
    assert "another case or party file" in result["reason"]


def test_change_log_records_every_change_in_one_rising_sequence(world: World) -> None:
    from erms_desktop.central.models import ChangeLog

    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Letter drafted together.", world.users["alice"])
    world.push("alice", note, update_of(note["record_id"], "note", 1, body="Letter drafted."))
    with world.store.unit() as s:
        rows = s.scalars(select(ChangeLog).order_by(ChangeLog.seq)).all()
        mine = [r for r in rows if r.record_id == note["record_id"]]
        stored = s.get(Record, note["record_id"])
        assert stored is not None
        assert [r.version for r in mine] == [1, 2]
        assert {r.device_id for r in mine} == {world.devices["alice"].device_id}
        assert {r.user_id for r in mine} == {world.users["alice"]}
        assert stored.seq == mine[-1].seq == max(r.seq for r in rows)
        assert len({r.seq for r in rows}) == len(rows)


def _wait_until_blocked(world: World) -> None:
    """Until the push waits on the open transaction's lock (PostgreSQL shows it; SQLite's
    writer simply queues behind it, whenever it arrives)."""
    import time

    from sqlalchemy import text

    if world.store.engine.dialect.name != "postgresql":
        time.sleep(0.5)
        return
    deadline = time.monotonic() + 30
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    while time.monotonic() < deadline:
        with world.store.engine.connect() as conn:
            if conn.execute(query).scalar_one():
                return
        time.sleep(0.05)
    raise AssertionError("the push never reached the lock")


def test_a_create_racing_another_transaction_is_refused_cleanly(world: World) -> None:
    """Another transaction inserts the same record id while the push is in flight: PostgreSQL
    answers the push 409 (retry), SQLite serialises it into a rejection; never a 5xx."""
    import threading
    from datetime import UTC, datetime

    a = world.cases["a"]
    mutation = new_note(a, a.victim_file, "Raced.", world.users["alice"])
    answers: list[Any] = []
    session = world.store.factory()
    session.begin()
    session.add(
        Record(
            id=mutation["record_id"],
            kind="note",
            case_id=a.case,
            party_file_id=a.victim_file,
            fields=mutation["fields"],
            field_versions={},
            version=1,
            deleted=False,
            seq=0,
            updated_at=datetime.now(UTC),
        )
    )
    session.flush()
    racer = threading.Thread(target=lambda: answers.append(world.push("alice", mutation)))
    racer.start()
    _wait_until_blocked(world)
    session.commit()
    session.close()
    racer.join(timeout=30)
    answer = answers[0]
    assert answer.status_code < 500
    on_postgres = world.store.engine.dialect.name == "postgresql"
    assert (answer.status_code == 409) is on_postgres
    if answer.status_code == 409:
        assert answer.json()["error"]["code"] == "conflict"
        world.devices["alice"].next_seq = 1  # nothing was consumed: the retry reuses the number
        retry = world.push("alice", mutation)
        assert retry.json()["results"][0]["status"] == "rejected"
    else:
        assert answer.json()["results"][0]["status"] == "rejected"
    assert "cannot be used" in world.push("alice", {**mutation, "op": "create"}).text
