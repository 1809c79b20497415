"""Resolving a conflict: the user's choice becomes an ordinary outbox mutation based on the
store's latest version, written with the local record in one vault transaction."""

from __future__ import annotations

import uuid
from typing import Any

from erms_desktop.domain.records import Fields, from_fields
from erms_desktop.sync.conflicts import CONFLICT, SHADOW, Choice
from erms_desktop.sync.errors import SyncError
from erms_desktop.vault import LocalRecord, Store, SyncTransaction


def resolve(
    store: Store, record_id: str, choice: Choice, merged: Fields | None = None
) -> str | None:
    """Settle one conflict and queue the result for the next push, in one transaction.

    ``merged`` gives the value of each conflicting field for :attr:`Choice.MERGED`. Returns the
    id of the record that will carry this laptop's version: normally ``record_id``; for keeping
    an edit of a record the store deleted, a new copy with a new id (the store never revives a
    deleted record); None when the resolution leaves nothing to push.
    """
    with store.sync_transaction() as tx:
        data = tx.json_state(CONFLICT + record_id)
        here = tx.record(record_id)
        if data is None or here is None:
            raise SyncError("there is no open conflict for that record")
        shadow = tx.json_state(SHADOW + record_id)
        if shadow is None:
            raise SyncError("the store's copy of that record is not known yet: sync first")
        kind = str(data["kind"])
        data["changed"] = {**data["changed"], **_pending_changes(tx, record_id)}
        tx.delete_outbox_for(record_id, "pending")
        tx.drop_state(CONFLICT + record_id)
        tx.drop_state(SHADOW + record_id)
        version = int(shadow["version"])
        if shadow["deleted"]:
            return _after_remote_delete(
                tx,
                record_id=record_id,
                kind=kind,
                here=here,
                choice=choice,
                version=version,
            )
        theirs: Fields = shadow["fields"]
        if here.deleted and choice is Choice.KEEP_MINE:
            tx.queue_mutation(kind, record_id, "delete", version, {})
            tx.set_record(record_id, server_version=version, base_version=version)
            return record_id
        result = _resolved_fields(data, here.fields, theirs, choice, merged)
        from_fields(kind, result)  # a merged value must still make a valid record
        tx.set_record(
            record_id,
            fields=result,
            server_version=version,
            base_version=version,
            deleted=False,
            dirty=False,
        )
        tx.reindex(kind, record_id, result)
        changed = {name: value for name, value in result.items() if theirs.get(name) != value}
        if not changed:
            return None
        tx.queue_mutation(kind, record_id, "upsert", version, changed)
        return record_id


def _pending_changes(tx: SyncTransaction, record_id: str) -> Fields:
    """Edits made while the conflict was open (held back from pushes until it is resolved)."""
    changed: Fields = {}
    for entry in tx.outbox_for(record_id, "pending"):
        changed.update(entry.fields)
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
    tx: SyncTransaction,
    record_id: str,
    *,
    kind: str,
    here: LocalRecord,
    choice: Choice,
    version: int,
) -> str | None:
    """The store deleted the record. Taking theirs keeps the local edit in quarantine (never
    discarded); keeping mine re-creates the edited record under a new id."""
    if choice is Choice.TAKE_THEIRS or here.deleted:
        tx.quarantine_fields(kind, record_id, here.fields, "edited here, deleted on the store")
        tx.set_record(record_id, server_version=version, base_version=version)
        tx.set_record(record_id, deleted=True, dirty=False)
        tx.reindex(kind, record_id, None)
        return None
    copy_id = str(uuid.uuid4())
    fields = {**here.fields, "id": copy_id}
    from_fields(kind, fields)
    tx.set_record(record_id, deleted=True, dirty=False, server_version=version)
    tx.reindex(kind, record_id, None)
    tx.copy_record(record_id, copy_id, fields)
    tx.reindex(kind, copy_id, fields)
    tx.queue_mutation(kind, copy_id, "upsert", None, fields)
    return copy_id
