"""Pushing the outbox: numbered batches that survive a crash, and settling the store's answers.

A batch is planned in one vault transaction: the pending outbox entries of each record are folded
into one mutation, numbered from the device's counter, and the whole batch is stored before it is
sent. Until its answer is settled the same batch (same numbers) is sent again, so a lost reply or
a crash is harmless: the store answers repeats as ``skipped`` with the original outcome. Settling
the answer - acknowledgements with their new versions, conflicts, rejections, and forgetting the
batch - is again one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from erms_desktop.domain.records import Fields
from erms_desktop.sync import local
from erms_desktop.sync.conflicts import CONFLICT, SHADOW, ConflictType, keep_shadow, record_conflict
from erms_desktop.sync.protocol import (
    Mutation,
    MutationOp,
    MutationResult,
    MutationStatus,
    PushResponse,
)
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.store_base import load

BATCH = "push.batch"
NEXT_SEQ = "push.next_seq"
MAX_BATCH = 200
_NOT_THERE = "no such record"


@dataclass(frozen=True, slots=True)
class Batch:
    mutations: list[Mutation]
    outbox: list[list[int]]  # the outbox entries each mutation stands for

    def to_json(self) -> dict[str, Any]:
        return {
            "mutations": [m.model_dump(mode="json") for m in self.mutations],
            "outbox": self.outbox,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Batch:
        return cls([Mutation.model_validate(m) for m in data["mutations"]], data["outbox"])


def anything_to_push(db: Connection) -> bool:
    """A cheap read, so an idle cycle opens no write transaction."""
    return local.get_json(db, BATCH) is not None or local.pending_count(db) > 0


def plan_batch(db: Connection, limit: int = MAX_BATCH) -> Batch | None:
    """The batch in flight, or a new one from the pending outbox (None when nothing is due).
    Records with an open conflict are held back until the user resolves it."""
    stored = local.get_json(db, BATCH)
    if stored is not None:
        return Batch.from_json(stored)
    held = set(local.with_prefix(db, CONFLICT))
    groups: dict[str, list[tuple[int, str, str, Fields]]] = {}
    for seq, kind, record_id, op, fields in db.execute(
        "SELECT seq, kind, record_id, op, fields FROM outbox WHERE status = 'pending'"
        " ORDER BY seq LIMIT ?",
        (limit * 4,),
    ).fetchall():
        if record_id in held or (record_id not in groups and len(groups) >= limit):
            continue
        groups.setdefault(record_id, []).append((seq, kind, op, load(fields)))
    next_seq = int(local.get_json(db, NEXT_SEQ) or 1)
    mutations: list[Mutation] = []
    outbox: list[list[int]] = []
    for record_id, entries in groups.items():
        mutation = _fold(db, record_id, entries, next_seq)
        if mutation is None:
            continue
        mutations.append(mutation)
        outbox.append([seq for seq, *_ in entries])
        next_seq += 1
    if not mutations:
        return None
    batch = Batch(mutations, outbox)
    local.put_json(db, BATCH, batch.to_json())
    local.put_json(db, NEXT_SEQ, next_seq)
    return batch


def renumber(db: Connection, batch: Batch, first: int) -> Batch:
    """Give the stored, unanswered batch the numbers from ``first`` on (the store refused it
    with a sequence gap, so it has answered none of them)."""
    mutations = [
        m.model_copy(update={"device_seq": first + i}) for i, m in enumerate(batch.mutations)
    ]
    renumbered = Batch(mutations, batch.outbox)
    local.put_json(db, BATCH, renumbered.to_json())
    local.put_json(db, NEXT_SEQ, first + len(mutations))
    return renumbered


def _fold(
    db: Connection, record_id: str, entries: list[tuple[int, str, str, Fields]], device_seq: int
) -> Mutation | None:
    here = local.record(db, record_id)
    if here is None:
        return None
    kind = entries[0][1]
    base = here.base_version
    if base is None and here.deleted:
        # Created and deleted again before it ever reached the store: nothing to send.
        _delete_entries(db, _seqs(entries))
        local.set_record(db, record_id, dirty=False)
        return None
    if base is None:
        op, fields = MutationOp.CREATE, here.fields
    elif here.deleted:
        op, fields = MutationOp.DELETE, {}
    else:
        op, fields = MutationOp.UPDATE, {}
        for _seq, _kind, _op, changed in entries:
            fields.update(changed)
    return Mutation(
        device_seq=device_seq,
        kind=kind,
        record_id=record_id,
        op=op,
        base_version=base or 0,
        fields=fields,
    )


def _marks(entries: list[tuple[int, str, str, Fields]] | list[int]) -> str:
    return ", ".join("?" for _ in entries)


def _seqs(entries: list[tuple[int, str, str, Fields]]) -> list[int]:
    return [entry[0] for entry in entries]


@dataclass(slots=True)
class Settled:
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0


def settle(db: Connection, batch: Batch, response: PushResponse) -> Settled:
    """Apply the store's answer to the batch and forget the batch, in the caller's transaction."""
    results = {result.device_seq: result for result in response.results}
    settled = Settled()
    for mutation, seqs in zip(batch.mutations, batch.outbox, strict=True):
        result = results.get(mutation.device_seq)
        if result is None:
            continue  # not answered: stays pending and goes into a later batch
        status = result.status
        if status is MutationStatus.SKIPPED:
            status = result.original_status or MutationStatus.REJECTED
        if status is MutationStatus.APPLIED and result.version is not None:
            _applied(db, mutation, seqs, result.version)
            settled.applied += 1
        elif status is MutationStatus.CONFLICT:
            _conflict(db, mutation, seqs, result)
            settled.conflicts += 1
        else:
            _rejected(db, mutation, seqs, result)
            settled.rejected += 1
    local.drop(db, BATCH)
    return settled


def _delete_entries(db: Connection, seqs: list[int]) -> None:
    db.execute(f"DELETE FROM outbox WHERE seq IN ({_marks(seqs)})", seqs)  # noqa: S608


def _remaining(db: Connection, record_id: str) -> list[Fields]:
    rows = db.execute(
        "SELECT fields FROM outbox WHERE record_id = ? AND status = 'pending' ORDER BY seq",
        (record_id,),
    ).fetchall()
    return [load(row[0]) for row in rows]


def _applied(db: Connection, mutation: Mutation, seqs: list[int], version: int) -> None:
    """The store holds this laptop's change at ``version``. If the local copy then certainly
    equals the store's record it takes that version; otherwise it keeps the last version it
    matched, so the next pull brings the store's merged record."""
    _delete_entries(db, seqs)
    record_id = mutation.record_id
    here = local.record(db, record_id)
    if here is None:
        return
    later = _remaining(db, record_id)
    shadow = local.get_json(db, SHADOW + record_id)
    local.drop(db, SHADOW + record_id)
    rejected_left = db.execute(
        "SELECT count(*) FROM outbox WHERE record_id = ? AND status = 'rejected'", (record_id,)
    ).fetchone()[0]
    dirty = bool(later) or bool(rejected_left)
    if mutation.op is MutationOp.DELETE:
        local.set_record(db, record_id, server_version=version, base_version=version, dirty=dirty)
        return
    known = max(here.server_version or 0, shadow["version"] if shadow else 0)
    start: Fields = here.fields
    if shadow is not None and not shadow["deleted"]:
        start = {**shadow["fields"], **mutation.fields}
        for changed in later:
            start.update(changed)
    if version in (known, known + 1):
        local.set_record(
            db, record_id, fields=start, server_version=version, base_version=version, dirty=dirty
        )
    else:
        local.set_record(db, record_id, server_version=known, base_version=version, dirty=dirty)


def _conflict(db: Connection, mutation: Mutation, seqs: list[int], result: MutationResult) -> None:
    _delete_entries(db, seqs)
    if result.server_fields is not None and result.version is not None:
        keep_shadow(db, mutation.record_id, result.version, False, result.server_fields)
    if mutation.op is MutationOp.DELETE:
        type_, names = ConflictType.DELETED_HERE, list(result.conflicting_fields)
    else:
        type_, names = ConflictType.FIELDS, list(result.conflicting_fields)
        if not names:  # a repeat answer lost the field list: compare with the store's copy
            shadow = local.get_json(db, SHADOW + mutation.record_id) or {"fields": {}}
            theirs = shadow.get("fields") or {}
            names = [n for n, v in mutation.fields.items() if theirs.get(n) != v]
    record_conflict(db, mutation, type_, names)


def _rejected(db: Connection, mutation: Mutation, seqs: list[int], result: MutationResult) -> None:
    shadow = local.get_json(db, SHADOW + mutation.record_id)
    if shadow is not None and shadow["deleted"] and mutation.op is MutationOp.UPDATE:
        _delete_entries(db, seqs)
        names = sorted(mutation.fields)
        record_conflict(db, mutation, ConflictType.DELETED_THERE, names)
        return
    reason = result.reason or "refused by the central store"
    if result.status is MutationStatus.SKIPPED:
        reason = "refused by the central store (the reason was lost when the answer was repeated)"
    db.execute(
        f"UPDATE outbox SET status = 'rejected', reason = ? WHERE seq IN ({_marks(seqs)})",  # noqa: S608
        [reason, *seqs],
    )
    local.set_record(db, mutation.record_id, dirty=True)
