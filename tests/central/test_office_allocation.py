"""The office API's initial risk assessment, allocation, reallocation, deallocation and
caseloads, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from erms_desktop.central.models import Allocation, AuditEntry
from tests.central.office import accept, assess, files_of, office, open_assessed_case, take_in
from tests.central.world import World


def _holders(world: World, case_id: str) -> set[tuple[str, str | None]]:
    with world.store.unit() as s:
        rows = s.execute(
            select(Allocation.user_id, Allocation.party_file_id).where(
                Allocation.case_id == case_id
            )
        ).all()
    return {(user_id, file_id) for user_id, file_id in rows}


def _allocate(world: World, case_id: str, *names: str, party_file_id: str | None = None):  # type: ignore[no-untyped-def]
    body = {"user_ids": [world.users[n] for n in names], "party_file_id": party_file_id}
    return office(world, "POST", f"/cases/{case_id}/allocations", json=body)


def test_allocation_waits_for_an_initial_assessment_of_each_file(world: World) -> None:
    opened = accept(world, take_in(world))
    case_id, files = opened["case_id"], files_of(opened)
    refused = _allocate(world, case_id, "alice", party_file_id=files["victim"])
    assert refused.status_code == 422
    assert "initial risk assessment" in refused.json()["error"]["message"]
    assert assess(world, files["victim"]).status_code == 201
    assert _allocate(world, case_id, "alice", party_file_id=files["victim"]).status_code == 204
    whole = _allocate(world, case_id, "bob")  # the offender file is not assessed yet
    assert whole.status_code == 422
    assert files["offender"] in whole.json()["error"]["message"]
    assert _holders(world, case_id) == {(world.users["alice"], files["victim"])}


def test_an_assessment_saying_do_not_proceed_does_not_clear_allocation(world: World) -> None:
    opened = accept(world, take_in(world))
    victim_file = files_of(opened)["victim"]
    assert assess(world, victim_file, "do_not_proceed").status_code == 201
    answer = _allocate(world, opened["case_id"], "alice", party_file_id=victim_file)
    assert answer.status_code == 422
    assert _holders(world, opened["case_id"]) == set()


def test_each_file_to_its_own_volunteer_reaches_only_their_laptop(world: World) -> None:
    case_id, files = open_assessed_case(world)
    assert _allocate(world, case_id, "alice", party_file_id=files["victim"]).status_code == 204
    assert _allocate(world, case_id, "carol", party_file_id=files["offender"]).status_code == 204
    alice, _ = world.pull_all("alice")
    carol, _ = world.pull_all("carol")
    assert files["victim"] in {c.get("party_file_id") for c in alice}
    assert files["offender"] not in {c.get("party_file_id") for c in alice}
    assert files["offender"] in {c.get("party_file_id") for c in carol}
    assert files["victim"] not in {c.get("party_file_id") for c in carol}


def test_co_facilitation_is_at_most_two_and_only_volunteers(world: World) -> None:
    case_id, _ = open_assessed_case(world)
    assert _allocate(world, case_id, "alice", "bob").status_code == 204
    third = _allocate(world, case_id, "carol")
    assert third.status_code == 422
    assert "at most two" in third.json()["error"]["message"]
    other_id, _ = open_assessed_case(world)
    staff = _allocate(world, other_id, "sam")
    assert staff.status_code == 422
    assert "only volunteers" in staff.json()["error"]["message"]
    assert _holders(world, other_id) == set()


def test_reallocation_and_deallocation_carry_a_reason_into_the_audit(world: World) -> None:
    case_id, files = open_assessed_case(world)
    assert _allocate(world, case_id, "alice", party_file_id=files["victim"]).status_code == 204
    body = {
        "from_user_id": world.users["alice"],
        "to_user_id": world.users["carol"],
        "reason": "workload",
    }
    assert office(world, "POST", f"/cases/{case_id}/reallocate", json=body).status_code == 204
    assert _holders(world, case_id) == {(world.users["carol"], files["victim"])}
    out = {"user_id": world.users["carol"], "reason": "volunteer_left"}
    assert office(world, "POST", f"/cases/{case_id}/deallocate", json=out).status_code == 204
    assert _holders(world, case_id) == set()
    with world.store.unit() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "deallocate")).all()
    reasons = [e.target for e in entries if case_id in e.case_ids]
    assert any("workload" in t for t in reasons)
    assert any("volunteer_left" in t for t in reasons)
    assert {e.user_id for e in entries if case_id in e.case_ids} == {world.users["sam"]}
    again = office(world, "POST", f"/cases/{case_id}/deallocate", json=out)
    assert again.status_code == 404


def test_a_volunteer_s_caseload_lists_what_they_hold(world: World) -> None:
    case_id, files = open_assessed_case(world)
    assert _allocate(world, case_id, "bob", party_file_id=files["offender"]).status_code == 204
    load = office(world, "GET", f"/users/{world.users['bob']}/caseload").json()
    held = {(i["service_reference"], i["side"]) for i in load}
    assert held == {("RJ-A", "victim"), ("RJ-77", "offender")}
    assert office(world, "GET", f"/users/{world.users['sam']}/caseload").status_code == 422


def test_office_lists_cases_and_users(world: World) -> None:
    cases = office(world, "GET", "/cases").json()
    assert {c["service_reference"] for c in cases} >= {"RJ-A", "RJ-B"}
    users = {u["username"]: u for u in office(world, "GET", "/users").json()}
    assert users["alice"]["role"] == "volunteer"
    assert users["sam"]["devices"] == 1
    assert "password" not in str(users)


def test_a_cases_files_show_their_assessment_and_who_holds_them(world: World) -> None:
    """What the risk and allocation screens read: each file's side, its initial assessment,
    whether it is cleared, and its facilitators."""
    opened = accept(world, take_in(world))
    case_id, files = opened["case_id"], files_of(opened)
    before = office(world, "GET", f"/cases/{case_id}/files").json()
    assert [(f["side"], f["initial_outcome"], f["cleared"]) for f in before["files"]] == [
        ("offender", None, False),
        ("victim", None, False),
    ]
    assert assess(world, files["victim"]).status_code == 201
    alice = world.users["alice"]
    body = {"user_ids": [alice], "party_file_id": files["victim"]}
    assert office(world, "POST", f"/cases/{case_id}/allocations", json=body).status_code == 204
    after = office(world, "GET", f"/cases/{case_id}/files").json()
    victim = next(f for f in after["files"] if f["side"] == "victim")
    assert (victim["initial_outcome"], victim["cleared"]) == ("proceed", True)
    assert victim["facilitator_ids"] == [alice]
    assert after["case_facilitator_ids"] == []
    assert after["service_reference"] == "RJ-77"
    assert office(world, "GET", f"/cases/{case_id}/files", who="alice").status_code == 403
