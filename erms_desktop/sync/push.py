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
from erms_desktop.protocol.messages import (
    Mutation,
    MutationOp,
    MutationResult,
    MutationStatus,
    PushResponse,
)
from erms_desktop.sync.conflicts import CONFLICT, SHADOW, ConflictType, keep_shadow, record_conflict
from erms_desktop.vault import RemoteChange, SyncReader, SyncTransaction

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


def anything_to_push(reader: SyncReader, answered: Batch | None = None) -> bool:
    """A cheap read, so an idle cycle opens no write transaction. ``answered``: the batch whose
    answer is in hand but not settled yet (its outbox entries are not due again)."""
    if answered is None:
        return reader.json_state(BATCH) is not None or reader.outbox_count("pending") > 0
    return reader.outbox_count("pending") > sum(len(seqs) for seqs in answered.outbox)


def plan_batch(tx: SyncTransaction, limit: int = MAX_BATCH) -> Batch | None:
    """The batch in flight, or a new one from the pending outbox (None when nothing is due).
    Records with an open conflict are held back until the user resolves it."""
    stored = tx.json_state(BATCH)
    if stored is not None:
        return Batch.from_json(stored)
    held = set(tx.json_states_with_prefix(CONFLICT))
    groups: dict[str, list[tuple[int, str, str, Fields]]] = {}
    for entry in tx.outbox("pending", limit * 4):
        record_id = entry.record_id
        if record_id in held or (record_id not in groups and len(groups) >= limit):
            continue
        groups.setdefault(record_id, []).append((entry.seq, entry.kind, entry.op, entry.fields))
    next_seq = int(tx.json_state(NEXT_SEQ) or 1)
    mutations: list[Mutation] = []
    outbox: list[list[int]] = []
    for record_id, entries in groups.items():
        mutation = _fold(tx, record_id, entries, next_seq)
        if mutation is None:
            continue
        mutations.append(mutation)
        outbox.append(_seqs(entries))
        next_seq += 1
    if not mutations:
        return None
    batch = Batch(mutations, outbox)
    tx.put_json_state(BATCH, batch.to_json())
    tx.put_json_state(NEXT_SEQ, next_seq)
    return batch


def renumber(tx: SyncTransaction, batch: Batch, first: int) -> Batch:
    """Give the stored, unanswered batch the numbers from ``first`` on (the store refused it
    with a sequence gap, so it has answered none of them)."""
    mutations = [
        m.model_copy(update={"device_seq": first + i}) for i, m in enumerate(batch.mutations)
    ]
    renumbered = Batch(mutations, batch.outbox)
    tx.put_json_state(BATCH, renumbered.to_json())
    tx.put_json_state(NEXT_SEQ, first + len(mutations))
    return renumbered


def _fold(
    tx: SyncTransaction,
    record_id: str,
    entries: list[tuple[int, str, str, Fields]],
    device_seq: int,
) -> Mutation | None:
    here = tx.record(record_id)
    if here is None:
        return None
    kind = entries[0][1]
    base = here.base_version
    if base is None and here.deleted:
        # Created and deleted again before it ever reached the store: nothing to send.
        tx.delete_outbox(_seqs(entries))
        tx.forget(kind, record_id)
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


def _seqs(entries: list[tuple[int, str, str, Fields]]) -> list[int]:
    return [entry[0] for entry in entries]


@dataclass(slots=True)
class Settled:
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0


def settle(tx: SyncTransaction, batch: Batch, response: PushResponse) -> Settled:
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
            _applied(tx, mutation, seqs, result.version)
            settled.applied += 1
        elif status is MutationStatus.CONFLICT:
            _conflict(tx, mutation, seqs, result)
            settled.conflicts += 1
        else:
            _rejected(tx, mutation, seqs, result)
            settled.rejected += 1
    tx.drop_state(BATCH)
    return settled


def _applied(tx: SyncTransaction, mutation: Mutation, seqs: list[int], version: int) -> None:
    """The store holds this laptop's change at ``version``. If the local copy then certainly
    equals the store's record it takes that version; otherwise it keeps the last version it
    matched, so the next pull brings the store's merged record."""
    tx.delete_outbox(seqs)
    record_id = mutation.record_id
    here = tx.record(record_id)
    if here is None:
        return
    later = [entry.fields for entry in tx.outbox_for(record_id, "pending")]
    shadow = tx.json_state(SHADOW + record_id)
    tx.drop_state(SHADOW + record_id)
    dirty = bool(later) or bool(tx.outbox_for(record_id, "rejected"))
    if mutation.op is MutationOp.DELETE:
        if dirty:
            tx.set_record(record_id, server_version=version, base_version=version, dirty=True)
        else:  # the store holds the deletion: keep what its own tombstone would leave, no more
            tombstone = RemoteChange(mutation.kind, record_id, version, deleted=True, fields=None)
            tx.store_remote(tombstone)
        return
    known = max(here.server_version or 0, shadow["version"] if shadow else 0)
    start: Fields = here.fields
    if shadow is not None and not shadow["deleted"]:
        start = {**shadow["fields"], **mutation.fields}
        for changed in later:
            start.update(changed)
    if version in (known, known + 1):
        tx.set_record(
            record_id, fields=start, server_version=version, base_version=version, dirty=dirty
        )
    else:
        tx.set_record(record_id, server_version=known, base_version=version, dirty=dirty)


def _conflict(
    tx: SyncTransaction, mutation: Mutation, seqs: list[int], result: MutationResult
) -> None:
    tx.delete_outbox(seqs)
    if result.server_fields is not None and result.version is not None:
        keep_shadow(tx, mutation.record_id, result.version, False, result.server_fields)
    if mutation.op is MutationOp.DELETE:
        type_, names = ConflictType.DELETED_HERE, list(result.conflicting_fields)
    else:
        type_, names = ConflictType.FIELDS, list(result.conflicting_fields)
        if not names:  # a repeat answer lost the field list: compare with the store's copy
            shadow = tx.json_state(SHADOW + mutation.record_id) or {"fields": {}}
            theirs = shadow.get("fields") or {}
            names = [n for n, v in mutation.fields.items() if theirs.get(n) != v]
    record_conflict(tx, mutation, type_, names)


def _rejected(
    tx: SyncTransaction, mutation: Mutation, seqs: list[int], result: MutationResult
) -> None:
    shadow = tx.json_state(SHADOW + mutation.record_id)
    if shadow is not None and shadow["deleted"] and mutation.op is MutationOp.UPDATE:
        tx.delete_outbox(seqs)
        names = sorted(mutation.fields)
        record_conflict(tx, mutation, ConflictType.DELETED_THERE, names)
        return
    reason = result.reason or "refused by the central store"
    if result.status is MutationStatus.SKIPPED:
        reason = "refused by the central store (the reason was lost when the answer was repeated)"
    tx.reject_outbox(seqs, reason)
    tx.set_record(mutation.record_id, dirty=True)
