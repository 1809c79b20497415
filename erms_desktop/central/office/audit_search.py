"""Audit search for the data protection officer: who read or changed a case or a record, what
a user or a device did in a period, and what a laptop held at its last contact.

Two sources answer: the audit log (reads, pulls, downloads, office actions, sign-ins...) and the
change log (every change to every record, with who made it from which device). A read is
recorded per case (a pull names the cases it served), so "who read this person's record" is
answered by who was served the record's case. Every search is itself audited.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, holdings
from erms_desktop.central.errors import InvalidInputError, NotFoundError
from erms_desktop.central.models import AuditEntry, ChangeLog, Device, Record, User
from erms_desktop.central.office.actors import name_of
from erms_desktop.protocol.office_audit import (
    AuditRow,
    AuditSearch,
    AuditSearchKind,
    AuditSearchResult,
    LaptopContents,
)

Logged = TypeVar("Logged", AuditEntry, ChangeLog)
#: More rows than this is a search to narrow (by a period), not a page to read.
MAX_ROWS = 20_000


def search(session: Session, query: AuditSearch, actor: audit.Actor) -> AuditSearchResult:
    if query.start and query.end and query.start > query.end:
        raise InvalidInputError("the period ends before it starts")
    names = {row.id: row.username for row in session.execute(select(User.id, User.username))}
    entries, changes, description, cases = _conditions(session, query, names)
    rows = [_entry_row(e, names) for e in _in_period(session, AuditEntry, entries, query)]
    rows += [_change_row(c, names) for c in _in_period(session, ChangeLog, changes, query)]
    rows.sort(key=lambda r: r.at)
    if len(rows) > MAX_ROWS:
        raise InvalidInputError(f"more than {MAX_ROWS} rows: search a shorter period")
    period = _period_words(query)
    audit.record(session, actor, "audit_search", f"{_audited(query, names)}{period}", cases)
    return AuditSearchResult(
        description=f"{description}{period}",
        searched_at=datetime.now(UTC),
        searched_by=name_of(session, actor),
        rows=rows,
    )


def _conditions(
    session: Session, query: AuditSearch, names: dict[str, str]
) -> tuple[ColumnElement[bool], ColumnElement[bool], str, list[str]]:
    subject = query.subject.strip()
    if query.kind is AuditSearchKind.USER:
        user_id = _user_id(query, names)
        if user_id not in names:
            raise NotFoundError(f"no user called {subject!r}")
        return (
            AuditEntry.user_id == user_id,
            ChangeLog.user_id == user_id,
            f"everything user {subject} did",
            [],
        )
    if query.kind is AuditSearchKind.DEVICE:
        if session.get(Device, subject) is None:
            raise NotFoundError(f"no device {subject!r}")
        return (
            AuditEntry.device_id == subject,
            ChangeLog.device_id == subject,
            f"everything device {subject} did",
            [],
        )
    if query.kind is AuditSearchKind.CASE:
        records = select(Record.id).where(Record.case_id == subject)
        mentioned = AuditEntry.target.contains(subject, autoescape=True)
        entries = AuditEntry.case_ids.contains(subject, autoescape=True) | mentioned
        return (
            entries,
            ChangeLog.record_id.in_(records) | (ChangeLog.record_id == subject),
            f"who read or changed case {subject}",
            [subject],
        )
    named = AuditEntry.target.contains(subject, autoescape=True)
    record = session.get(Record, subject)
    if record is None:  # destroyed and purged: its changes and mentions are still logged
        return (named, ChangeLog.record_id == subject, f"who changed record {subject}", [])
    case_id = record.case_id or ""
    served = AuditEntry.case_ids.contains(case_id) if case_id else AuditEntry.position < 0
    return (
        served | named,
        ChangeLog.record_id == subject,
        f"who read or changed {record.kind} record {subject}",
        [case_id] if case_id else [],
    )


def _audited(query: AuditSearch, names: dict[str, str]) -> str:
    """What the audit entry says was searched: ids only (a user by id, not by name)."""
    subject = _user_id(query, names) if query.kind is AuditSearchKind.USER else query.subject
    return f"{query.kind.value} {subject.strip()}"


def _user_id(query: AuditSearch, names: dict[str, str]) -> str:
    wanted = query.subject.strip()
    return next((uid for uid, name in names.items() if name == wanted), wanted)


def _in_period(
    session: Session, table: type[Logged], condition: ColumnElement[bool], query: AuditSearch
) -> list[Logged]:
    statement = select(table).where(condition)
    if query.start:
        statement = statement.where(table.at >= datetime.combine(query.start, time(), UTC))
    if query.end:
        after = datetime.combine(query.end + timedelta(days=1), time(), UTC)
        statement = statement.where(table.at < after)
    return list(session.scalars(statement.limit(MAX_ROWS + 1)).all())


def _period_words(query: AuditSearch) -> str:
    if not (query.start or query.end):
        return ""
    start = query.start.isoformat() if query.start else "the beginning"
    end = query.end.isoformat() if query.end else "now"
    return f", {start} to {end}"


def _entry_row(entry: AuditEntry, names: dict[str, str]) -> AuditRow:
    return AuditRow(
        at=entry.at,
        username=names.get(entry.user_id or "", ""),
        device_id=entry.device_id or "",
        action=entry.action,
        detail=entry.target,
        case_ids=[c for c in entry.case_ids.split(",") if c],
    )


def _change_row(change: ChangeLog, names: dict[str, str]) -> AuditRow:
    what = "deleted" if change.deleted else ("created" if change.version == 1 else "changed")
    return AuditRow(
        at=change.at,
        username=names.get(change.user_id or "", ""),
        device_id=change.device_id or "",
        action=f"{what} {change.kind}",
        detail=f"record {change.record_id} version {change.version}",
        case_ids=[],
    )


def laptop(session: Session, device_id: str, actor: audit.Actor) -> LaptopContents:
    """What the device held at its last contact (the lost-laptop breach answer)."""
    device = session.get(Device, device_id)
    if device is None:
        raise NotFoundError(f"no device {device_id!r}")
    user = session.get(User, device.user_id)
    held = holdings.held_cases(session, device.id)
    contacts = [t for t in (device.last_seen_at, device.last_sync_at) if t is not None]
    audit.record(
        session,
        actor,
        "audit_laptop_contents",
        f"device {device_id}: {len(held)} cases",
        [h.case_id for h in held],
    )
    return LaptopContents(
        device_id=device.id,
        asset_tag=device.asset_tag,
        username=user.username if user is not None else "",
        last_contact=max(contacts, default=None),
        revoked_at=device.revoked_at,
        wipe_sent_at=device.wipe_sent_at,
        cases=held,
        searched_at=datetime.now(UTC),
        searched_by=name_of(session, actor),
    )
