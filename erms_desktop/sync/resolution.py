"""Resolving a conflict: the user's choice becomes an ordinary outbox mutation based on the
store's latest version, written with the local record in one vault transaction."""

from __future__ import annotations

import uuid
from typing import Any

from erms_desktop.domain.records import Fields, from_fields
from erms_desktop.sync import local
from erms_desktop.sync.conflicts import CONFLICT, SHADOW, Choice
from erms_desktop.sync.errors import SyncError
from erms_desktop.vault import Store
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.repository import write_fts
from erms_desktop.vault.store_base import dump, load


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
