"""People and laptops through the office API: accounts with temporary passwords, leavers,
hours and mileage, issuing a laptop with the terms accepted, its app version, and revoking it
with the breach summary of what it pulled."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from erms_desktop.central import casework
from erms_desktop.central.models import AuditEntry, EnrolmentCode
from erms_desktop.domain import TimeEntry
from erms_desktop.protocol.office_people import LAPTOP_TERMS_VERSION
from tests.central.office import office
from tests.central.world import VERSIONS, World


def _issue(world: World, user: str, asset_tag: str = "LAP-101", **changes: Any) -> Any:
    body = {
        "asset_tag": asset_tag,
        "user_id": world.users[user],
        "terms_version": LAPTOP_TERMS_VERSION,
        "terms_accepted": True,
        **changes,
    }
    return office(world, "POST", "/laptops", json=body).json()


def test_a_new_volunteer_signs_in_with_the_temporary_password_and_must_change_it(
    world: World,
) -> None:
    made = office(world, "POST", "/people", json={"username": "dora", "role": "volunteer"})
    assert made.status_code == 201, made.text
    temporary = made.json()["temporary_password"]
    world.users["dora"] = made.json()["user_id"]
    slip = _issue(world, "dora")
    enrolled = world.client.post(
        "/v1/enrol",
        json={
            "code": slip["code"],
            "username": "dora",
            "password": temporary,
            "device_name": "laptop",
            "app_version": "9.8.7",
        },
        headers=VERSIONS,
    )
    assert enrolled.status_code == 200, enrolled.text
    signed = world.client.post(
        "/v1/sign-in",
        json={
            "device_id": enrolled.json()["device_id"],
            "device_secret": enrolled.json()["device_secret"],
            "username": "dora",
            "password": temporary,
        },
        headers=VERSIONS,
    )
    assert signed.json()["password_change_required"] is True
    again = office(world, "POST", f"/people/{world.users['dora']}/reset-password")
    assert again.status_code == 200
    assert again.json()["temporary_password"] != temporary
    listed = {laptop["asset_tag"]: laptop for laptop in office(world, "GET", "/laptops").json()}
    assert listed["LAP-101"]["app_version"] == "9.8.7"
    assert listed["LAP-101"]["username"] == "dora"


def test_staff_manage_volunteers_and_only_administrators_manage_staff(world: World) -> None:
    refused = office(world, "POST", "/people", json={"username": "stan", "role": "staff"})
    assert refused.status_code == 403
    world.add_user("ada", "admin")
    world.devices["ada"] = world.sign_in_office("ada")
    made = office(world, "POST", "/people", "ada", json={"username": "stan", "role": "staff"})
    assert made.status_code == 201, made.text
    stan = made.json()["user_id"]
    assert office(world, "POST", f"/people/{stan}/disable").status_code == 403
    assert office(world, "POST", f"/people/{stan}/reset-password").status_code == 403
    taken = office(world, "POST", "/people", json={"username": "alice", "role": "volunteer"})
    assert taken.status_code == 409


def test_a_leaver_is_cut_off_at_once_with_their_allocations_listed(world: World) -> None:
    alice = world.users["alice"]
    answer = office(world, "POST", f"/people/{alice}/disable")
    assert answer.status_code == 200, answer.text
    leaver = answer.json()
    assert leaver["laptops_revoked"] == [world.devices["alice"].device_id]
    assert leaver["sessions_ended"] >= 1
    assert [(a["service_reference"], a["party_file_id"]) for a in leaver["allocations"]] == [
        ("RJ-A", None)
    ]
    pulled = world.client.get("/v1/sync/pull", headers=world.devices["alice"].headers)
    assert pulled.status_code == 401
    again = world.sign_in_answer("alice")
    assert again.status_code == 403
    assert again.json()["error"]["wipe"] is True
    people = {p["username"]: p for p in office(world, "GET", "/users").json()}
    assert people["alice"]["disabled"] is True
    laptops = {p["username"]: p for p in office(world, "GET", "/laptops").json()}
    assert laptops["alice"]["pending_check_in"] is True
    assert _issue(world, "alice")["error"]["code"] == "validation_error"
    with world.store.unit() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.user_id == world.users["sam"])
        ).all()
    assert {"disable_user", "revoke_device"} <= set(actions)


def test_hours_and_mileage_by_month(world: World) -> None:
    alice, case_id = world.users["alice"], world.cases["a"].case
    with world.store.unit() as s:
        for worked_on, minutes, miles in (
            (date(2026, 3, 2), 90, 12.5),
            (date(2026, 3, 20), 30, 0.0),
            (date(2026, 4, 1), 60, 4.2),
        ):
            entry = TimeEntry(
                id=str(uuid.uuid4()),
                case_id=case_id,
                volunteer_id=alice,
                worked_on=worked_on,
                activity="Home visit",
                minutes=minutes,
                miles=miles,
            )
            casework.save_entity(s, entry)
    months = office(world, "GET", f"/people/{alice}/time").json()
    assert months == [
        {"month": "2026-04", "entries": 1, "minutes": 60, "miles": 4.2},
        {"month": "2026-03", "entries": 2, "minutes": 120, "miles": 12.5},
    ]
    assert office(world, "GET", f"/people/{world.users['bob']}/time").json() == []


def test_issuing_records_the_terms_and_refuses_old_terms(world: World) -> None:
    slip = _issue(world, "bob", "LAP-202")
    assert slip["terms_version"] == LAPTOP_TERMS_VERSION
    assert len(slip["code"]) == 14
    with world.store.unit() as s:
        row = s.scalars(select(EnrolmentCode).where(EnrolmentCode.asset_tag == "LAP-202")).one()
        assert row.issued_by == world.users["sam"]
        assert row.terms_accepted_at is not None
    stale = _issue(world, "bob", "LAP-203", terms_version="2001-01")
    assert stale["error"]["code"] == "validation_error"
    not_accepted = _issue(world, "bob", "LAP-204", terms_accepted=False)
    assert not_accepted["error"]["code"] == "validation_error"
    to_staff = _issue(world, "sam", "LAP-205")
    assert to_staff["error"]["code"] == "validation_error"
    waiting = [p for p in office(world, "GET", "/laptops").json() if p["device_id"] is None]
    assert [p["asset_tag"] for p in waiting] == ["LAP-202"]


def test_revoking_gives_the_breach_summary_of_what_the_laptop_pulled(world: World) -> None:
    bob = world.devices["bob"]
    world.pull_all("bob")  # Bob holds case A's victim file and its case-level records
    answer = office(world, "POST", f"/laptops/{bob.device_id}/revoke")
    assert answer.status_code == 200, answer.text
    summary = answer.json()
    a = world.cases["a"]
    assert summary["already_revoked"] is False
    assert [
        (c["service_reference"], c["case_records"], [f["side"] for f in c["party_files"]])
        for c in summary["cases"]
    ] == [("RJ-A", True, ["victim"])]
    assert a.offender_file not in answer.text
    assert world.sign_in_answer("bob").json()["error"]["wipe"] is True
    again = office(world, "POST", f"/laptops/{bob.device_id}/revoke").json()
    assert again["already_revoked"] is True
    assert again["cases"] == summary["cases"]
    with world.store.unit() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "breach_summary")).first()
        assert entry is not None
        assert entry.user_id == world.users["sam"]
        assert entry.case_ids == a.case


def test_a_laptop_told_to_remove_a_case_no_longer_holds_it(world: World) -> None:
    carol = world.users["carol"]
    world.pull_all("carol")
    b = world.cases["b"]
    with world.store.unit() as s:
        casework.deallocate(s, carol, b.case)
    world.pull_all("carol")
    summary = office(world, "GET", f"/laptops/{world.devices['carol'].device_id}/breach-summary")
    assert summary.json()["cases"] == []
