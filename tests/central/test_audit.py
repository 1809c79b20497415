"""The audit log: every read and write of case data is recorded; the chain detects tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from erms_desktop.central import audit
from erms_desktop.central.errors import AuditChainError
from erms_desktop.central.models import AuditEntry
from tests.central.world import World, drop_audit_guards, new_note


def _entries(world: World) -> list[AuditEntry]:
    with world.store.unit() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.position)))


def test_reads_and_writes_of_case_data_are_audited_with_who_and_device(world: World) -> None:
    a = world.cases["a"]
    device = world.devices["bob"]
    world.pull_all("bob")
    world.client.get(f"/v1/records/{a.victim_note}", headers=device.headers)
    note = new_note(a, a.victim_file, "Called back about the meeting.", world.users["bob"])
    world.push("bob", note)
    entries = [e for e in _entries(world) if e.device_id == device.device_id]
    actions = [e.action for e in entries]
    assert "pull" in actions
    assert "read_record" in actions
    read = next(e for e in entries if e.action == "read_record")
    assert read.user_id == world.users["bob"]
    assert read.case_ids == a.case
    assert read.at is not None
    pushed = next(e for e in entries if e.action == "push")
    assert f"note:{note['record_id']}:applied" in pushed.target
    assert pushed.case_ids == a.case
    total = len(_entries(world))
    with world.store.unit() as s:
        assert audit.verify(s) == total


def test_the_database_refuses_to_change_audit_rows(world: World) -> None:
    with pytest.raises(DBAPIError), world.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET action = 'nothing' WHERE position = 1"))
    with pytest.raises(DBAPIError), world.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE position = 1"))


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_log SET action = 'looked away' WHERE position = 3",
        "UPDATE audit_log SET user_id = 'someone-else' WHERE position = 2",
        "UPDATE audit_log SET case_ids = 'x' "
        "WHERE position = (SELECT MAX(position) FROM audit_log)",
        "DELETE FROM audit_log WHERE position = 4",
        "DELETE FROM audit_log WHERE position = (SELECT MAX(position) FROM audit_log)",
    ],
)
def test_verify_detects_edited_or_removed_rows(world: World, tamper: str) -> None:
    with world.store.unit() as s:
        audit.verify(s)
    drop_audit_guards(world)
    with world.store.engine.begin() as conn:
        conn.execute(text(tamper))
    with world.store.unit() as s, pytest.raises(AuditChainError):
        audit.verify(s)


def test_verify_audit_command_fails_on_a_tampered_log(
    world: World, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from erms_desktop.central.cli import main

    assert main(["verify-audit", "--db", db_url]) == 0
    drop_audit_guards(world)
    with world.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET device_id = NULL WHERE action = 'sign_in'"))
    assert main(["verify-audit", "--db", db_url]) == 1
    assert "has been altered" in capsys.readouterr().err
