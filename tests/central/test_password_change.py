"""Self-service password change: it ends every other session of the user; wrong current
passwords count against the session's own laptop only, are rate-limited, and are answered
with their own code (never 401, which a client reads as an ended session)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from erms_desktop.central import admin
from erms_desktop.central.api import create_app
from tests.central.store_settings import store_settings
from tests.central.world import PASSWORD, VERSIONS, World

NEW = "a much longer new passphrase"


def _change(world: World, headers: dict[str, str], current: str, new: str = NEW) -> int:
    body = {"current_password": current, "new_password": new}
    return world.client.post("/v1/password", json=body, headers=headers).status_code


def test_a_password_change_ends_every_other_session_of_the_user(world: World) -> None:
    first = world.devices["alice"]
    second = world.enrol("alice", "LAP-ALICE-2")
    same_laptop = {
        **VERSIONS,
        "Authorization": "Bearer " + world.sign_in("alice", first.device_id, first.secret),
    }
    assert _change(world, first.headers, PASSWORD) == 204
    assert world.client.get("/v1/sync/pull", headers=first.headers).status_code == 200
    for ended in (second.headers, same_laptop):
        answer = world.client.get("/v1/sync/pull", headers=ended)
        assert answer.status_code == 401
    assert (
        world.client.get("/v1/sync/pull", headers=world.devices["bob"].headers).status_code == 200
    )


def test_wrong_current_passwords_lock_only_the_sessions_own_laptop(world: World) -> None:
    other_laptop = world.enrol("alice", "LAP-ALICE-2")
    holder = world.devices["alice"]  # someone holding a session on alice's first laptop
    threshold = world.store.settings.lockout_threshold
    for _ in range(threshold):
        body = {"current_password": "a guessed password", "new_password": NEW}
        answer = world.client.post("/v1/password", json=body, headers=holder.headers)
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "invalid_credentials"
    # The guessing laptop is locked and its sessions ended; alice's account is not.
    assert world.client.get("/v1/sync/pull", headers=holder.headers).status_code == 401
    assert world.sign_in_answer("alice").status_code == 423
    assert world.client.get("/v1/sync/pull", headers=other_laptop.headers).status_code == 200
    world.sign_in("alice", other_laptop.device_id, other_laptop.secret)
    with world.store.unit() as s:  # the office's reset lifts the laptop's lockout too
        admin.reset_password(s, world.store.settings, "alice", "temporary password 1")
    assert world.sign_in_answer("alice").status_code == 401
    assert world.sign_in_answer("alice", password="temporary password 1").status_code == 200


def test_password_change_attempts_are_rate_limited_per_laptop(
    world: World, db_url: str, tmp_path: Path
) -> None:
    """Another instance of the store on the same database, with a lockout far away and a
    small rate limit: the limit, counted in the database, refuses the surplus with 429."""
    settings = store_settings(
        db_url, tmp_path, lockout_threshold=100, password_change_limit_per_device=3
    )
    app = create_app(settings)
    holder = world.devices["alice"].headers
    body = {"current_password": "a guessed password", "new_password": NEW}
    with TestClient(app, raise_server_exceptions=False) as other:
        codes = [other.post("/v1/password", json=body, headers=holder) for _ in range(5)]
    app.state.store.engine.dispose()
    assert [c.status_code for c in codes] == [403, 403, 403, 429, 429]
    assert codes[-1].json()["error"]["code"] == "rate_limited"
    # the count covers this window and the one before: clear within two windows
    assert 0 < int(codes[-1].headers["Retry-After"]) <= 2 * settings.rate_window_seconds
    right = {"current_password": PASSWORD, "new_password": NEW}
    assert world.client.post("/v1/password", json=right, headers=holder).status_code == 429
