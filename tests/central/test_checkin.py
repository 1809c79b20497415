"""The store's side of checking a returned laptop in, over HTTP (SQLite and PostgreSQL): start
and resume, the device session for the final sync, the hand-over package kept opaque and listed
per case, each item applied through the push's validation or discarded, the device retired and
the receipt stored and audited; every step repeatable."""

from __future__ import annotations

import base64
import uuid
from typing import Any

from sqlalchemy import select

from erms_desktop.central.models import AuditEntry
from tests.central.world import VERSIONS, World, new_note


def _url(world: World, name: str, tail: str = "") -> str:
    return f"/v1/office/checkin/devices/{world.devices[name].device_id}{tail}"


def _staff(world: World) -> dict[str, str]:
    return world.devices["sam"].headers


def _package(world: World, note: dict[str, Any]) -> dict[str, Any]:
    return {
        "package_id": str(uuid.uuid4()),
        "label": world.devices["alice"].device_id,
        "blob": base64.b64encode(b"opaque ciphertext").decode(),
        "items": [
            {
                "item_id": f"draft:{note['record_id']}",
                "case_id": world.cases["a"].case,
                "kind": "draft",
                "record_kind": "note",
                "record_id": note["record_id"],
            }
        ],
    }


def _start(world: World) -> dict[str, Any]:
    answer = world.client.post(_url(world, "alice"), headers=_staff(world))
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_a_volunteer_cannot_check_a_laptop_in(world: World) -> None:
    answer = world.client.post(_url(world, "alice"), headers=world.devices["bob"].headers)
    assert answer.status_code == 403


def test_a_check_in_from_start_to_receipt(world: World) -> None:
    started = _start(world)
    assert started["step"] == "open"
    assert started["volunteer"] == "alice"
    assert _start(world)["started_at"] == started["started_at"]  # resumed, not restarted

    wrong = world.client.post(
        _url(world, "alice", "/device-session"),
        json={"device_secret": "not it"},
        headers=_staff(world),
    )
    assert wrong.status_code == 422
    session = world.client.post(
        _url(world, "alice", "/device-session"),
        json={"device_secret": world.devices["alice"].secret},
        headers=_staff(world),
    )
    assert session.status_code == 200
    laptop = {**VERSIONS, "Authorization": f"Bearer {session.json()['token']}"}
    pulled = world.client.get("/v1/sync/pull", headers=laptop)
    assert pulled.status_code == 200

    store_digest = world.client.post(
        _url(world, "alice", "/digest"), json={"handed_over": []}, headers=_staff(world)
    )
    cases = store_digest.json()["cases"]
    assert [c["case_id"] for c in cases] == [world.cases["a"].case]

    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Left unfinished on the laptop.", world.users["alice"])
    package = _package(world, note)
    for _ in range(2):  # a repeated upload is answered as before
        uploaded = world.client.post(
            _url(world, "alice", "/handover"), json=package, headers=_staff(world)
        )
        assert uploaded.status_code == 200, uploaded.text
        assert uploaded.json()["packages"] == [package["package_id"]]

    checks = [{"case_id": c["case_id"], "digest": c["digest"], "matched": True} for c in cases]
    request = {"cases": checks, "items_handed_over": 1}
    receipt = world.client.post(
        _url(world, "alice", "/accounted"), json=request, headers=_staff(world)
    ).json()
    assert receipt["asset_tag"] == "LAP-alice"
    assert receipt["staff"] == "sam"
    assert receipt["local_data_destroyed"] is False
    again = world.client.post(
        _url(world, "alice", "/accounted"), json=request, headers=_staff(world)
    )
    assert again.json() == receipt
    # Retired: the device's sessions end, and it cannot sign in again.
    assert world.client.get("/v1/sync/pull", headers=laptop).status_code in {401, 410}
    assert world.client.get(
        "/v1/sync/pull", headers=world.devices["alice"].headers
    ).status_code in {
        401,
        410,
    }

    method = {"destruction_method": "crypto-shred: keyring entry and wrapped keys, then files"}
    done = world.client.post(_url(world, "alice", "/complete"), json=method, headers=_staff(world))
    assert done.json()["local_data_destroyed"] is True
    shown = world.client.get(_url(world, "alice", "/receipt"), headers=_staff(world)).json()
    assert shown == done.json()
    with world.store.unit() as s:
        actions = set(s.scalars(select(AuditEntry.action)))
    assert {"checkin_start", "checkin_accounted", "checkin_complete", "handover_upload"} <= actions


def test_nothing_may_be_wiped_before_everything_is_accounted_for(world: World) -> None:
    _start(world)
    method = {"destruction_method": "crypto-shred"}
    early = world.client.post(_url(world, "alice", "/complete"), json=method, headers=_staff(world))
    assert early.status_code == 422
    mismatch = {
        "cases": [{"case_id": world.cases["a"].case, "digest": "0" * 64, "matched": False}],
        "items_handed_over": 0,
    }
    refused = world.client.post(
        _url(world, "alice", "/accounted"), json=mismatch, headers=_staff(world)
    )
    assert refused.status_code == 422
    assert (
        world.client.get("/v1/sync/pull", headers=world.devices["alice"].headers).status_code == 200
    )


def test_handed_over_items_are_listed_per_case_then_applied_or_discarded(world: World) -> None:
    _start(world)
    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Called the victim back.", world.users["alice"])
    package = _package(world, note)
    package["items"].append(
        {"item_id": "refused:7", "case_id": a.case, "kind": "refused", "record_kind": "note"}
    )
    world.client.post(_url(world, "alice", "/handover"), json=package, headers=_staff(world))
    listed = world.client.get(
        "/v1/office/checkin/handovers", params={"case_id": a.case}, headers=_staff(world)
    ).json()
    assert [(e["item_id"], e["state"]) for e in listed] == [
        (f"draft:{note['record_id']}", "waiting"),
        ("refused:7", "waiting"),
    ]
    blob = world.client.get(
        f"/v1/office/checkin/handovers/{package['package_id']}", headers=_staff(world)
    ).json()
    assert base64.b64decode(blob["blob"]) == b"opaque ciphertext"

    base = f"/v1/office/checkin/handovers/{package['package_id']}/items"
    other = new_note(a, a.victim_file, "Not the handed-over record.", world.users["alice"])
    wrong_record = world.client.post(
        f"{base}/draft:{note['record_id']}/apply",
        json={"mutation": {**other, "device_seq": 1}},
        headers=_staff(world),
    )
    assert wrong_record.status_code == 422
    bad = {**note, "device_seq": 1, "fields": {**note["fields"], "author_id": world.users["bob"]}}
    refused = world.client.post(
        f"{base}/draft:{note['record_id']}/apply", json={"mutation": bad}, headers=_staff(world)
    ).json()
    assert refused["result"]["status"] == "rejected"
    assert refused["entry"]["state"] == "waiting"
    applied = world.client.post(
        f"{base}/draft:{note['record_id']}/apply",
        json={"mutation": {**note, "device_seq": 1}},
        headers=_staff(world),
    ).json()
    assert applied["result"]["status"] == "applied", applied
    assert applied["entry"]["state"] == "applied"
    discarded = world.client.post(f"{base}/refused:7/discard", headers=_staff(world)).json()
    assert discarded["entry"]["state"] == "discarded"
    assert discarded["entry"]["decided_by"] == world.users["sam"]
    changes, _ = world.pull_all("alice")
    assert note["record_id"] in {c.get("id") for c in changes}


def test_what_was_on_a_returned_or_a_lost_laptop(world: World) -> None:
    world.pull_all("alice")
    world.pull_all("bob")
    world.client.post(
        f"/v1/office/devices/{world.devices['bob'].device_id}/revoke", headers=_staff(world)
    )
    _start(world)
    for name, files in (("alice", 2), ("bob", 1)):
        answer = world.client.get(_url(world, name, "/contents"), headers=_staff(world))
        body = answer.json()
        assert [c["case_id"] for c in body["cases"]] == [world.cases["a"].case], body
        assert len(body["cases"][0]["party_files"]) == files
