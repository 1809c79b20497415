"""The store re-checks separation on every pushed note, and bad input changes nothing."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from erms_desktop.central import casework
from erms_desktop.central.models import AuditEntry, Record
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.records import from_fields
from erms_desktop.protocol.messages import PROTOCOL_VERSION, SCHEMA_VERSION
from tests.central.world import VERSIONS, World, new_note


def _counts(world: World) -> tuple[int, int]:
    with world.store.unit() as s:
        records = s.scalar(select(func.count()).select_from(Record)) or 0
        # A refusal leaves its own "refused" entry (test_audit_gaps.py), nothing else.
        kept = AuditEntry.action != "refused"
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(kept)) or 0
    return int(records), int(audits)


def test_note_naming_the_other_party_is_rejected_with_the_reason(world: World) -> None:
    a = world.cases["a"]
    leaking = new_note(
        a, a.victim_file, "Harriet asked whether Desmond Okonkwo is sorry.", world.users["alice"]
    )
    clean = new_note(
        a, a.victim_file, "Harriet asked whether the other party is sorry.", world.users["alice"]
    )
    results = world.push("alice", leaking, clean).json()["results"]
    assert results[0]["status"] == "rejected"
    assert results[0]["reason"].startswith("separation:")
    assert "Okonkwo" not in results[0]["reason"]
    assert results[1]["status"] == "applied"
    with world.store.unit() as s:
        assert s.get(Record, leaking["record_id"]) is None


def test_a_name_the_other_party_gains_between_pushes_is_caught_in_the_next(world: World) -> None:
    """The store keeps the matchers it builds across pushes (central/separation_gate.py); one
    built before the offender gained an alias must not judge the notes pushed after."""
    a, alice = world.cases["a"], world.users["alice"]
    first = world.push("alice", new_note(a, a.victim_file, "Asked about Zebedee.", alice))
    assert first.json()["results"][0]["status"] == "applied"
    with world.store.unit() as s:
        row = s.get(Record, a.offender)
        assert row is not None
        offender = from_fields("participant", row.fields)
        assert isinstance(offender, Participant)
        casework.save_entity(s, dataclasses.replace(offender, aliases=("Zebedee",)))
    second = world.push("alice", new_note(a, a.victim_file, "Asked about Zebedee again.", alice))
    result = second.json()["results"][0]
    assert result["status"] == "rejected"
    assert result["reason"].startswith("separation:")


def test_editing_a_draft_into_a_violation_is_rejected(world: World) -> None:
    a = world.cases["a"]
    edit = {
        "kind": "note",
        "record_id": a.offender_note,
        "op": "update",
        "base_version": 1,
        "fields": {"body": "Spoke about Harriet Quennell, phone 07700 900123."},
    }
    result = world.push("alice", edit).json()["results"][0]
    assert result["status"] == "rejected"
    assert "separation" in result["reason"]


def test_malformed_json_wrong_types_and_unknown_fields_are_clear_4xx(world: World) -> None:
    headers = {**world.devices["alice"].headers, "content-type": "application/json"}
    before = _counts(world)
    a = world.cases["a"]
    good = {"device_seq": 1, **new_note(a, a.victim_file, "ok", world.users["alice"])}
    bodies = [
        b"{not json",
        b'{"mutations": "many"}',
        b'{"mutations": [{"device_seq": "one"}]}',
        b'{"mutations": []}',
        ('{"mutations": [' + str(good).replace("'", '"') + '], "extra": 1}').encode(),
        b'{"mutations": [{"device_seq": 1, "kind": "note", "record_id": "x", "op": "create",'
        b' "base_version": 0, "fields": {}, "surprise": true}]}',
        b"null",
    ]
    for body in bodies:
        answer = world.client.post("/v1/sync/push", content=body, headers=headers)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.json()["error"]["code"] == "validation_error"
        assert answer.json()["error"]["message"]
    assert _counts(world) == before


def test_oversized_body_is_refused_before_it_is_read(world: World) -> None:
    headers = {**world.devices["alice"].headers, "content-type": "application/json"}
    huge = b'{"mutations": [' + b" " * (world.store.settings.max_body_bytes + 1) + b"]}"
    answer = world.client.post("/v1/sync/push", content=huge, headers=headers)
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "too_large"


def test_an_app_of_protocol_1_is_still_served(world: World) -> None:
    """Protocol 2 only added the batched download: laptops not yet updated keep syncing."""
    headers = {**world.devices["alice"].headers, "ERMS-Protocol-Version": "1"}
    assert world.client.get("/v1/sync/pull", headers=headers).status_code == 200


def test_missing_or_incompatible_versions_are_told_to_upgrade(world: World) -> None:
    token = world.devices["alice"].headers["Authorization"]
    for headers in (
        {},
        {**VERSIONS, "ERMS-Protocol-Version": "99"},
        {**VERSIONS, "ERMS-Schema-Version": "0"},
        {**VERSIONS, "ERMS-Schema-Version": "1"},  # an app from before case types
        {**VERSIONS, "ERMS-Protocol-Version": "one"},
    ):
        answer = world.client.get("/v1/sync/pull", headers={**headers, "Authorization": token})
        assert answer.status_code == 426
        assert answer.json()["error"]["code"] == "upgrade_required"
        assert answer.json()["protocol_version"] == PROTOCOL_VERSION == 2
    health = world.client.get("/v1/health")
    assert health.json()["schema_version"] == SCHEMA_VERSION == 2


def test_bad_query_values_and_unknown_routes(world: World) -> None:
    headers = world.devices["alice"].headers
    for params in ({"cursor": -1}, {"cursor": "soon"}, {"limit": 0}, {"cursor": 2**70}):
        assert world.client.get("/v1/sync/pull", params=params, headers=headers).status_code == 422
    assert world.client.get("/v1/nowhere", headers=headers).status_code == 404
    assert world.client.delete("/v1/sync/pull", headers=headers).status_code == 405
    file_id = world.cases["a"].victim_file
    bad_sha = world.client.get(f"/v1/files/{file_id}/attachments/NOTAHASH", headers=headers)
    assert bad_sha.status_code == 422


@pytest.mark.parametrize("path", ["/v1/records/%00", "/v1/office/devices/%00/revoke"])
def test_ids_in_the_path_with_stray_bytes_are_refused(world: World, path: str) -> None:
    """A NUL in a path id used to reach PostgreSQL, which refuses it with a 500."""
    staff = world.devices["sam"].headers
    method = "POST" if path.endswith("revoke") else "GET"
    assert world.client.request(method, path, headers=staff).status_code == 422
