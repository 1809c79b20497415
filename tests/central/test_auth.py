"""Enrolment, sign-in, sessions, lockout, password expiry and change, revocation and wipe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from erms_desktop.central import admin
from erms_desktop.central.models import Device, SessionToken, User
from tests.central.world import PASSWORD, VERSIONS, World


def _sign_in(world: World, name: str, password: str = PASSWORD) -> tuple[int, dict[str, object]]:
    answer = world.sign_in_answer(name, password=password)
    return answer.status_code, answer.json()


def test_enrolment_code_is_single_use_and_bound_to_its_user(world: World) -> None:
    with world.store.unit() as s:
        code = admin.create_enrolment_code(s, world.store.settings, "alice", "LAP-77")
    wrong_user = {"code": code, "username": "bob", "password": PASSWORD, "device_name": "x"}
    assert world.client.post("/v1/enrol", json=wrong_user, headers=VERSIONS).status_code == 401
    right = {**wrong_user, "username": "alice"}
    first = world.client.post("/v1/enrol", json=right, headers=VERSIONS)
    assert first.status_code == 200
    assert first.json()["asset_tag"] == "LAP-77"
    again = world.client.post("/v1/enrol", json=right, headers=VERSIONS)
    assert again.status_code == 401
    forged = {**right, "code": "AAAA-BBBB-CCCC"}
    assert world.client.post("/v1/enrol", json=forged, headers=VERSIONS).status_code == 401


def test_device_credential_works_only_for_its_own_user(world: World) -> None:
    alice = world.devices["alice"]
    body = {
        "device_id": alice.device_id,
        "device_secret": alice.secret,
        "username": "bob",
        "password": PASSWORD,
    }
    assert world.client.post("/v1/sign-in", json=body, headers=VERSIONS).status_code == 401
    forged = {**body, "username": "alice", "device_secret": "not-the-secret"}
    assert world.client.post("/v1/sign-in", json=forged, headers=VERSIONS).status_code == 401


def test_lockout_after_repeated_failures_refuses_even_the_right_password(world: World) -> None:
    for _ in range(world.store.settings.lockout_threshold):
        status, body = _sign_in(world, "alice", "wrong password!!")
        assert status == 401
    status, body = _sign_in(world, "alice")
    assert status == 423
    assert body["error"]["code"] == "account_locked"  # type: ignore[index]
    with world.store.unit() as s:
        s.execute(update(User).values(locked_until=datetime.now(UTC) - timedelta(seconds=1)))
    assert _sign_in(world, "alice")[0] == 200


def test_expired_session_and_forged_token_are_refused(world: World) -> None:
    headers = world.devices["alice"].headers
    assert world.client.get("/v1/sync/pull", headers=headers).status_code == 200
    forged = {**headers, "Authorization": "Bearer " + "A" * 43}
    refused = world.client.get("/v1/sync/pull", headers=forged)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthenticated"
    with world.store.unit() as s:
        s.execute(update(SessionToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    expired = world.client.get("/v1/sync/pull", headers=headers)
    assert expired.status_code == 401
    assert expired.json()["error"]["code"] == "session_expired"


def test_expired_password_allows_only_a_change(world: World) -> None:
    with world.store.unit() as s:
        s.execute(
            update(User)
            .where(User.username == "alice")
            .values(password_changed_at=datetime.now(UTC) - timedelta(days=400))
        )
    status, body = _sign_in(world, "alice")
    assert status == 200
    assert body["password_change_required"] is True
    headers = {**VERSIONS, "Authorization": f"Bearer {body['token']}"}
    blocked = world.client.get("/v1/sync/pull", headers=headers)
    assert blocked.status_code == 403
    assert blocked.json()["error"]["code"] == "password_change_required"
    weak = {"current_password": PASSWORD, "new_password": "short"}
    assert world.client.post("/v1/password", json=weak, headers=headers).status_code == 422
    change = {"current_password": PASSWORD, "new_password": "a much longer new passphrase"}
    assert world.client.post("/v1/password", json=change, headers=headers).status_code == 204
    assert _sign_in(world, "alice")[0] == 401
    status, body = _sign_in(world, "alice", "a much longer new passphrase")
    assert status == 200
    assert body["password_change_required"] is False


def test_reset_password_forces_a_change_at_next_sign_in(world: World) -> None:
    with world.store.unit() as s:
        admin.reset_password(s, world.store.settings, "bob", "temporary password 1")
    status, body = _sign_in(world, "bob", "temporary password 1")
    assert status == 200
    assert body["password_change_required"] is True


def test_revoked_device_is_refused_and_told_to_wipe(world: World) -> None:
    device = world.devices["alice"]
    revoke = world.client.post(
        f"/v1/office/devices/{device.device_id}/revoke", headers=world.devices["sam"].headers
    )
    assert revoke.status_code == 204
    answer = world.client.get("/v1/sync/pull", headers=device.headers)
    assert answer.status_code == 403
    assert answer.json()["error"] == {
        "code": "device_revoked",
        "message": answer.json()["error"]["message"],
        "wipe": True,
        "expected_device_seq": None,
    }
    status, body = _sign_in(world, "alice")
    assert status == 403
    assert body["error"]["wipe"] is True  # type: ignore[index]
    with world.store.unit() as s:
        stored = s.get(Device, device.device_id)
        assert stored is not None
        assert stored.wipe_sent_at is not None
    pushed = world.push(
        "alice", {"kind": "note", "record_id": "0" * 36, "op": "delete", "base_version": 1}
    )
    assert pushed.status_code == 403


def test_volunteer_cannot_revoke_or_list_devices(world: World) -> None:
    bob = world.devices["bob"].headers
    target = world.devices["alice"].device_id
    assert world.client.post(f"/v1/office/devices/{target}/revoke", headers=bob).status_code == 403
    assert world.client.get("/v1/office/devices", headers=bob).status_code == 403
    listed = world.client.get("/v1/office/devices", headers=world.devices["sam"].headers)
    assert {d["username"] for d in listed.json()} == {"alice", "bob", "carol", "sam"}
    assert all(d["last_seen_at"] for d in listed.json())


def test_expired_enrolment_code_is_refused(world: World) -> None:
    from erms_desktop.central.models import EnrolmentCode

    with world.store.unit() as s:
        code = admin.create_enrolment_code(s, world.store.settings, "carol", "LAP-OLD")
        s.flush()
        s.execute(update(EnrolmentCode).values(expires_at=datetime.now(UTC) - timedelta(days=1)))
    body = {"code": code, "username": "carol", "password": PASSWORD, "device_name": "x"}
    answer = world.client.post("/v1/enrol", json=body, headers=VERSIONS)
    assert answer.status_code == 401
    assert "expired" in answer.json()["error"]["message"]
