"""Conflicts the store could not merge, kept in the vault until the user resolves them.

Three shapes: ``fields`` (the same field changed here and there), ``deleted_here`` (deleted on
this laptop, changed on the store) and ``deleted_there`` (changed here, deleted on the store).
Both sides stay available until resolved: the local record keeps this laptop's values (and stays
marked dirty, so no pull overwrites it) and the store's latest copy is kept as the record's
"shadow". Resolving queues an ordinary outbox mutation based on the store's version.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from erms_desktop.domain.records import Fields
from erms_desktop.protocol.messages import Mutation
from erms_desktop.vault import Store, SyncReader, SyncTransaction

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
    tx: SyncTransaction, mutation: Mutation, type_: ConflictType, names: list[str]
) -> None:
    """Keep a conflict for a mutation the store could not apply."""
    _put(
        tx,
        mutation.record_id,
        kind=mutation.kind,
        type_=type_,
        names=names,
        changed=dict(mutation.fields),
    )


def conflict_from_rejections(tx: SyncTransaction, record_id: str, kind: str) -> bool:
    """The store deleted a record whose edits it had refused as "no such record": turn those
    refused edits into a ``deleted_there`` conflict. Returns whether there were any."""
    changed: Fields = {}
    for entry in tx.outbox_for(record_id, "rejected"):
        if entry.op == "upsert":
            changed.update(entry.fields)
    if not changed:
        return False
    tx.delete_outbox_for(record_id, "rejected")
    _put(
        tx,
        record_id,
        kind=kind,
        type_=ConflictType.DELETED_THERE,
        names=sorted(changed),
        changed=changed,
    )
    return True


def _put(
    tx: SyncTransaction,
    record_id: str,
    *,
    kind: str,
    type_: ConflictType,
    names: list[str],
    changed: Fields,
) -> None:
    """Keep a conflict with every field this laptop changed (merged with any conflict already
    open for the record); the record stays dirty so no pull overwrites it."""
    earlier = tx.json_state(CONFLICT + record_id) or {}
    tx.put_json_state(
        CONFLICT + record_id,
        {
            "kind": kind,
            "type": type_.value,
            "fields": sorted({*earlier.get("fields", []), *names}),
            "changed": {**earlier.get("changed", {}), **changed},
        },
    )
    tx.set_record(record_id, dirty=True)


def keep_shadow(
    tx: SyncTransaction, record_id: str, version: int, deleted: bool, fields: Fields | None
) -> None:
    """Remember the store's copy of a record held back locally (only if newer)."""
    known = tx.json_state(SHADOW + record_id)
    if known is None or known["version"] < version or (deleted and not known["deleted"]):
        shadow = {"version": version, "deleted": deleted, "fields": None if deleted else fields}
        tx.put_json_state(SHADOW + record_id, shadow)


def list_conflicts(store: Store) -> list[Conflict]:
    with store.sync_reader() as reader:
        raw = reader.json_states_with_prefix(CONFLICT)
        return [_conflict(reader, record_id, data) for record_id, data in sorted(raw.items())]


def _conflict(reader: SyncReader, record_id: str, data: dict[str, Any]) -> Conflict:
    here = reader.record(record_id)
    shadow = reader.json_state(SHADOW + record_id)
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
