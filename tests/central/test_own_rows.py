"""Issue 20, point 4: a push or password change whose own device or user row is gone by the time
it is locked is refused with an explicit error (the client signs in again), never an ``assert``
that ``python -O`` strips."""

from __future__ import annotations

import uuid

import pytest

from erms_desktop.central.access import Principal
from erms_desktop.central.errors import AuthenticationError
from erms_desktop.central.password_change import change_password
from erms_desktop.central.push import push
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.messages import Mutation
from tests.central.mutations import record_count
from tests.central.world import PASSWORD, World, new_note


def _gone(world: World, *, device: bool) -> Principal:
    """Alice, with either her device or her user row replaced by an id the store never had."""
    alice = world.users["alice"]
    device_id = world.devices["alice"].device_id
    if device:
        return Principal(alice, UserRole.VOLUNTEER, str(uuid.uuid4()))
    return Principal(str(uuid.uuid4()), UserRole.VOLUNTEER, device_id)


def test_push_from_a_device_that_is_gone_is_refused(world: World) -> None:
    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Pushed from nowhere.", world.users["alice"])
    before = record_count(world)
    with world.store.factory() as session, session.begin(), pytest.raises(AuthenticationError):
        push(session, _gone(world, device=True), [Mutation(device_seq=1, **note)])
    assert record_count(world) == before


@pytest.mark.parametrize("device", [True, False], ids=["device gone", "user gone"])
def test_password_change_without_its_own_rows_is_refused(world: World, device: bool) -> None:
    settings = world.store.settings
    with world.store.factory() as session, session.begin(), pytest.raises(AuthenticationError):
        change_password(
            session,
            _gone(world, device=device),
            "token",
            PASSWORD,
            "a new long passphrase 2026",
            settings,
            "127.0.0.1",
        )
