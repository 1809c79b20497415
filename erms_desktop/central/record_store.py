"""Writing records: scope derivation, versions, per-field versions, tombstones, change log.

Every write - pushed by a device, made by an operator, or by the retention job - goes through
:func:`write`, so each change gets the next global ``seq`` and a change-log row (a push stages
its changes and numbers them together at the end, see :func:`number_staged`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from erms_desktop.central import counters
from erms_desktop.central.audit import Actor
from erms_desktop.central.models import ChangeLog, Record

#: Kinds whose records sit in one party file through a ``party_file_id`` field.
_FILE_FIELD_KINDS = frozenset({"note", "consent", "document", "contact", "risk_assessment"})
#: Kinds that scope checks look up as the parent of another record.
_PARENT_KINDS = frozenset({"case", "party_file"})


#: Where a record lives: (case_id, party_file_id); both empty for referrals.
Scope = tuple[str | None, str | None]


class RecordRefused(Exception):
    """A change that cannot be made; the message is the plain-English reason for the client."""


def scope_of(session: Session, kind: str, record_id: str, fields: dict[str, Any]) -> Scope:
    """The (case_id, party_file_id) a record lives in, checked against the stored hierarchy."""
    if kind == "referral":
        return (None, None)
    if kind == "case":
        return (record_id, None)
    if kind == "participant":
        parent = _live(session, "party_file", fields.get("party_file_id"))
        return (parent.case_id, parent.id)
    case_id = fields.get("case_id")
    _live(session, "case", case_id)
    if kind == "party_file":
        return (str(case_id), record_id)
    file_id = fields.get("party_file_id") if kind in _FILE_FIELD_KINDS else None
    if file_id is None:
        return (str(case_id), None)
    parent = _live(session, "party_file", file_id)
    if parent.case_id != case_id:
        raise RecordRefused("the party file belongs to another case")
    return (str(case_id), parent.id)


def _live(session: Session, kind: str, record_id: object) -> Record:
    # The identity map holds records weakly; pinning the parents for the session's life saves
    # a query per mutation when a batch adds several records to the same case.
    pinned: dict[str, Record] = session.info.setdefault("erms_parents", {})
    found = None
    if isinstance(record_id, str):
        found = pinned.get(record_id) or session.get(Record, record_id)
    if found is not None:
        pinned[found.id] = found
    if found is None or found.deleted or found.kind != kind:
        raise RecordRefused(f"the {kind.replace('_', ' ')} it belongs to does not exist")
    return found


def write(
    session: Session,
    actor: Actor,
    existing: Record | None,
    *,
    kind: str,
    record_id: str,
    scope: Scope,
    fields: dict[str, Any] | None,
    staged: list[Staged] | None = None,
) -> Record:
    """Create, update (``fields`` is the full new field set) or tombstone (``fields`` None).

    With ``staged``, the change-log number is left for :func:`number_staged` to give at the end
    of the transaction, so the global sequence stays locked only for the last few statements
    (a push); otherwise it is taken now."""
    now = datetime.now(UTC)
    seq = 0 if staged is not None else counters.take(session, counters.SEQ)
    if existing is None:
        if fields is None:
            raise RecordRefused(f"a {kind} record cannot be deleted before it exists")
        record = Record(**_new_row(kind, record_id, scope, fields, seq=seq, now=now))
        session.add(record)
    else:
        record = existing
        version = record.version + 1
        if fields is None:
            record.fields, record.field_versions, record.deleted = {}, {}, True
        else:
            changed = [name for name in fields if record.fields.get(name) != fields[name]]
            record.field_versions = {
                **record.field_versions,
                **dict.fromkeys(changed, version),
            }
            record.fields = fields
        record.version, record.seq, record.updated_at = version, seq, now
    change = Staged(record, record.version, record.deleted, now)
    if staged is None:
        _log(session, actor, change, seq)
    else:
        staged.append(change)
    session.flush()
    return record


def create_many(
    session: Session, actor: Actor, new: Iterable[tuple[str, str, dict[str, Any]]]
) -> int:
    """Create records the store does not hold yet, given as (kind, id, fields) with parents
    before children: a whole dataset in one go. Scopes are checked as for :func:`write`, but
    the change-log numbers are taken together and the records and their change-log rows go in
    as two bulk INSERTs (executemany), not a counter update, objects and a flush per record.
    Returns how many were created."""
    pinned: dict[str, Record] = session.info.setdefault("erms_parents", {})
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    for kind, record_id, fields in new:
        scope = scope_of(session, kind, record_id, fields)
        row = _new_row(kind, record_id, scope, fields, seq=0, now=now)  # numbered below
        if kind in _PARENT_KINDS:
            pinned[record_id] = Record(**row)  # so its children's scope checks find it
        rows.append(row)
    if not rows:
        return 0
    first = counters.take(session, counters.SEQ, len(rows))
    changes: list[dict[str, Any]] = []
    for offset, row in enumerate(rows):
        row["seq"] = first + offset
        changes.append(_change_row(actor, row["id"], row["kind"], row["seq"], at=now))
    session.execute(insert(Record), rows)
    session.execute(insert(ChangeLog), changes)
    return len(rows)


def _new_row(
    kind: str, record_id: str, scope: Scope, fields: dict[str, Any], *, seq: int, now: datetime
) -> dict[str, Any]:
    """A new record's columns: every field at version 1."""
    return {
        "id": record_id,
        "kind": kind,
        "case_id": scope[0],
        "party_file_id": scope[1],
        "fields": fields,
        "field_versions": dict.fromkeys(fields, 1),
        "version": 1,
        "deleted": False,
        "seq": seq,
        "updated_at": now,
    }


@dataclass(frozen=True, slots=True)
class Staged:
    """A change written in this transaction that still needs its change-log number."""

    record: Record
    version: int
    deleted: bool
    at: datetime


def number_staged(session: Session, actor: Actor, staged: list[Staged]) -> None:
    """Give staged changes their change-log numbers, in order. Takes the sequence lock, which
    is held to commit: call it last."""
    if not staged:
        return
    first = counters.take(session, counters.SEQ, len(staged))
    for offset, change in enumerate(staged):
        change.record.seq = first + offset
        _log(session, actor, change, first + offset)
    session.flush()


def _log(session: Session, actor: Actor, change: Staged, seq: int) -> None:
    record, at, version, deleted = change.record, change.at, change.version, change.deleted
    row = _change_row(actor, record.id, record.kind, seq, at=at, version=version, deleted=deleted)
    session.add(ChangeLog(**row))


def _change_row(
    actor: Actor,
    record_id: str,
    kind: str,
    seq: int,
    *,
    at: datetime,
    version: int = 1,
    deleted: bool = False,
) -> dict[str, Any]:
    """A change-log row; a new record's (version 1, not deleted) unless the caller says."""
    return {
        "seq": seq,
        "record_id": record_id,
        "kind": kind,
        "version": version,
        "deleted": deleted,
        "user_id": actor.user_id,
        "device_id": actor.device_id,
        "at": at,
    }


def resend_case(session: Session, case_ids: Iterable[str]) -> None:
    """Give a case's records fresh seqs so devices newly in scope receive them on their next
    pull (devices that already hold them get the same versions again, which changes nothing)."""
    for case_id in case_ids:
        ids = list(session.scalars(select(Record.id).where(Record.case_id == case_id)))
        if not ids:
            continue
        first = counters.take(session, counters.SEQ, len(ids))
        for offset, record_id in enumerate(sorted(ids)):
            session.execute(update(Record).where(Record.id == record_id).values(seq=first + offset))
