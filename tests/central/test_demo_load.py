"""The store loads the synthetic demo dataset from domain entities (demo mode, seed-demo)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

from erms_desktop.central import audit, casework
from erms_desktop.central.api.deps import Database
from erms_desktop.central.cli import main
from erms_desktop.central.errors import AlreadyExistsError
from erms_desktop.central.models import ChangeLog, Record
from erms_desktop.demo.central_load import load_demo
from erms_desktop.demo.data import DEMO_VOLUNTEER_ID, generate_demo_data
from tests.central.world import VERSIONS, World

PASSWORD = "demo password 2026"


def test_demo_dataset_loads_and_volunteer_sees_only_allocated_cases(client: TestClient) -> None:
    store: Database = client.app.state.store  # type: ignore[attr-defined]
    dataset = generate_demo_data(case_count=4)
    with store.unit() as s:
        load_demo(s, store.settings, PASSWORD, dataset)
    with store.unit() as s:
        stored = s.scalar(select(func.count()).select_from(Record))
        assert stored == len(list(dataset.entities()))
        audit.verify(s)
    world = World(client, users={u.username: u.id for u in dataset.users})
    world.devices["demo.volunteer"] = world.enrol_with("demo.volunteer", PASSWORD)
    changes, _ = world.pull_all("demo.volunteer")
    seen_cases = {c["id"] for c in changes if c["kind"] == "case"}
    assert seen_cases == {case.id for case in dataset.cases_of(DEMO_VOLUNTEER_ID)}
    assert 0 < len(seen_cases) < len(dataset.cases)
    document = next(d for d in dataset.documents if d.sha256 in dataset.document_contents)
    staff = world.staff_laptop("demo.staff", PASSWORD)
    address = f"/v1/files/{document.party_file_id}/attachments/{document.sha256}"
    content = client.get(f"{address}/content", headers=staff.headers)
    assert content.content == dataset.document_contents[document.sha256]
    assert client.get("/v1/health", headers=VERSIONS).status_code == 200


def test_dataset_loads_in_bulk_numbered_parents_first(client: TestClient) -> None:
    """A few statements for the whole dataset (not several per record), every record numbered
    in load order with its change-log row, and a second load refused with nothing changed."""
    store: Database = client.app.state.store  # type: ignore[attr-defined]
    dataset = generate_demo_data(case_count=4)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.unit() as s:
            loaded = casework.load_dataset(s, dataset.entities())
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert loaded == len(list(dataset.entities()))
    assert len(statements) < 20, len(statements)  # 268 when loaded record by record
    with store.unit() as s:
        records = s.execute(select(Record.id, Record.case_id, Record.seq)).all()
        logged = s.execute(select(ChangeLog.seq, ChangeLog.record_id)).all()
    seq = {record.id: record.seq for record in records}
    assert sorted(seq.values()) == list(range(1, loaded + 1))
    assert {(seq[record_id], record_id) for record_id in seq} == set(logged)
    assert all(seq[r.case_id] <= r.seq for r in records if r.case_id is not None)
    with pytest.raises(AlreadyExistsError), store.unit() as s:
        casework.load_dataset(s, dataset.entities())
    with store.unit() as s:
        assert s.scalar(select(func.count()).select_from(Record)) == loaded
        assert s.scalar(select(func.max(ChangeLog.seq))) == loaded


def test_seed_demo_command(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["seed-demo", "--db", sqlite_url]) == 0
    assert "demo.volunteer" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["seed-demo", "--db", sqlite_url, "--as", "demo.staff"]) == 1
    assert "already exists" in capsys.readouterr().err
