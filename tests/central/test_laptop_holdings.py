"""What was on a laptop at its last contact: one answer (central/holdings.py) for the breach
summary, the DPO's laptop search and check-in's contents; a destroyed case leaves a laptop's
holdings once the laptop pulls its tombstones."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from erms_desktop.central import casework, holdings, retention
from erms_desktop.central.models import DeviceHolding
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import ClosureReason
from erms_desktop.protocol.messages import Change, RecordChange, ScopeExit, ScopeExitReason
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


def _change(kind: str, case_id: str, file_id: str | None, *, deleted: bool = False) -> RecordChange:
    record_id = case_id if kind == "case" else file_id if kind == "party_file" else "r"
    return RecordChange(
        seq=1,
        kind=kind,
        id=record_id or "r",
        case_id=case_id,
        party_file_id=file_id,
        version=1,
        deleted=deleted,
        fields={},
    )


def test_a_page_adds_touches_and_drops_in_its_own_order(world: World) -> None:
    """One page may bring a file, remove it and bring it back, or drop a whole case and then
    bring one of its files again: what the laptop holds afterwards follows the page's order."""
    device_id = world.devices["sam"].device_id

    def held() -> dict[tuple[str, str], datetime]:
        with world.store.unit() as s:
            rows = s.scalars(select(DeviceHolding).where(DeviceHolding.device_id == device_id))
            return {(h.case_id, h.party_file_id): h.pulled_at for h in rows}

    def pull(*page: Change) -> None:
        with world.store.unit() as s:
            holdings.note_pulled(s, device_id, page)

    pull(_change("note", "c1", "f1"), _change("contact", "c1", None), _change("note", "c2", "f2"))
    first = held()
    assert set(first) == {("c1", "f1"), ("c1", ""), ("c2", "f2")}
    time.sleep(0.01)
    pull(
        _change("note", "c1", "f1"),  # pulled again: its time moves on
        _change("party_file", "c2", "f2", deleted=True),
        _change("note", "c2", "f3", deleted=True),  # a tombstone brings nothing
        ScopeExit(seq=2, case_id="c1", reason=ScopeExitReason.DEALLOCATED),
        _change("note", "c1", "f4"),  # allocated back within the same page
        _change("note", "c3", "f5"),
        _change("party_file", "c3", "f5", deleted=True),  # brought and removed in one page
    )
    second = held()
    assert set(second) == {("c1", "f4")}
    time.sleep(0.01)
    pull(_change("note", "c1", "f4"))
    assert held()[("c1", "f4")] > second[("c1", "f4")] > first[("c1", "f1")]
