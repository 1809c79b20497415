"""What was on a laptop at its last contact: one answer (central/holdings.py) for the breach
summary, the DPO's laptop search and check-in's contents; a destroyed case leaves a laptop's
holdings once the laptop pulls its tombstones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from erms_desktop.central import casework, retention
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import ClosureReason
from tests.central.office import office
from tests.central.world import World


def _answers(world: World, name: str) -> list[list[dict[str, object]]]:
    device_id = world.devices[name].device_id
    world.add_user("dora", "admin")
    dpo = world.sign_in_office("dora")
    return [
        office(world, "GET", f"/laptops/{device_id}/breach-summary").json()["cases"],
        world.client.get(f"/v1/office/audit/laptops/{device_id}", headers=dpo.headers).json()[
            "cases"
        ],
        world.client.get(
            f"/v1/office/checkin/devices/{device_id}/contents",
            headers=world.devices["sam"].headers,
        ).json()["cases"],
    ]


def test_the_breach_summary_audit_search_and_check_in_give_one_answer(world: World) -> None:
    world.pull_all("bob")  # case A's victim file and its case-level records
    breach, audit_search, check_in = _answers(world, "bob")
    assert breach == audit_search == check_in
    a = world.cases["a"]
    assert [(c["case_id"], c["case_records"]) for c in breach] == [(a.case, True)]
    assert [f["party_file_id"] for f in breach[0]["party_files"]] == [a.victim_file]
    assert breach[0]["last_pulled"]


def test_a_destroyed_case_leaves_the_laptop_once_it_pulls_the_tombstones(world: World) -> None:
    a = world.cases["a"]
    _, cursor = world.pull_all("sam")
    with world.store.unit() as s:
        case = casework.load_entity(s, "case", a.case, Case)
        casework.save_entity(s, case.close(ClosureReason.COMPLETED, date.today()))
    with world.store.unit() as s:
        later = datetime.now(UTC) + timedelta(days=6 * 366 + 1)
        assert retention.run_retention(s, world.store.settings, now=later).cases_destroyed == 1
    device_id = world.devices["sam"].device_id
    before = office(world, "GET", f"/laptops/{device_id}/breach-summary").json()["cases"]
    assert a.case in {c["case_id"] for c in before}  # not yet pulled: still on the laptop
    world.pull_all("sam", cursor)
    after = office(world, "GET", f"/laptops/{device_id}/breach-summary").json()["cases"]
    assert a.case not in {c["case_id"] for c in after}
    assert {c["case_id"] for c in after} == {c["case_id"] for c in before} - {a.case}
