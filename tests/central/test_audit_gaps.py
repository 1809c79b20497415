"""What the audit log must also hold: refused reads and writes, failed sign-ins with bad device
credentials, bad enrolment codes, attempts while locked, lockouts and revoked-device contacts,
each with the device and the client's address; and the staff member behind each admin
command."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from erms_desktop.central.cli import main
from erms_desktop.central.models import AuditEntry
from tests.central.world import VERSIONS, World

ADDRESS = "testclient"  # the peer address of every request FastAPI's test client makes


def _newest(world: World, action: str) -> AuditEntry:
    with world.store.unit() as s:
        found = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.position.desc())
        ).first()
    assert found is not None, f"no {action!r} entry"
    return found


def _sign_in(world: World, name: str, **changes: str) -> int:
    return world.sign_in_answer(name, **changes).status_code


def test_refused_reads_and_writes_name_the_device_and_address(world: World) -> None:
    bob = world.devices["bob"]
    hidden = world.cases["b"].victim_note  # case b is carol's
    assert world.client.get(f"/v1/records/{hidden}", headers=bob.headers).status_code in {403, 404}
    read = _newest(world, "refused")
    assert (read.user_id, read.device_id) == (world.users["bob"], bob.device_id)
    assert read.target.startswith("GET /v1/records/{record_id} 40")
    assert read.target.endswith(f"from {ADDRESS}")
    assert hidden not in read.target
    sam_only = "/v1/office/devices"
    assert world.client.get(sam_only, headers=bob.headers).status_code == 403
    assert _newest(world, "refused").target.startswith(f"GET {sam_only} 403")
    garbled = world.client.post(
        "/v1/sync/push", content=b"{not json", headers={**bob.headers, "content-type": "x/y"}
    )
    assert garbled.status_code >= 400
    written = _newest(world, "refused")
    assert written.device_id == bob.device_id
    assert written.target.startswith("POST /v1/sync/push 4")


def test_bad_device_credentials_and_bad_codes_are_audited(world: World) -> None:
    alice = world.devices["alice"]
    assert _sign_in(world, "alice", device_secret="not the secret") == 401
    bad_device = _newest(world, "sign_in_bad_device")
    assert bad_device.device_id == alice.device_id
    assert bad_device.target.endswith(f"from {ADDRESS}")
    body = {"code": "AAAA-BBBB-CCCC", "username": "alice", "password": "x", "device_name": "x"}
    assert world.client.post("/v1/enrol", json=body, headers=VERSIONS).status_code == 401
    assert _newest(world, "enrol_bad_code").target.endswith(f"from {ADDRESS}")


def test_lockout_and_attempts_while_locked_are_audited(world: World) -> None:
    alice = world.devices["alice"]
    for _ in range(world.store.settings.lockout_threshold):
        assert _sign_in(world, "alice", password="wrong password!!") == 401
    locked = _newest(world, "account_locked")
    assert (locked.user_id, locked.device_id) == (world.users["alice"], alice.device_id)
    assert _sign_in(world, "alice") == 423
    tried = _newest(world, "attempt_while_locked")
    assert tried.device_id == alice.device_id
    assert tried.target.endswith(f"from {ADDRESS}")


def test_revoked_device_contacts_are_audited(world: World) -> None:
    alice = world.devices["alice"]
    sam = world.devices["sam"].headers
    revoke = f"/v1/office/devices/{alice.device_id}/revoke"
    assert world.client.post(revoke, headers=sam).status_code == 204
    assert world.client.get("/v1/sync/pull", headers=alice.headers).status_code == 403
    contact = _newest(world, "revoked_device_contact")
    assert contact.device_id == alice.device_id
    assert contact.target.endswith(f"from {ADDRESS}")
    assert _sign_in(world, "alice") == 403
    with world.store.unit() as s:
        contacts = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "revoked_device_contact")
        ).all()
    assert len(contacts) == 2


def test_admin_commands_name_the_staff_member(
    world: World, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("temporary password 1\n"))
    assert main(["reset-password", "bob", "--db", db_url]) == 1
    assert "--as USERNAME" in capsys.readouterr().err
    assert main(["reset-password", "bob", "--db", db_url, "--as", "alice"]) == 1
    assert "not a staff or admin account" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("temporary password 1\n"))
    assert main(["reset-password", "bob", "--db", db_url, "--as", "sam"]) == 0
    entry = _newest(world, "reset_password")
    assert entry.user_id == world.users["sam"]
    assert entry.target.endswith("from command line")
