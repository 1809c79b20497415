"""Retention without holes: the referral (with its agency reference and intake details) goes
with its case, so does every attachment's stored content; open cases idle for the review period
are listed; a dry run lists what would go and changes nothing; every run is audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, update

from erms_desktop.central import audit, retention
from erms_desktop.central.models import (
    Attachment,
    AttachmentChunk,
    AuditEntry,
    ChangeLog,
    Record,
    ReferralDetail,
)
from erms_desktop.central.retention_review import inactive_cases, months_before
from tests.central.test_attachments import _document, _push_status, _upload
from tests.central.test_cli import run  # noqa: F401 - the command-line fixture
from tests.central.test_retention import _close, _run
from tests.central.world import World

SIX_YEARS_ON = timedelta(days=6 * 366 + 1)


def _case_a_with_attachment_and_intake(world: World) -> None:
    a = world.cases["a"]
    _upload(world, "alice", a.victim_file)
    assert _push_status(world, "alice", _document(world, "a", a.victim_file)) == "applied"
    with world.store.unit() as s:
        s.add(
            ReferralDetail(
                referral_id=a.referral,
                details={"agency_reference": "AG-1"},
                created_at=datetime.now(UTC),
            )
        )
    _close(world, a.case)


def _snapshot(world: World) -> tuple[list[tuple[str, int, bool]], int, int, int]:
    with world.store.unit() as s:
        records = [
            (r.id, r.version, r.deleted) for r in s.scalars(select(Record).order_by(Record.id))
        ]
        changes = s.scalar(select(func.count()).select_from(ChangeLog)) or 0
        chunks = s.scalar(select(func.count()).select_from(AttachmentChunk)) or 0
        details = s.scalar(select(func.count()).select_from(ReferralDetail)) or 0
    return records, changes, chunks, details


def test_retention_destroys_the_referral_with_its_case_and_all_attachment_content(
    world: World,
) -> None:
    a, b = world.cases["a"], world.cases["b"]
    _case_a_with_attachment_and_intake(world)
    _, staff_cursor = world.pull_all("sam")
    report = _run(world, SIX_YEARS_ON)
    assert (report.cases_destroyed, report.referrals_destroyed) == (1, 1)
    assert report.attachments_destroyed == 1
    with world.store.unit() as s:
        referral = s.get(Record, a.referral)
        assert referral is not None
        assert referral.deleted
        assert referral.fields == {}
        assert s.get(ReferralDetail, a.referral) is None
        assert s.scalars(select(Attachment).where(Attachment.case_id == a.case)).all() == []
        assert s.scalar(select(func.count()).select_from(AttachmentChunk)) == 0
        kept = s.get(Record, b.referral)
        assert kept is not None
        assert not kept.deleted
    changes, _ = world.pull_all("sam", staff_cursor)
    tombstones = {c["id"] for c in changes if c["type"] == "record" and c["deleted"]}
    assert {a.case, a.referral, a.victim_note} <= tombstones


def test_dry_run_lists_what_would_go_and_changes_nothing(world: World) -> None:
    a = world.cases["a"]
    _case_a_with_attachment_and_intake(world)
    before = _snapshot(world)
    with world.store.unit() as s:
        plan = retention.plan_retention(s, world.store.settings, datetime.now(UTC) + SIX_YEARS_ON)
        dry = retention.run_retention(
            s, world.store.settings, datetime.now(UTC) + SIX_YEARS_ON, dry_run=True
        )
    assert plan.cases == (a.case,)
    assert plan.referrals == (a.referral,)
    assert (dry.dry_run, dry.cases_destroyed, dry.referrals_destroyed) == (True, 1, 1)
    assert dry.attachments_destroyed == 1
    assert _snapshot(world) == before
    real = _run(world, SIX_YEARS_ON)
    assert (real.cases_destroyed, real.referrals_destroyed, real.attachments_destroyed) == (1, 1, 1)


def test_every_run_writes_a_keyed_summary_to_the_audit_log(world: World) -> None:
    with world.store.unit() as s:
        retention.run_retention(s, world.store.settings, dry_run=True)
    _run(world)
    with world.store.unit() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.position)).all()
        assert actions[-2:] == ["retention_dry_run", "retention"]
        assert audit.verify(s) > 0


def test_open_cases_idle_for_the_review_period_are_listed(world: World) -> None:
    a, b = world.cases["a"], world.cases["b"]
    _close(world, b.case)
    long_ago = datetime.now(UTC) - timedelta(days=400)
    with world.store.unit() as s:
        s.execute(
            update(Record).where(Record.case_id.in_([a.case, b.case])).values(updated_at=long_ago)
        )
        s.execute(update(Record).where(Record.id.in_([a.case, b.case])).values(updated_at=long_ago))
    with world.store.unit() as s:
        found = inactive_cases(s, world.store.settings, audit.OPERATOR)
    assert [c.case_id for c in found] == [a.case]  # B is closed: its retention clock runs
    assert found[0].days_inactive >= 400
    longer = world.store.settings.model_copy(update={"inactivity_review_months": 24})
    with world.store.unit() as s:
        assert inactive_cases(s, longer, audit.OPERATOR) == []


def test_activity_in_any_record_of_the_case_keeps_it_off_the_list(world: World) -> None:
    a = world.cases["a"]
    long_ago = datetime.now(UTC) - timedelta(days=400)
    with world.store.unit() as s:
        s.execute(update(Record).where(Record.id == a.case).values(updated_at=long_ago))
        found = inactive_cases(s, world.store.settings, audit.OPERATOR)
    assert a.case not in [c.case_id for c in found]


def test_inactive_cases_route_is_staff_only(world: World) -> None:
    url = "/v1/office/retention/inactive-cases"
    assert world.client.get(url, headers=world.devices["sam"].headers).status_code == 200
    assert world.client.get(url, headers=world.devices["alice"].headers).status_code == 403


def test_months_before_keeps_the_day_or_the_months_last() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


def test_command_line_dry_run_and_inactive_listing(run) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert run("create-user", "stan", "--role", "staff", stdin="a long password 2\n")[0] == 0
    code, out, _ = run("retention", "--dry-run", "--as", "stan")
    assert code == 0
    assert out.startswith("dry run, nothing changed: RetentionReport(cases_destroyed=0")
    code, out, _ = run("inactive-cases", "--as", "stan")
    assert (code, out.splitlines()[0].split()) == (0, ["case_id", "stage", "last_activity", "days"])
    assert run("inactive-cases")[0] == 1  # names the staff member running it
