"""The retention job: closed cases leave laptops after a grace period and are destroyed six years
(configurable) after closure; rejected referrals are destroyed at once. Destruction leaves
tombstones that reach devices; tombstones older than the window are purged, and a cursor from
before the purge is told to re-download (pull.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, counters
from erms_desktop.central.casework import deallocate
from erms_desktop.central.models import Allocation, Attachment, AttachmentChunk, Record, ScopeEvent
from erms_desktop.central.record_store import write
from erms_desktop.central.settings import CentralSettings
from erms_desktop.protocol.messages import ScopeExitReason


@dataclass(frozen=True, slots=True)
class RetentionReport:
    cases_destroyed: int
    referrals_destroyed: int
    allocations_ended: int
    attachments_destroyed: int
    tombstones_purged: int


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def run_retention(
    session: Session, settings: CentralSettings, now: datetime | None = None
) -> RetentionReport:
    """Run every retention rule; ``now`` is the moment closure dates are judged against."""
    now = now or datetime.now(UTC)
    today = now.date()
    destroy_before = _years_before(today, settings.retention_years)
    leave_before = today - timedelta(days=settings.closure_grace_days)
    cases_destroyed = allocations_ended = 0
    for record in session.scalars(
        select(Record).where(Record.kind == "case", Record.deleted.is_(False))
    ).all():
        closed_on = record.fields.get("closed_on")
        if not closed_on:
            continue
        closed = date.fromisoformat(str(closed_on))
        if closed < leave_before:
            allocations_ended += _end_allocations(session, record.id, ScopeExitReason.CLOSED)
        if closed < destroy_before:
            _destroy_case(session, record.id)
            cases_destroyed += 1
    referrals = 0
    for record in session.scalars(
        select(Record).where(Record.kind == "referral", Record.deleted.is_(False))
    ).all():
        if record.fields.get("status") == "rejected":
            write(
                session,
                audit.OPERATOR,
                record,
                kind="referral",
                record_id=record.id,
                scope=(None, None),
                fields=None,
            )
            referrals += 1
    attachments = _destroy_orphan_attachments(session)
    # Tombstones are stamped by the real clock, so their window is judged by it too.
    window_start = datetime.now(UTC) - timedelta(days=settings.tombstone_days)
    purged = _purge_tombstones(session, window_start)
    report = RetentionReport(cases_destroyed, referrals, allocations_ended, attachments, purged)
    audit.record(session, audit.OPERATOR, "retention", repr(report))
    return report


def _end_allocations(session: Session, case_id: str, reason: ScopeExitReason) -> int:
    users = set(session.scalars(select(Allocation.user_id).where(Allocation.case_id == case_id)))
    for user_id in sorted(users):
        deallocate(session, user_id, case_id, reason)
    return len(users)


def _destroy_case(session: Session, case_id: str) -> None:
    for record in session.scalars(
        select(Record).where(Record.case_id == case_id, Record.deleted.is_(False))
    ).all():
        write(
            session,
            audit.OPERATOR,
            record,
            kind=record.kind,
            record_id=record.id,
            scope=(record.case_id, record.party_file_id),
            fields=None,
        )
    audit.record(session, audit.OPERATOR, "destroy_case", f"case {case_id}", [case_id])


def _destroy_orphan_attachments(session: Session) -> int:
    """Completed uploads no live document of their party file names any more (the case was
    destroyed, or the document deleted)."""
    referenced = {
        (file_id, str(fields.get("sha256")))
        for file_id, fields in session.execute(
            select(Record.party_file_id, Record.fields).where(
                Record.kind == "document", Record.deleted.is_(False)
            )
        )
    }
    cutoff = datetime.now(UTC) - timedelta(days=1)
    orphans = [
        (a.party_file_id, a.sha256)
        for a in session.scalars(select(Attachment).where(Attachment.created_at < cutoff))
        if (a.party_file_id, a.sha256) not in referenced
    ]
    for file_id, sha in orphans:
        for table in (AttachmentChunk, Attachment):
            session.execute(
                delete(table).where(table.party_file_id == file_id, table.sha256 == sha)
            )
    return len(orphans)


def _purge_tombstones(session: Session, older_than: datetime) -> int:
    old = Record.deleted.is_(True) & (Record.updated_at < older_than)
    highest = session.scalar(select(func.max(Record.seq)).where(old))
    old_exits = ScopeEvent.at < older_than
    highest_exit = session.scalar(select(func.max(ScopeEvent.seq)).where(old_exits))
    floor = max(highest or 0, highest_exit or 0)
    purged = len(session.scalars(select(Record.id).where(old)).all())
    session.execute(delete(Record).where(old))
    session.execute(delete(ScopeEvent).where(old_exits))
    if floor > counters.current(session, counters.TOMBSTONE_FLOOR):
        counters.set_value(session, counters.TOMBSTONE_FLOOR, floor)
    return purged
