"""The store loads the synthetic demo dataset from domain entities (demo mode, seed-demo)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from erms_desktop.central import audit
from erms_desktop.central.api.deps import Database
from erms_desktop.central.cli import main
from erms_desktop.central.models import Record
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
    staff = world.enrol_with("demo.staff", PASSWORD)
    address = f"/v1/files/{document.party_file_id}/attachments/{document.sha256}"
    content = client.get(f"{address}/content", headers=staff.headers)
    assert content.content == dataset.document_contents[document.sha256]
    assert client.get("/v1/health", headers=VERSIONS).status_code == 200


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
