"""Audit search from the office API and the command line: who read or changed a case or a
person's record, what a user or a device did in a period, what a laptop held at its last
contact (the lost-laptop answer); CSV and PDF exports; administrators only; every search
itself audited."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from erms_desktop.central import casework
from erms_desktop.central.models import AuditEntry
from tests.central.test_cli import run  # noqa: F401 - the command-line fixture
from tests.central.test_report_pdf import pdf_text
from tests.central.world import Device, World, new_note


@pytest.fixture
def dpo(world: World) -> Device:
    world.add_user("dora", "admin")
    return world.sign_in_office("dora")


def _search(world: World, dpo: Device, **body: object) -> dict:  # type: ignore[type-arg]
    answer = world.client.post("/v1/office/audit/search", json=body, headers=dpo.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _last_entry(world: World) -> AuditEntry:
    with world.store.unit() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.position.desc()).limit(1)).one()
        s.expunge(entry)
        return entry


def test_who_read_or_changed_a_case_and_a_persons_record(world: World, dpo: Device) -> None:
    a = world.cases["a"]
    world.pull_all("alice")
    note = new_note(a, a.victim_file, "Rang about the visit.", world.users["alice"])
    pushed = world.push("alice", note)
    assert pushed.status_code == 200, pushed.text
    result = _search(world, dpo, kind="case", subject=a.case)
    actions = {(r["username"], r["action"]) for r in result["rows"]}
    assert ("alice", "pull") in actions
    assert ("alice", "created note") in actions
    assert result["searched_by"] == "dora"
    assert _last_entry(world).action == "audit_search"
    assert a.case in _last_entry(world).case_ids
    person = _search(world, dpo, kind="record", subject=a.victim)
    assert ("alice", "pull") in {(r["username"], r["action"]) for r in person["rows"]}
    assert any(r["action"] == "created participant" for r in person["rows"])


def test_everything_a_user_or_device_did_in_a_period(world: World, dpo: Device) -> None:
    world.pull_all("carol")
    today = datetime.now(UTC).date()
    by_user = _search(world, dpo, kind="user", subject="carol", start=str(today), end=str(today))
    assert {r["action"] for r in by_user["rows"]} >= {"pull"}
    assert all(r["username"] == "carol" for r in by_user["rows"])
    logged = _last_entry(world)
    assert logged.target.startswith(f"user {world.users['carol']}, ")  # ids, never names
    assert "carol" not in logged.target
    assert _search(world, dpo, kind="case", subject="%")["rows"] == []  # no wildcards
    earlier = str(today - timedelta(days=3))
    none = _search(world, dpo, kind="user", subject="carol", start=earlier, end=earlier)
    assert none["rows"] == []
    device = world.devices["carol"].device_id
    by_device = _search(world, dpo, kind="device", subject=device)
    assert {r["action"] for r in by_device["rows"]} >= {"pull", "sign_in"}
    unknown = world.client.post(
        "/v1/office/audit/search", json={"kind": "user", "subject": "nobody"}, headers=dpo.headers
    )
    assert unknown.status_code == 404
    backwards = world.client.post(
        "/v1/office/audit/search",
        json={"kind": "user", "subject": "carol", "start": str(today), "end": earlier},
        headers=dpo.headers,
    )
    assert backwards.status_code == 422
    assert "ends before it starts" in backwards.text


def test_laptop_contents_at_last_contact(world: World, dpo: Device) -> None:
    a, b = world.cases["a"], world.cases["b"]
    world.pull_all("bob")  # bob holds case A's victim file only
    world.pull_all("carol")  # carol holds case B
    with world.store.unit() as s:
        casework.deallocate(s, world.users["carol"], b.case)
    carol_device = world.devices["carol"].device_id
    # Carol's laptop has not pulled since: case B is still on it.
    held = world.client.get(f"/v1/office/audit/laptops/{carol_device}", headers=dpo.headers)
    assert held.status_code == 200, held.text
    assert [c["case_id"] for c in held.json()["cases"]] == [b.case]
    assert held.json()["cases"][0]["service_reference"] == "RJ-B"
    world.pull_all("carol")  # the scope exit reaches the laptop
    after = world.client.get(f"/v1/office/audit/laptops/{carol_device}", headers=dpo.headers)
    assert after.json()["cases"] == []
    bob = world.client.get(
        f"/v1/office/audit/laptops/{world.devices['bob'].device_id}", headers=dpo.headers
    ).json()
    assert [
        (c["case_id"], [f["party_file_id"] for f in c["party_files"]]) for c in bob["cases"]
    ] == [(a.case, [a.victim_file])]
    assert _last_entry(world).action == "audit_laptop_contents"
    pdf = world.client.get(
        f"/v1/office/audit/laptops/{world.devices['bob'].device_id}/pdf", headers=dpo.headers
    )
    assert pdf.headers["content-type"] == "application/pdf"
    assert "RJ-A" in pdf_text(pdf.content)
    assert _last_entry(world).action == "audit_laptop_contents"


def test_exports_and_refusals(world: World, dpo: Device) -> None:
    a = world.cases["a"]
    body = {"kind": "case", "subject": a.case}
    exported = world.client.post("/v1/office/audit/search/csv", json=body, headers=dpo.headers)
    assert exported.status_code == 200
    lines = list(csv.reader(io.StringIO(exported.text)))
    assert lines[0] == ["search", f"who read or changed case {a.case}"]
    assert ["at", "user", "device", "action", "detail", "cases"] in lines
    pdf = world.client.post("/v1/office/audit/search/pdf", json=body, headers=dpo.headers)
    assert "Audit search" in pdf_text(pdf.content)
    with world.store.unit() as s:
        searches = s.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "audit_search")
        ).all()
    assert len(searches) == 2
    for name in ("sam", "alice"):  # staff and volunteers may not search the audit log
        refused = world.client.post(
            "/v1/office/audit/search", json=body, headers=world.devices[name].headers
        )
        assert refused.status_code == 403


def test_command_line_audit_search(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert run("create-user", "dora", "--role", "admin", stdin="a long password 2\n")[0] == 0
    staff = ("create-user", "stan", "--role", "staff", "--as", "dora")
    assert run(*staff, stdin="a long password 3\n")[0] == 0
    code, out, err = run("audit-search", "--user", "dora", "--as", "dora")
    assert code == 0, err
    assert "create_user" in out
    assert out.splitlines()[0].startswith("search,everything user dora did")
    target = tmp_path / "search.pdf"
    code, out, _ = run("audit-search", "--user", "dora", "--pdf", str(target), "--as", "dora")
    assert code == 0
    assert "audit_search" in pdf_text(target.read_bytes())  # the first search is in the log
    code, _, err = run("audit-search", "--user", "dora", "--from", "31/02/2026", "--as", "dora")
    assert code == 1
    code, _, err = run("audit-search", "--user", "dora")
    assert code == 1
    assert "--as" in err
