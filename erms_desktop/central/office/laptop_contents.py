"""What was on a laptop at its last contact: the breach answer for a lost or stolen laptop.

Built from what the store recorded as it served the device, never from what the laptop says:

* every pull is audited with the device, the cases it served and the change-log range
  ("seq A-B"); the highest B is how far the device has pulled;
* a case leaves a laptop through a scope exit (deallocation) or its tombstone (retention,
  erasure); either counts only once the device has pulled past it.

A case is held when some pull served it and no exit or tombstone of it was served since. The
party files held are those the user's allocation reaches (a case allocation: every file); with
no allocation left, every file whose records the device's pulls served (an upper bound: the
safe side for a breach report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from erms_desktop.central.models import (
    Allocation,
    AuditEntry,
    ChangeLog,
    Device,
    Record,
    ScopeEvent,
)

_RANGE = re.compile(r"seq (\d+)-(\d+)")


@dataclass(frozen=True, slots=True)
class Served:
    """One case's most recent pull by the device: from which seq, when."""

    start: int
    at: datetime


@dataclass(frozen=True, slots=True)
class Held:
    case_id: str
    service_reference: str
    party_file_ids: list[str]
    last_pulled: datetime


def held_cases(session: Session, device: Device) -> list[Held]:
    """The cases (with party files) a device held at its last contact."""
    served: dict[str, Served] = {}
    ranges: list[tuple[int, int]] = []
    pulls = session.execute(
        select(AuditEntry.target, AuditEntry.case_ids, AuditEntry.at)
        .where(AuditEntry.device_id == device.id, AuditEntry.action == "pull")
        .order_by(AuditEntry.position)
    )
    for target, case_ids, at in pulls:
        found = _RANGE.search(target)
        if found is None:
            continue
        start, end = int(found.group(1)), int(found.group(2))
        ranges.append((start, end))
        for case_id in filter(None, case_ids.split(",")):
            served[case_id] = Served(start, at)
    cursor = max((end for _, end in ranges), default=0)
    held = [
        case_id
        for case_id, last in served.items()
        if not _left(session, device.user_id, case_id, last.start, cursor)
    ]
    references = _references(session, held)
    return sorted(
        (
            Held(
                case_id,
                references.get(case_id, ""),
                _files(session, device.user_id, case_id, ranges),
                served[case_id].at,
            )
            for case_id in held
        ),
        key=lambda h: (h.service_reference, h.case_id),
    )


def _left(session: Session, user_id: str, case_id: str, since: int, cursor: int) -> bool:
    """Whether an exit or the case's tombstone reached the device at or after ``since``."""
    exit_seq = session.scalar(
        select(ScopeEvent.seq).where(
            ScopeEvent.user_id == user_id,
            ScopeEvent.case_id == case_id,
            ScopeEvent.seq >= since,
            ScopeEvent.seq <= cursor,
        )
    )
    if exit_seq is not None:
        return True
    case = session.get(Record, case_id)
    return case is None or (case.deleted and case.seq <= cursor)


def _references(session: Session, case_ids: list[str]) -> dict[str, str]:
    rows = session.execute(
        select(Record.id, Record.fields).where(Record.id.in_(case_ids), Record.kind == "case")
    )
    return {rid: str(fields.get("service_reference", "")) for rid, fields in rows}


def _files(
    session: Session, user_id: str, case_id: str, ranges: list[tuple[int, int]]
) -> list[str]:
    allocations = session.scalars(
        select(Allocation.party_file_id).where(
            Allocation.user_id == user_id, Allocation.case_id == case_id
        )
    ).all()
    if allocations and None not in allocations:
        return sorted(str(f) for f in allocations)
    query = select(Record.id).where(Record.kind == "party_file", Record.case_id == case_id)
    if not allocations and not ranges:
        return []
    if not allocations:
        served = or_(*(and_(ChangeLog.seq >= a, ChangeLog.seq <= b) for a, b in ranges))
        in_range = (
            select(Record.party_file_id)
            .join(ChangeLog, ChangeLog.record_id == Record.id)
            .where(Record.case_id == case_id, Record.party_file_id.is_not(None), served)
        )
        query = query.where(Record.id.in_(in_range))
    return sorted(session.scalars(query).all())
