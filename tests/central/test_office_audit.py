"""Every office call, read or change, leaves an audit entry naming the staff member and their
device, and none of the entries carries a name from the referral."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import func, select

from erms_desktop.central.models import AuditEntry
from erms_desktop.protocol.office_people import LAPTOP_TERMS_VERSION
from tests.central.office import accept, assess, files_of, office, take_in
from tests.central.world import World


def _head(world: World) -> int:
    with world.store.unit() as s:
        return int(s.scalar(select(func.max(AuditEntry.position))) or 0)


def test_each_office_call_is_audited_with_the_staff_member(world: World) -> None:
    sam, alice, carol = (world.users[n] for n in ("sam", "alice", "carol"))
    referral_id = take_in(world)
    opened = accept(world, referral_id)
    case_id, files = opened["case_id"], files_of(opened)
    doomed = take_in(world)
    calls: list[Callable[[], httpx.Response]] = [
        lambda: office(world, "GET", "/referrals"),
        lambda: office(world, "GET", f"/referrals/{referral_id}"),
        lambda: assess(world, files["victim"]),
        lambda: assess(world, files["offender"]),
        lambda: office(world, "POST", f"/cases/{case_id}/allocations", json={"user_ids": [alice]}),
        lambda: office(world, "GET", f"/users/{alice}/caseload"),
        lambda: office(
            world,
            "POST",
            f"/cases/{case_id}/reallocate",
            json={"from_user_id": alice, "to_user_id": carol, "reason": "workload"},
        ),
        lambda: office(
            world,
            "POST",
            f"/cases/{case_id}/deallocate",
            json={"user_id": carol, "reason": "other"},
        ),
        lambda: office(world, "GET", "/cases"),
        lambda: office(world, "GET", "/users"),
        lambda: office(world, "GET", "/devices"),
        lambda: office(world, "POST", f"/referrals/{doomed}/reject", json={"reason": "other"}),
        *_people_and_laptop_calls(world),
    ]
    for call in calls:
        before = _head(world)
        answer = call()
        assert answer.status_code < 300, answer.text
        with world.store.unit() as s:
            added = s.scalars(select(AuditEntry).where(AuditEntry.position > before)).all()
        assert added, answer.request.url
        assert {(e.user_id, e.device_id) for e in added} == {(sam, world.devices["sam"].device_id)}
        assert not [e for e in added if "Ravensworth" in e.target or "Imelda" in e.target]


def _people_and_laptop_calls(world: World) -> list[Callable[[], httpx.Response]]:
    alice, bob = world.users["alice"], world.users["bob"]
    laptop = world.devices["bob"].device_id
    issue = {
        "asset_tag": "LAP-AUDIT",
        "user_id": alice,
        "terms_version": LAPTOP_TERMS_VERSION,
        "terms_accepted": True,
    }
    return [
        lambda: office(world, "POST", "/people", json={"username": "vic", "role": "volunteer"}),
        lambda: office(world, "POST", f"/people/{bob}/reset-password"),
        lambda: office(world, "GET", f"/people/{alice}/time"),
        lambda: office(world, "POST", "/laptops", json=issue),
        lambda: office(world, "GET", "/laptops"),
        lambda: office(world, "GET", f"/laptops/{laptop}/breach-summary"),
        lambda: office(world, "POST", f"/laptops/{laptop}/revoke"),
        lambda: office(world, "POST", f"/people/{alice}/disable"),
    ]
