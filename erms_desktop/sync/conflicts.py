"""Conflicts the store could not merge, kept in the vault until the user resolves them.

Three shapes: ``fields`` (the same field changed here and there), ``deleted_here`` (deleted on
this laptop, changed on the store) and ``deleted_there`` (changed here, deleted on the store).
Both sides stay available until resolved: the local record keeps this laptop's values (and stays
marked dirty, so no pull overwrites it) and the store's latest copy is kept as the record's
"shadow". Resolving queues an ordinary outbox mutation based on the store's version.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from erms_desktop.domain.records import Fields, from_fields
from erms_desktop.sync import local
from erms_desktop.sync.errors import SyncError
from erms_desktop.sync.protocol import Mutation
from erms_desktop.vault import Store
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.repository import write_fts
from erms_desktop.vault.store_base import dump, load

CONFLICT = "conflict:"
SHADOW = "shadow:"


class ConflictType(StrEnum):
    FIELDS = "fields"
    DELETED_HERE = "deleted_here"
    DELETED_THERE = "deleted_there"


class Choice(StrEnum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    MERGED = "merged"


@dataclass(frozen=True, slots=True)
class Conflict:
    record_id: str
    kind: str
    type: ConflictType
    fields: tuple[str, ...]
    mine: Fields  # this laptop's values of the conflicting fields (empty if deleted here)
    theirs: Fields | None  # the store's values of them (None if deleted there)


def record_conflict(
    db: Connection, mutation: Mutation, type_: ConflictType, names: list[str]
) -> None:
    """Keep a conflict for a mutation the store could not apply."""
    _put(
        db,
        mutation.record_id,
        kind=mutation.kind,
        type_=type_,
        names=names,
        changed=dict(mutation.fields),
    )


def conflict_from_rejections(db: Connection, record_id: str, kind: str) -> bool:
    """The store deleted a record whose edits it had refused as "no such record": turn those
    refused edits into a ``deleted_there`` conflict. Returns whether there were any."""
    rows = db.execute(
        "SELECT seq, op, fields FROM outbox WHERE record_id = ? AND status = 'rejected'"
        " ORDER BY seq",
        (record_id,),
    ).fetchall()
    changed: Fields = {}
    for _seq, op, text in rows:
        if op == "upsert":
            changed.update(load(text))
    if not changed:
        return False
    db.execute("DELETE FROM outbox WHERE record_id = ? AND status = 'rejected'", (record_id,))
    _put(
        db,
        record_id,
        kind=kind,
        type_=ConflictType.DELETED_THERE,
        names=sorted(changed),
        changed=changed,
    )
    return True


def _put(
    db: Connection,
    record_id: str,
    *,
    kind: str,
    type_: ConflictType,
    names: list[str],
    changed: Fields,
) -> None:
    """Keep a conflict with every field this laptop changed (merged with any conflict already
    open for the record); the record stays dirty so no pull overwrites it."""
    earlier = local.get_json(db, CONFLICT + record_id) or {}
    local.put_json(
        db,
        CONFLICT + record_id,
        {
            "kind": kind,
            "type": type_.value,
            "fields": sorted({*earlier.get("fields", []), *names}),
            "changed": {**earlier.get("changed", {}), **changed},
        },
    )
    local.set_record(db, record_id, dirty=True)


def keep_shadow(
    db: Connection, record_id: str, version: int, deleted: bool, fields: Fields | None
) -> None:
    """Remember the store's copy of a record held back locally (only if newer)."""
    known = local.get_json(db, SHADOW + record_id)
    if known is None or known["version"] < version or (deleted and not known["deleted"]):
        shadow = {"version": version, "deleted": deleted, "fields": None if deleted else fields}
        local.put_json(db, SHADOW + record_id, shadow)


def list_conflicts(store: Store) -> list[Conflict]:
    with local.reading(store) as db:
        raw = local.with_prefix(db, CONFLICT)
        return [_conflict(db, record_id, data) for record_id, data in sorted(raw.items())]


def _conflict(db: Connection, record_id: str, data: dict[str, Any]) -> Conflict:
    here = local.record(db, record_id)
    shadow = local.get_json(db, SHADOW + record_id)
    names = tuple(data["fields"])
    theirs = None if shadow is None or shadow["deleted"] else shadow["fields"]
    mine: Fields = {} if here is None or here.deleted else here.fields
    return Conflict(
        record_id=record_id,
        kind=data["kind"],
        type=ConflictType(data["type"]),
        fields=names,
        mine={name: mine.get(name) for name in names} if mine else {},
        theirs=None if theirs is None else {name: theirs.get(name) for name in names},
    )


def resolve(
    store: Store, record_id: str, choice: Choice, merged: Fields | None = None
) -> str | None:
    """Settle one conflict and queue the result for the next push, in one transaction.

    ``merged`` gives the value of each conflicting field for :attr:`Choice.MERGED`. Returns the
    id of the record that will carry this laptop's version: normally ``record_id``; for keeping
    an edit of a record the store deleted, a new copy with a new id (the store never revives a
    deleted record); None when the resolution leaves nothing to push.
    """
    with local.transaction(store) as db:
        data = local.get_json(db, CONFLICT + record_id)
        here = local.record(db, record_id)
        if data is None or here is None:
            raise SyncError("there is no open conflict for that record")
        shadow = local.get_json(db, SHADOW + record_id)
        if shadow is None:
            raise SyncError("the store's copy of that record is not known yet: sync first")
        kind = str(data["kind"])
        data["changed"] = {**data["changed"], **_pending_changes(db, record_id)}
        db.execute("DELETE FROM outbox WHERE record_id = ? AND status = 'pending'", (record_id,))
        local.drop(db, CONFLICT + record_id)
        local.drop(db, SHADOW + record_id)
        version = int(shadow["version"])
        if shadow["deleted"]:
            return _after_remote_delete(
                db,
                store=store,
                record_id=record_id,
                kind=kind,
                here=here,
                choice=choice,
                version=version,
            )
        theirs: Fields = shadow["fields"]
        if here.deleted and choice is Choice.KEEP_MINE:
            _queue(
                db,
                store=store,
                record_id=record_id,
                kind=kind,
                op="delete",
                base=version,
                fields={},
            )
            local.set_record(db, record_id, server_version=version, base_version=version)
            return record_id
        result = _resolved_fields(data, here.fields, theirs, choice, merged)
        from_fields(kind, result)  # a merged value must still make a valid record
        local.set_record(
            db,
            record_id,
            fields=result,
            server_version=version,
            base_version=version,
            deleted=False,
            dirty=False,
        )
        write_fts(db, kind, record_id, result)
        changed = {name: value for name, value in result.items() if theirs.get(name) != value}
        if not changed:
            return None
        _queue(
            db,
            store=store,
            record_id=record_id,
            kind=kind,
            op="upsert",
            base=version,
            fields=changed,
        )
        return record_id


def _pending_changes(db: Connection, record_id: str) -> Fields:
    """Edits made while the conflict was open (held back from pushes until it is resolved)."""
    changed: Fields = {}
    for (text,) in db.execute(
        "SELECT fields FROM outbox WHERE record_id = ? AND status = 'pending' ORDER BY seq",
        (record_id,),
    ).fetchall():
        changed.update(load(text))
    return changed


def _resolved_fields(
    data: dict[str, Any], mine: Fields, theirs: Fields, choice: Choice, merged: Fields | None
) -> Fields:
    names: list[str] = list(data["fields"])
    changed: Fields = {k: v for k, v in data["changed"].items() if k not in names}
    if choice is Choice.KEEP_MINE:
        picked = {name: mine.get(name) for name in names}
    elif choice is Choice.TAKE_THEIRS:
        picked = {name: theirs.get(name) for name in names}
    else:
        if merged is None or set(merged) != set(names):
            raise SyncError(f"a merged resolution gives a value for each of {names}")
        picked = dict(merged)
    return {**theirs, **changed, **picked}


def _after_remote_delete(
    db: Connection,
    *,
    store: Store,
    record_id: str,
    kind: str,
    here: local.LocalRecord,
    choice: Choice,
    version: int,
) -> str | None:
    """The store deleted the record. Taking theirs keeps the local edit in quarantine (never
    discarded); keeping mine re-creates the edited record under a new id."""
    if choice is Choice.TAKE_THEIRS or here.deleted:
        db.execute(
            "INSERT INTO quarantine (kind, record_id, fields, outbox, reason, quarantined_at)"
            " VALUES (?, ?, ?, '[]', ?, ?)",
            (kind, record_id, dump(here.fields), "edited here, deleted on the store", store._now()),
        )
        local.set_record(db, record_id, server_version=version, base_version=version)
        local.set_record(db, record_id, deleted=True, dirty=False)
        write_fts(db, kind, record_id, None)
        return None
    copy_id = str(uuid.uuid4())
    fields = {**here.fields, "id": copy_id}
    from_fields(kind, fields)
    local.set_record(db, record_id, deleted=True, dirty=False, server_version=version)
    write_fts(db, kind, record_id, None)
    db.execute(
        "INSERT INTO records (id, kind, case_id, party_file_id, fields, server_version,"
        " base_version, deleted, dirty, updated_at) SELECT ?, kind, case_id, party_file_id, ?,"
        " NULL, NULL, 0, 1, ? FROM records WHERE id = ?",
        (copy_id, dump(fields), store._now(), record_id),
    )
    write_fts(db, kind, copy_id, fields)
    _queue(db, store=store, record_id=copy_id, kind=kind, op="upsert", base=None, fields=fields)
    return copy_id


def _queue(
    db: Connection,
    *,
    store: Store,
    record_id: str,
    kind: str,
    op: str,
    base: int | None,
    fields: Fields,
) -> None:
    local.set_record(db, record_id, dirty=True)
    db.execute(
        "INSERT INTO outbox (kind, record_id, op, base_version, fields, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (kind, record_id, op, base, dump(fields), store._now()),
    )
