"""The hand-over package of a laptop check-in: everything the vault holds that the store does not
- drafts, quarantined work (cases that left the volunteer's scope), changes the store refused,
open conflicts, anything still unsent - as items, each with the change that would apply it.

The package is encrypted to the organisation's recovery public key with the vault's own recovery
wrap (sync/office_export.py's format, bound to the label), so the store keeps it opaque; only
its manifest (item ids, case ids, kinds: no case content) is readable there. Office staff decrypt
it with the private key in memory and apply each item through the store's push validation.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from erms_desktop.domain.notes import Note
from erms_desktop.domain.records import to_fields
from erms_desktop.protocol.checkin import HandoverItemInfo, HandoverKind, HandoverUpload
from erms_desktop.protocol.messages import Mutation, MutationOp
from erms_desktop.sync.conflicts import list_conflicts
from erms_desktop.sync.errors import SyncError
from erms_desktop.vault import Store
from erms_desktop.vault.sync_reader import OutboxEntry
from erms_desktop.vault.wrap import UnwrapFailed, unwrap_with_recovery, wrap_for_recovery


@dataclass(frozen=True, slots=True)
class Item:
    info: HandoverItemInfo
    mutation: Mutation | None  # None: nothing the store could apply (kept for the record)
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "info": self.info.model_dump(mode="json"),
            "mutation": None if self.mutation is None else self.mutation.model_dump(mode="json"),
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Item:
        mutation = raw.get("mutation")
        return cls(
            HandoverItemInfo.model_validate(raw["info"]),
            None if mutation is None else Mutation.model_validate(mutation),
            dict(raw.get("detail") or {}),
        )


def handover_items(store: Store) -> list[Item]:
    """Every piece of local work the store does not hold, as items."""
    with store.sync_reader() as reader:
        where = {rid: (case, version) for case, _kind, rid, version in reader.live_versions()}
    items = [_draft(note) for note in store.drafts()]
    for q in store.quarantined():
        case_id = _case(q.fields or {}, where, q.record_id)
        item_id = f"quarantined:{q.id}"
        change = _from_outbox(q.kind, q.record_id, q.fields, q.outbox)
        items.append(_item(item_id, case_id, HandoverKind.QUARANTINED, q.kind, change, q.reason))
    for kind, entries in (
        (HandoverKind.REFUSED, store.rejected_outbox()),
        (HandoverKind.UNSENT, store.pending_outbox(limit=1_000_000)),
    ):
        for entry in entries:
            items.append(_outbox_item(kind, entry, where))
    for conflict in list_conflicts(store):
        case_id, version = where.get(conflict.record_id, (None, 0))
        change = Mutation(
            device_seq=1,
            kind=conflict.kind,
            record_id=conflict.record_id,
            op=MutationOp.UPDATE,
            base_version=version,
            fields=dict(conflict.mine),
        )
        item_id = f"conflict:{conflict.record_id}"
        reason = f"conflict on {', '.join(conflict.fields)}"
        items.append(_item(item_id, case_id, HandoverKind.CONFLICT, conflict.kind, change, reason))
    return items


def record_ids(items: list[Item]) -> set[str]:
    return {item.mutation.record_id for item in items if item.mutation is not None}


def seal(items: list[Item], public_key: X25519PublicKey, label: str) -> HandoverUpload:
    """The package to upload: the items encrypted to the organisation, and the manifest."""
    plaintext = json.dumps([item.to_json() for item in items], sort_keys=True).encode()
    blob = wrap_for_recovery(plaintext, public_key, label)
    return HandoverUpload(
        package_id=str(uuid.uuid4()),
        label=label,
        blob=base64.b64encode(blob).decode("ascii"),
        items=[item.info for item in items],
    )


def open_package(blob: str, label: str, private_key: X25519PrivateKey) -> list[Item]:
    """The office side: the items of a package, decrypted in memory with the private key."""
    try:
        plaintext = unwrap_with_recovery(base64.b64decode(blob), private_key, label)
    except (UnwrapFailed, ValueError) as exc:
        raise SyncError("the hand-over cannot be opened with this key (or it was altered)") from exc
    return [Item.from_json(raw) for raw in json.loads(plaintext)]


def _draft(note: Note) -> Item:
    fields = dict(to_fields(note))
    change = Mutation(
        device_seq=1,
        kind="note",
        record_id=note.id,
        op=MutationOp.CREATE,
        base_version=0,
        fields=fields,
    )
    item_id = f"draft:{note.id}"
    return _item(item_id, note.case_id, HandoverKind.DRAFT, "note", change, "an unfinished note")


def _outbox_item(kind: HandoverKind, entry: OutboxEntry, where: dict[str, tuple[str, int]]) -> Item:
    case_id = _case(entry.fields, where, entry.record_id)
    raw = {"op": entry.op, "base_version": entry.base_version, "fields": entry.fields}
    change = _from_outbox(entry.kind, entry.record_id, entry.fields, [raw])
    item_id = f"{kind.value}:{entry.seq}"
    return _item(item_id, case_id, kind, entry.kind, change, entry.reason or kind.value)


def _from_outbox(
    kind: str, record_id: str, fields: dict[str, Any] | None, queued: list[dict[str, Any]]
) -> Mutation | None:
    """One change standing for a record's queued mutations (a create when the first was one)."""
    if not queued:
        return None
    first = int(queued[0].get("base_version") or 0)
    if any(q.get("op") == "delete" for q in queued) or (fields is None and first):
        op, body = MutationOp.DELETE, {}
    elif first == 0:
        op = MutationOp.CREATE
        body = dict(fields or {})
        for q in queued:
            body.update(q.get("fields") or {})
    else:
        op, body = MutationOp.UPDATE, {}
        for q in queued:
            body.update(q.get("fields") or {})
    return Mutation(
        device_seq=1, kind=kind, record_id=record_id, op=op, base_version=first, fields=body
    )


def _item(  # noqa: PLR0917 - the item's parts, in the manifest's order
    item_id: str,
    case_id: str | None,
    kind: HandoverKind,
    record_kind: str,
    change: Mutation | None,
    reason: str,
) -> Item:
    info = HandoverItemInfo(
        item_id=item_id,
        case_id=case_id,
        kind=kind,
        record_kind=record_kind,
        record_id=None if change is None else change.record_id,
    )
    return Item(info, change, {"reason": reason})


def _case(fields: dict[str, Any], where: dict[str, tuple[str, int]], record_id: str) -> str | None:
    found = fields.get("case_id") or where.get(record_id, (None, 0))[0]
    return str(found) if found else None
