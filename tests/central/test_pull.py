"""Pull: pages after a cursor, scoped to the user, with tombstones, scope exits and resync."""

from __future__ import annotations

from erms_desktop.central import casework, counters
from erms_desktop.protocol.messages import case_digest
from tests.central.world import World, new_note


def _ids(changes: list[dict[str, object]]) -> set[object]:
    return {c["id"] for c in changes if c["type"] == "record"}


def test_pages_cover_everything_once_in_seq_order(world: World) -> None:
    headers = world.devices["sam"].headers
    cursor, seen, pages = 0, [], 0
    while True:
        body = world.client.get(
            "/v1/sync/pull", params={"cursor": cursor, "limit": 3}, headers=headers
        ).json()
        assert len(body["changes"]) <= 3
        seen.extend(c["seq"] for c in body["changes"])
        cursor, pages = body["cursor"], pages + 1
        if not body["more"]:
            break
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen))
    assert pages > 3
    everything, _ = world.pull_all("sam")
    assert len(everything) == len(seen)
    nothing_new = world.client.get("/v1/sync/pull", params={"cursor": cursor}, headers=headers)
    assert nothing_new.json()["changes"] == []


def test_file_allocation_sees_own_file_and_case_level_but_never_the_other_file(
    world: World,
) -> None:
    a = world.cases["a"]
    ids = _ids(world.pull_all("bob")[0])
    assert {a.case, a.victim_file, a.victim, a.victim_note, a.joint_contact} <= ids
    assert not ids & {a.offender_file, a.offender, a.offender_note}
    assert world.cases["b"].case not in ids


def test_volunteer_sees_only_allocated_cases_and_no_referrals(world: World) -> None:
    changes, _ = world.pull_all("carol")
    assert {c["case_id"] for c in changes} == {world.cases["b"].case}
    assert "referral" not in {c["kind"] for c in changes}
    staff_kinds = {c["kind"] for c in world.pull_all("sam")[0]}
    assert "referral" in staff_kinds


def test_changes_and_tombstones_reach_other_devices(world: World) -> None:
    a = world.cases["a"]
    _, cursor = world.pull_all("bob")
    note = new_note(a, a.victim_file, "Agreed a date for the conference.", world.users["alice"])
    world.push("alice", note)
    world.push(
        "alice",
        {"kind": "contact", "record_id": a.joint_contact, "op": "delete", "base_version": 1},
    )
    changes, _ = world.pull_all("bob", cursor)
    by_id = {c["id"]: c for c in changes}
    assert by_id[note["record_id"]]["fields"]["body"] == "Agreed a date for the conference."
    assert by_id[a.joint_contact]["deleted"] is True
    assert by_id[a.joint_contact]["fields"] == {}


def test_deallocation_sends_scope_exit_and_new_allocation_sends_the_case(world: World) -> None:
    a, b = world.cases["a"], world.cases["b"]
    _, cursor = world.pull_all("carol")
    with world.store.unit() as s:
        casework.deallocate(s, world.users["carol"], b.case)
        casework.allocate(s, casework.AllocationSpec(world.users["carol"], a.case))
    changes, _ = world.pull_all("carol", cursor)
    exits = [c for c in changes if c["type"] == "scope_exit"]
    assert exits == [
        {"type": "scope_exit", "seq": exits[0]["seq"], "case_id": b.case, "reason": "deallocated"}
    ]
    assert {a.case, a.offender_note, a.victim_note} <= _ids(changes)
    assert b.case not in _ids(changes)


def test_cursor_behind_the_tombstone_window_or_ahead_of_the_store_needs_resync(
    world: World,
) -> None:
    headers = world.devices["alice"].headers
    _, cursor = world.pull_all("alice")
    ahead = world.client.get("/v1/sync/pull", params={"cursor": cursor + 1000}, headers=headers)
    assert ahead.json()["resync_required"] is True
    with world.store.unit() as s:
        counters.set_value(s, counters.TOMBSTONE_FLOOR, cursor)
    behind = world.client.get("/v1/sync/pull", params={"cursor": cursor - 1}, headers=headers)
    assert behind.json()["resync_required"] is True
    assert behind.json()["changes"] == []
    full = world.client.get("/v1/sync/pull", params={"cursor": 0}, headers=headers)
    assert full.json()["resync_required"] is False
    assert full.json()["changes"]


def test_digest_matches_what_the_device_computes_from_its_pull(world: World) -> None:
    a = world.cases["a"]
    for name in ("alice", "bob"):
        changes, _ = world.pull_all(name)
        live = [
            (c["kind"], c["id"], c["version"])
            for c in changes
            if c["type"] == "record" and not c["deleted"] and c["case_id"] == a.case
        ]
        expected = case_digest(a.case, live).model_dump()
        answer = world.client.get(
            "/v1/sync/digest", params={"case_id": a.case}, headers=world.devices[name].headers
        ).json()
        assert answer["cases"] == [expected]
    alice_count = world.client.get(
        "/v1/sync/digest", params={"case_id": a.case}, headers=world.devices["alice"].headers
    ).json()["cases"][0]
    bob_count = world.client.get(
        "/v1/sync/digest", params={"case_id": a.case}, headers=world.devices["bob"].headers
    ).json()["cases"][0]
    assert alice_count["count"] > bob_count["count"]
    outside = world.client.get(
        "/v1/sync/digest",
        params={"case_id": world.cases["b"].case},
        headers=world.devices["alice"].headers,
    )
    assert outside.json()["cases"] == []


def test_case_list_and_record_reads_follow_allocation(world: World) -> None:
    a, b = world.cases["a"], world.cases["b"]
    listed = world.client.get("/v1/cases", headers=world.devices["bob"].headers).json()
    assert [c["case_id"] for c in listed] == [a.case]
    staff = world.client.get("/v1/cases", headers=world.devices["sam"].headers).json()
    assert {c["case_id"] for c in staff} == {a.case, b.case}
    own = world.client.get(f"/v1/records/{a.victim}", headers=world.devices["bob"].headers)
    assert own.json()["fields"]["family_name"] == "Quennell"
    other = world.client.get(f"/v1/records/{a.offender}", headers=world.devices["bob"].headers)
    assert other.status_code == 404
