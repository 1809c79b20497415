"""A laptop that kept the cases a held mass removal would take tells the store; the store
records it in the audit log and the office lists it. Volunteers cannot read the list."""

from __future__ import annotations

from tests.central.world import World


def test_a_kept_removal_is_recorded_and_listed_for_the_office(world: World) -> None:
    alice = world.devices["alice"]
    a, b = world.cases["a"].case, world.cases["b"].case
    body = {"case_ids": [a, b], "would_remove": 12, "local_total": 14}
    told = world.client.post("/v1/sync/held-removal", json=body, headers=alice.headers)
    assert told.status_code == 204, told.text
    assert world.client.get("/v1/office/held-removals", headers=alice.headers).status_code == 403
    listed = world.client.get("/v1/office/held-removals", headers=world.devices["sam"].headers)
    assert listed.status_code == 200, listed.text
    [notice] = listed.json()
    assert notice["user_id"] == world.users["alice"]
    assert notice["device_id"] == alice.device_id
    assert sorted(notice["case_ids"]) == sorted([a, b])
    assert notice["detail"].startswith("kept 12 of 14 records")


def test_a_malformed_report_is_refused_and_nothing_recorded(world: World) -> None:
    alice = world.devices["alice"]
    for body in (
        {"case_ids": ["not an id"], "would_remove": 1, "local_total": 2},
        {"case_ids": [], "would_remove": -1, "local_total": 2},
        {"case_ids": [], "would_remove": 1, "local_total": 2, "note": "extra"},
    ):
        answer = world.client.post("/v1/sync/held-removal", json=body, headers=alice.headers)
        assert answer.status_code == 422, body
    listed = world.client.get("/v1/office/held-removals", headers=world.devices["sam"].headers)
    assert listed.json() == []
