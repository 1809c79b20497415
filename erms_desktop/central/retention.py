"""The retention job: closed cases leave laptops after a grace period and are destroyed six years
(configurable) after closure, taking their referral (with its agency reference, intake details
and equality answers) and every attachment's stored content with them; rejected referrals are
destroyed at once. Destruction leaves tombstones that reach devices; tombstones older than the
window are purged, and a cursor from before the purge is told to re-download (pull.py).

The job first plans (what would go), then applies the plan, so ``--dry-run`` lists exactly what a
real run would destroy and changes no record. Every run, dry or real, leaves a keyed summary
entry in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, counters
from erms_desktop.central.casework import deallocate
from erms_desktop.central.models import (
    Allocation,
    Attachment,
    AttachmentChunk,
    EqualityMonitoring,
    Record,
    ReferralDetail,
    ScopeEvent,
    SupervisionNote,
)
from erms_desktop.central.record_store import write
from erms_desktop.central.settings import CentralSettings
from erms_desktop.protocol.messages import ScopeExitReason


@dataclass(frozen=True, slots=True)
class RetentionPlan:
    """What a run destroys or ends, by id only (no case content)."""

    cases: tuple[str, ...] = ()
    referrals: tuple[str, ...] = ()
    leaving_laptops: tuple[str, ...] = ()
    rejected_referrals: tuple[str, ...] = ()
    attachments: tuple[tuple[str, str], ...] = ()
    tombstones: int = 0
    window_start: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class RetentionReport:
    cases_destroyed: int
    referrals_destroyed: int
    allocations_ended: int
    attachments_destroyed: int
    tombstones_purged: int
    dry_run: bool = False


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def plan_retention(
    session: Session, settings: CentralSettings, now: datetime | None = None
) -> RetentionPlan:
    """Everything a run at ``now`` would destroy; reads only."""
    today = (now or datetime.now(UTC)).date()
    destroy_before = _years_before(today, settings.retention_years)
    leave_before = today - timedelta(days=settings.closure_grace_days)
    cases: list[str] = []
    referrals: list[str] = []
    leaving: list[str] = []
    for record in _live(session, "case"):
        closed_on = record.fields.get("closed_on")
        if not closed_on:
            continue
        closed = date.fromisoformat(str(closed_on))
        if closed < destroy_before:
            cases.append(record.id)
            if record.fields.get("referral_id"):
                referrals.append(str(record.fields["referral_id"]))
        elif closed < leave_before:
            leaving.append(record.id)
    rejected = [r.id for r in _live(session, "referral") if r.fields.get("status") == "rejected"]
    # Tombstones are stamped by the real clock, so their window is judged by it too.
    window_start = datetime.now(UTC) - timedelta(days=settings.tombstone_days)
    return RetentionPlan(
        cases=tuple(cases),
        referrals=tuple(referrals),
        leaving_laptops=tuple(leaving),
        rejected_referrals=tuple(rejected),
        attachments=tuple(_attachments_to_destroy(session, set(cases))),
        tombstones=_old_tombstones(session, window_start),
        window_start=window_start,
    )


def run_retention(
    session: Session,
    settings: CentralSettings,
    now: datetime | None = None,
    *,
    dry_run: bool = False,
) -> RetentionReport:
    """Run every retention rule (or, with ``dry_run``, only say what would go); ``now`` is the
    moment closure dates are judged against."""
    if dry_run:
        return dry_run_plan(session, settings, now)[1]
    plan = plan_retention(session, settings, now)
    ended = sum(
        _end_allocations(session, case_id, ScopeExitReason.CLOSED)
        for case_id in plan.cases + plan.leaving_laptops
    )
    for case_id in plan.cases:
        _destroy_case(session, case_id)
    for referral_id in plan.referrals + plan.rejected_referrals:
        _destroy_referral(session, referral_id)
    _destroy_attachments(session, plan.attachments)
    purged = _purge_tombstones(session, plan.window_start)
    report = RetentionReport(
        len(plan.cases),
        len(plan.referrals) + len(plan.rejected_referrals),
        ended,
        len(plan.attachments),
        purged,
    )
    audit.record(session, audit.OPERATOR, "retention", repr(report))
    return report


def dry_run_plan(
    session: Session, settings: CentralSettings, now: datetime | None = None
) -> tuple[RetentionPlan, RetentionReport]:
    """What a run would destroy and its counts, audited as a dry run; no record changes."""
    plan = plan_retention(session, settings, now)
    report = RetentionReport(
        len(plan.cases),
        len(plan.referrals) + len(plan.rejected_referrals),
        _allocated(session, plan.cases + plan.leaving_laptops),
        len(plan.attachments),
        plan.tombstones,
        dry_run=True,
    )
    audit.record(session, audit.OPERATOR, "retention_dry_run", repr(report))
    return plan, report


def _live(session: Session, kind: str) -> list[Record]:
    return list(
        session.scalars(select(Record).where(Record.kind == kind, Record.deleted.is_(False)))
    )


def _allocated(session: Session, case_ids: tuple[str, ...]) -> int:
    rows = session.execute(
        select(Allocation.user_id, Allocation.case_id).where(Allocation.case_id.in_(case_ids))
    )
    return len({(user_id, case_id) for user_id, case_id in rows})


def _end_allocations(session: Session, case_id: str, reason: ScopeExitReason) -> int:
    users = set(session.scalars(select(Allocation.user_id).where(Allocation.case_id == case_id)))
    for user_id in sorted(users):
        deallocate(session, user_id, case_id, reason)
    return len(users)


def _tombstone(session: Session, record: Record) -> None:
    write(
        session,
        audit.OPERATOR,
        record,
        kind=record.kind,
        record_id=record.id,
        scope=(record.case_id, record.party_file_id),
        fields=None,
    )


def _destroy_case(session: Session, case_id: str) -> None:
    for record in session.scalars(
        select(Record).where(Record.case_id == case_id, Record.deleted.is_(False))
    ).all():
        _tombstone(session, record)
    session.execute(delete(SupervisionNote).where(SupervisionNote.case_id == case_id))
    audit.record(session, audit.OPERATOR, "destroy_case", f"case {case_id}", [case_id])


def _destroy_referral(session: Session, referral_id: str) -> None:
    """The referral record becomes a tombstone; its office-only intake details and equality
    answers are deleted outright."""
    record = session.get(Record, referral_id)
    if record is not None and not record.deleted:
        _tombstone(session, record)
    for table in (ReferralDetail, EqualityMonitoring):
        session.execute(delete(table).where(table.referral_id == referral_id))


def _attachments_to_destroy(session: Session, cases: set[str]) -> list[tuple[str, str]]:
    """Every upload of a case being destroyed, and completed uploads no live document of their
    party file names any more (the document was deleted)."""
    referenced = {
        (file_id, str(fields.get("sha256")))
        for file_id, fields in session.execute(
            select(Record.party_file_id, Record.fields).where(
                Record.kind == "document", Record.deleted.is_(False)
            )
        )
    }
    cutoff = datetime.now(UTC) - timedelta(days=1)
    return [
        (a.party_file_id, a.sha256)
        for a in session.scalars(select(Attachment))
        if a.case_id in cases
        or (a.created_at < cutoff and (a.party_file_id, a.sha256) not in referenced)
    ]


def _destroy_attachments(session: Session, keys: tuple[tuple[str, str], ...]) -> None:
    for file_id, sha in keys:
        for table in (AttachmentChunk, Attachment):
            session.execute(
                delete(table).where(table.party_file_id == file_id, table.sha256 == sha)
            )


def _old_tombstones(session: Session, older_than: datetime) -> int:
    old = Record.deleted.is_(True) & (Record.updated_at < older_than)
    return session.scalar(select(func.count()).select_from(Record).where(old)) or 0


def _purge_tombstones(session: Session, older_than: datetime) -> int:
    old = Record.deleted.is_(True) & (Record.updated_at < older_than)
    highest = session.scalar(select(func.max(Record.seq)).where(old))
    old_exits = ScopeEvent.at < older_than
    highest_exit = session.scalar(select(func.max(ScopeEvent.seq)).where(old_exits))
    floor = max(highest or 0, highest_exit or 0)
    purged = _old_tombstones(session, older_than)
    session.execute(delete(Record).where(old))
    session.execute(delete(ScopeEvent).where(old_exits))
    if floor > counters.current(session, counters.TOMBSTONE_FLOOR):
        counters.set_value(session, counters.TOMBSTONE_FLOOR, floor)
    return purged
