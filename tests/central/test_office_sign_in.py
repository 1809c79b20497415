"""Office sign-in: staff sign in with name and password only (no laptop); volunteers are
refused; the session has no device and can never sync; lockout, audit and sign-out."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from erms_desktop.central import admin
from erms_desktop.central.models import AuditEntry, SessionToken, User
from tests.central.world import PASSWORD, VERSIONS, World


def _office_sign_in(world: World, name: str, password: str = PASSWORD) -> httpx.Response:
    body = {"username": name, "password": password}
    return world.client.post("/v1/office/sign-in", json=body, headers=VERSIONS)


def _office_token(world: World, name: str = "sam") -> dict[str, str]:
    answer = _office_sign_in(world, name)
    assert answer.status_code == 200, answer.text
    return {**VERSIONS, "Authorization": f"Bearer {answer.json()['token']}"}


def _actions(world: World, user: str | None = None) -> list[tuple[str, str | None]]:
    with world.store.unit() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.position)).all()
        return [(e.action, e.device_id) for e in rows if user is None or e.user_id == user]


def test_staff_sign_in_without_a_laptop_and_use_the_office_api(world: World) -> None:
    answer = _office_sign_in(world, "sam")
    assert answer.status_code == 200, answer.text
    assert answer.json()["role"] == "staff"
    headers = {**VERSIONS, "Authorization": f"Bearer {answer.json()['token']}"}
    assert world.client.get("/v1/office/referrals", headers=headers).status_code == 200
    with world.store.unit() as s:
        row = s.scalar(select(SessionToken).where(SessionToken.user_id == world.users["sam"]))
        tokens = s.scalars(select(SessionToken.device_id)).all()
    assert row is not None
    assert None in tokens  # the office session has no device
    done = _actions(world, world.users["sam"])
    assert ("office_sign_in", None) in done
    assert done[-1][1] is None  # the office call is audited with sam and no device


def test_a_volunteer_is_refused_with_a_plain_reason(world: World) -> None:
    answer = _office_sign_in(world, "alice")
    assert answer.status_code == 403
    assert "office staff" in answer.json()["error"]["message"]
    assert ("office_sign_in_refused", None) in _actions(world, world.users["alice"])
    with world.store.unit() as s:
        sessions = s.scalars(
            select(SessionToken).where(
                SessionToken.user_id == world.users["alice"], SessionToken.device_id.is_(None)
            )
        ).all()
    assert sessions == []


def test_a_wrong_password_is_refused_before_the_role_is_told(world: World) -> None:
    """A wrong guess gets the same 401 for a volunteer as for staff: no role is revealed."""
    for name in ("alice", "sam", "nobody"):
        assert _office_sign_in(world, name, "not the password").status_code == 401


def test_repeated_wrong_passwords_lock_the_account(world: World) -> None:
    for _ in range(world.store.settings.lockout_threshold):
        assert _office_sign_in(world, "sam", "wrong password!!").status_code == 401
    locked = _office_sign_in(world, "sam")
    assert locked.status_code == 423
    assert locked.json()["error"]["code"] == "account_locked"
    assert ("account_locked", None) in _actions(world, world.users["sam"])


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/v1/sync/pull", None),
        ("POST", "/v1/sync/push", "push"),
        ("GET", "/v1/sync/digest", None),
        ("GET", "/v1/files/{file}/attachments/{sha}", None),
        ("POST", "/v1/files/{file}/attachments/{sha}", {"size": 3, "media_type": "text/plain"}),
        ("GET", "/v1/files/{file}/attachments/{sha}/content", None),
    ],
)
def test_an_office_session_can_never_sync(
    world: World, method: str, path: str, body: object
) -> None:
    headers = _office_token(world)
    sha = hashlib.sha256(b"abc").hexdigest()
    url = path.format(file=world.cases["a"].victim_file, sha=sha)
    payload: Any = body
    if body == "push":
        payload = {
            "mutations": [
                {
                    "device_seq": 1,
                    "kind": "note",
                    "record_id": "00000000-0000-4000-8000-000000000001",
                    "op": "delete",
                    "base_version": 1,
                }
            ]
        }
    answer = world.client.request(method, url, headers=headers, json=payload)
    assert answer.status_code == 403, answer.text
    assert "laptop" in answer.json()["error"]["message"]


def test_staff_cannot_enrol_a_laptop_and_the_code_stays_unused(world: World) -> None:
    with world.store.unit() as s:
        code = admin.create_enrolment_code(s, world.store.settings, "sam", "LAP-S2")
    body = {"code": code, "username": "sam", "password": PASSWORD, "device_name": "x"}
    answer = world.client.post("/v1/enrol", json=body, headers=VERSIONS)
    assert answer.status_code == 403
    assert "office sign-in" in answer.json()["error"]["message"]
    assert ("enrol_refused", None) in _actions(world, world.users["sam"])


def test_sign_out_ends_the_session_at_once(world: World) -> None:
    headers = _office_token(world)
    assert world.client.post("/v1/office/sign-out", headers=headers).status_code == 204
    assert world.client.get("/v1/office/referrals", headers=headers).status_code == 401
    assert ("sign_out", None) in _actions(world, world.users["sam"])


def test_a_session_ends_when_its_user_is_no_longer_staff(world: World) -> None:
    headers = _office_token(world)
    with world.store.unit() as s:
        s.execute(update(User).where(User.id == world.users["sam"]).values(role="volunteer"))
    assert world.client.get("/v1/office/referrals", headers=headers).status_code == 401


def test_an_expired_password_is_changed_from_an_office_session(world: World) -> None:
    with world.store.unit() as s:
        s.execute(
            update(User).where(User.id == world.users["sam"]).values(must_change_password=True)
        )
    answer = _office_sign_in(world, "sam")
    assert answer.json()["password_change_required"] is True
    headers = {**VERSIONS, "Authorization": f"Bearer {answer.json()['token']}"}
    assert world.client.get("/v1/office/referrals", headers=headers).status_code == 403
    wrong = {"current_password": "not it at all", "new_password": "a brand new password"}
    assert world.client.post("/v1/password", json=wrong, headers=headers).status_code == 403
    with world.store.unit() as s:
        sam = s.get(User, world.users["sam"])
        assert sam is not None
        assert sam.failed_attempts == 1  # counted against the account: there is no laptop
    right = {"current_password": PASSWORD, "new_password": "a brand new password"}
    assert world.client.post("/v1/password", json=right, headers=headers).status_code == 204
    again = _office_sign_in(world, "sam", "a brand new password")  # the password-only one ended
    assert again.json()["password_change_required"] is False
