"""Retention: closed cases leave laptops after the grace period and are destroyed after six
years (configurable); rejected referrals go at once; tombstones reach devices."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from erms_desktop.central import casework, retention
from erms_desktop.central.models import Record
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import ClosureReason
from tests.central.world import World


def _close(world: World, case_id: str) -> None:
    """Close the case today; the tests then run the job some time in the future."""
    with world.store.unit() as s:
        case = casework.load_entity(s, "case", case_id, Case)
        casework.save_entity(s, case.close(ClosureReason.COMPLETED, date.today()))


def _run(
    world: World, later: timedelta = timedelta(0), **overrides: int
) -> retention.RetentionReport:
    settings = world.store.settings.model_copy(update=overrides)
    with world.store.unit() as s:
        return retention.run_retention(s, settings, now=datetime.now(UTC) + later)


def test_case_closed_over_six_years_ago_is_destroyed_and_tombstones_reach_devices(
    world: World,
) -> None:
    a, b = world.cases["a"], world.cases["b"]
    _, staff_cursor = world.pull_all("sam")
    _close(world, a.case)
    with world.store.unit() as s:  # case B closes a year later than case A
        record = s.get(Record, b.case)
        assert record is not None
        case_b = casework.load_entity(s, "case", b.case, Case)
        later = date.today() + timedelta(days=365)
        casework.save_entity(s, case_b.close(ClosureReason.COMPLETED, later))
    report = _run(world, timedelta(days=6 * 366 + 1))
    assert report.cases_destroyed == 1
    changes, _ = world.pull_all("sam", staff_cursor)
    tombstones = {c["id"] for c in changes if c["type"] == "record" and c["deleted"]}
    assert {a.case, a.victim_note, a.offender, a.joint_contact} <= tombstones
    with world.store.unit() as s:
        left = s.scalars(select(Record).where(Record.case_id == a.case)).all()
        assert left
        assert all(r.deleted and r.fields == {} for r in left)
        kept = s.scalars(select(Record).where(Record.case_id == b.case)).all()
        assert not any(r.deleted for r in kept)


def test_retention_period_is_configurable(world: World) -> None:
    _close(world, world.cases["b"].case)
    assert _run(world, timedelta(days=400)).cases_destroyed == 0
    assert _run(world, timedelta(days=400), retention_years=1).cases_destroyed == 1


def test_closed_case_leaves_the_volunteers_laptop_after_the_grace_period(world: World) -> None:
    b = world.cases["b"]
    _, cursor = world.pull_all("carol")
    _close(world, b.case)
    assert _run(world, timedelta(days=10)).allocations_ended == 0
    assert _run(world, timedelta(days=45)).allocations_ended == 1
    changes, _ = world.pull_all("carol", cursor)
    assert [c["case_id"] for c in changes if c["type"] == "scope_exit"] == [b.case]
    assert next(c for c in changes if c["type"] == "scope_exit")["reason"] == "closed"


def test_rejected_referral_is_destroyed_at_once(world: World) -> None:
    with world.store.unit() as s:
        referral = casework.create_referral(s, "victim_support", date(2026, 6, 1), "VS-9")
    _, cursor = world.pull_all("sam")
    with world.store.unit() as s:
        casework.reject_referral(s, referral.id)
        stored = s.get(Record, referral.id)
        assert stored is not None
        assert stored.deleted
        assert stored.fields == {}
    changes, _ = world.pull_all("sam", cursor)
    assert [c["id"] for c in changes if c["deleted"]] == [referral.id]


def test_old_tombstones_are_purged_and_old_cursors_must_resync(world: World) -> None:
    a = world.cases["a"]
    _, cursor = world.pull_all("alice")
    world.push(
        "alice",
        {"kind": "contact", "record_id": a.joint_contact, "op": "delete", "base_version": 1},
    )
    long_ago = datetime.now(UTC) - timedelta(days=400)
    with world.store.unit() as s:
        s.execute(update(Record).where(Record.deleted.is_(True)).values(updated_at=long_ago))
    assert _run(world).tombstones_purged == 1
    stale = world.client.get(
        "/v1/sync/pull", params={"cursor": cursor}, headers=world.devices["alice"].headers
    )
    assert stale.json()["resync_required"] is True


def test_retention_destroys_referrals_recorded_as_rejected(world: World) -> None:
    from erms_desktop.domain.case import Referral
    from erms_desktop.domain.enums import ReferralSource

    referral = Referral(
        id="5b0f2a7e-3c1d-4e8f-9a6b-2c4d6e8f0a1b",
        source=ReferralSource.PROBATION_SERVICE,
        received_on=date(2026, 2, 2),
    ).reject()
    with world.store.unit() as s:
        casework.save_entity(s, referral)
    assert _run(world).referrals_destroyed == 1
    with world.store.unit() as s:
        stored = s.get(Record, referral.id)
        assert stored is not None
        assert stored.deleted
