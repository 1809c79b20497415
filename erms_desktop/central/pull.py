"""Pulling: the changes visible to the user after a cursor, in pages; and the sanity digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.orm import Session

from erms_desktop.central import audit, counters, holdings
from erms_desktop.central.access import Principal, load_grants
from erms_desktop.central.models import Device, Record, ScopeEvent, table
from erms_desktop.protocol.messages import (
    CaseDigest,
    Change,
    PullResponse,
    RecordChange,
    ScopeExit,
    ScopeExitReason,
    case_digest,
)


def pull(session: Session, principal: Principal, cursor: int, limit: int) -> PullResponse:
    device_id = principal.laptop()
    values = counters.read(session, counters.SEQ, counters.TOMBSTONE_FLOOR)
    head, floor = values[counters.SEQ], values[counters.TOMBSTONE_FLOOR]
    if cursor > head or 0 < cursor < floor:
        return PullResponse(changes=[], cursor=0, more=False, resync_required=True)
    grants = load_grants(session, principal)
    records = session.execute(
        select(*_CHANGE_COLUMNS)
        .where(Record.seq > cursor, grants.visible())
        .order_by(Record.seq)
        .limit(limit + 1)
    ).all()
    exits = session.scalars(
        select(ScopeEvent)
        .where(ScopeEvent.user_id == principal.user_id, ScopeEvent.seq > cursor)
        .order_by(ScopeEvent.seq)
        .limit(limit + 1)
    ).all()
    merged: list[Change] = sorted(
        [*(_record_change(r) for r in records), *(_scope_exit(e) for e in exits)],
        key=lambda change: change.seq,
    )
    more = len(merged) > limit
    page = merged[:limit]
    # Seqs up to ``head`` were all committed when it was read (see counters.py), so a page
    # that is not full lets the cursor jump to the head even past changes the user cannot see.
    new_cursor = page[-1].seq if more else max([head, cursor, *(c.seq for c in page)])
    _note_sync(session, device_id)
    holdings.note_pulled(session, device_id, page)
    case_ids = {c.case_id for c in page if c.case_id is not None}
    if page:
        audit.record(
            session,
            principal.actor,
            "pull",
            # The seq range and the change log say exactly which records were served.
            f"{len(page)} changes, seq {cursor + 1}-{new_cursor}",
            case_ids,
        )
    return PullResponse(changes=page, cursor=new_cursor, more=more)


_SYNC_GRANULARITY = timedelta(seconds=60)


_DEVICES = table(Device)
# Built once on the table (see counters.py): every pull runs it.
_NOTE_SYNC = (
    update(_DEVICES)
    .where(
        _DEVICES.c.id == bindparam("device"),
        _DEVICES.c.last_sync_at.is_(None) | (_DEVICES.c.last_sync_at < bindparam("stale")),
    )
    .values(last_sync_at=bindparam("now"))
)


def _note_sync(session: Session, device_id: str) -> None:
    """Record the device's last sync, at most once a minute: a pull that finds nothing new
    then writes nothing at all."""
    now = datetime.now(UTC)
    session.execute(_NOTE_SYNC, {"device": device_id, "stale": now - _SYNC_GRANULARITY, "now": now})


_CHANGE_COLUMNS = (
    Record.seq,
    Record.kind,
    Record.id,
    Record.case_id,
    Record.party_file_id,
    Record.version,
    Record.deleted,
    Record.fields,
)


def _record_change(row: Row[Any]) -> RecordChange:
    """The change a stored row makes. Built without validation: the columns are typed by the
    schema and the fields were checked by the codec when they were written, and a page is
    thousands of them (the laptop validates everything it receives in any case)."""
    return RecordChange.model_construct(
        seq=row.seq,
        kind=row.kind,
        id=row.id,
        case_id=row.case_id,
        party_file_id=row.party_file_id,
        version=row.version,
        deleted=row.deleted,
        fields=row.fields,
    )


def _scope_exit(event: ScopeEvent) -> ScopeExit:
    return ScopeExit(seq=event.seq, case_id=event.case_id, reason=ScopeExitReason(event.reason))


def digests(session: Session, principal: Principal, case_id: str | None) -> list[CaseDigest]:
    """Per-case digests over the live records the user can see (all their cases, or one)."""
    principal.laptop()  # a laptop's check of its own copy: an office session holds none
    grants = load_grants(session, principal)
    query = select(Record.case_id, Record.kind, Record.id, Record.version).where(
        Record.deleted.is_(False), Record.case_id.is_not(None), grants.visible()
    )
    if case_id is not None:
        query = query.where(Record.case_id == case_id)
    by_case: dict[str, list[tuple[str, str, int]]] = {}
    for row_case, kind, record_id, version in session.execute(query):
        by_case.setdefault(str(row_case), []).append((kind, record_id, version))
    if case_id is not None and not by_case:
        return []
    audit.record(
        session,
        principal.actor,
        "digest",
        f"{len(by_case)} cases",
        by_case,
    )
    return [case_digest(cid, rows) for cid, rows in sorted(by_case.items())]
