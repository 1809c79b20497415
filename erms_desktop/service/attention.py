"""Attention items, in the volunteer's words: conflicts the sync engine found, what the vault
itself holds (changes the office refused, and quarantined work), and a one-line notice for each
case the office took away. Each names the case by its reference and says what the record is
("your note of 12/03 on the victim file"), never a record kind or a code.

Nothing is ever dropped. "Leave it for the office" moves a refused change into quarantine (kept
encrypted for staff at check-in); "Understood" records that the volunteer has seen quarantined
work or a removed case; "Try sending again" needs the sync client and is passed on to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.domain.case import Case
from erms_desktop.domain.parties import PartyFile
from erms_desktop.domain.records import Fields
from erms_desktop.service.attention_words import describe, why_kept, why_left
from erms_desktop.service.case_list import case_of
from erms_desktop.service.models import AttentionItem, AttentionKind, ResolveAction
from erms_desktop.sync.scope import LEFT

if TYPE_CHECKING:
    from erms_desktop.sync.conflicts import Conflict
    from erms_desktop.vault import Store

_SEEN = "shell.quarantine_seen."
_ACKNOWLEDGE = (ResolveAction.LEAVE_FOR_OFFICE, ResolveAction.UNDERSTOOD)


class _Places:
    """Which case and which file a record is in, read once per listing."""

    def __init__(self, store: Store) -> None:
        self.store = store
        files = store.find_all(PartyFile)
        self.file_cases = {f.id: f.case_id for f in files}
        self.file_sides = {f.id: f.side.value for f in files}
        self.references = {c.id: c.service_reference for c in store.find_all(Case)}
        with store.sync_reader() as reader:
            notices = reader.json_states_with_prefix(LEFT)
        self.left = {case_id: n for case_id, n in notices.items() if isinstance(n, dict)}
        for notice in self.left.values():  # the files of cases that left, for kept work
            self.file_sides.update(notice.get("files") or {})

    def reference(self, kind: str, record_id: str, fields: Fields) -> str:
        case_id = case_of(self.store, kind, record_id, fields, self.file_cases) or ""
        gone = self.left.get(case_id, {})
        return self.references.get(case_id) or str(gone.get("reference", ""))


def conflict_items(store: Store, found: list[Conflict]) -> list[AttentionItem]:
    """A record changed both here and at the office: the volunteer picks which version stays."""
    places = _Places(store)
    items = []
    for conflict in found:
        fields = ", ".join(field.replace("_", " ") for field in conflict.fields)
        reference = places.reference(conflict.kind, conflict.record_id, {})
        items.append(
            AttentionItem(
                item_id=f"conflict:{conflict.record_id}",
                kind=AttentionKind.CONFLICT,
                service_reference=reference,
                summary=(
                    f"{describe(conflict.kind, {}, places.file_sides, reference)} was changed "
                    f"here and at the office ({fields}). Choose which version to keep."
                ),
                actions=(ResolveAction.KEEP_MINE, ResolveAction.KEEP_CENTRAL),
            )
        )
    return items


def attention_items(store: Store) -> list[AttentionItem]:
    places = _Places(store)
    items = []
    for entry in store.rejected_outbox():
        reference = places.reference(entry.kind, entry.record_id, entry.fields)
        what = describe(entry.kind, entry.fields, places.file_sides, reference)
        reason = (entry.reason or "no reason was given").rstrip(".")
        items.append(
            AttentionItem(
                item_id=f"rejected:{entry.seq}",
                kind=AttentionKind.REJECTED,
                service_reference=reference,
                summary=f"{what} was not accepted by the office: {reason}.",
                actions=(ResolveAction.RETRY, ResolveAction.LEAVE_FOR_OFFICE),
            )
        )
    for held in store.quarantined():
        if store.get_state(f"{_SEEN}{held.id}") is None:
            fields = held.fields or {}
            reference = places.reference(held.kind, held.record_id, fields)
            what = describe(held.kind, fields, places.file_sides, reference)
            items.append(
                AttentionItem(
                    item_id=f"quarantined:{held.id}",
                    kind=AttentionKind.QUARANTINED,
                    service_reference=reference,
                    summary=f"{what} was not sent; it is kept for the office. "
                    + why_kept(held.reason),
                    actions=(ResolveAction.UNDERSTOOD,),
                )
            )
    for case_id, notice in places.left.items():
        reference = str(notice.get("reference", ""))
        items.append(
            AttentionItem(
                item_id=f"left:{case_id}",
                kind=AttentionKind.CASE_REMOVED,
                service_reference=reference,
                summary=why_left(
                    reference, str(notice.get("reason", "")), bool(notice.get("kept"))
                ),
                actions=(ResolveAction.UNDERSTOOD,),
            )
        )
    return items


def resolve_local(store: Store, item_id: str, action: ResolveAction) -> bool:
    """Resolve what the vault can resolve alone; False when the sync client must act."""
    kind, _, ident = item_id.partition(":")
    if action not in _ACKNOWLEDGE:
        return False
    if kind == "quarantined":
        store.set_state(f"{_SEEN}{ident}", "1")
        return True
    if kind == "left":
        with store.sync_transaction() as tx:
            tx.drop_state(LEFT + ident)
        return True
    if kind == "rejected" and action is ResolveAction.LEAVE_FOR_OFFICE:
        entry = next((e for e in store.rejected_outbox() if str(e.seq) == ident), None)
        if entry is not None:
            store.quarantine_record(entry.record_id, entry.reason or "refused by the office")
            return True
    return False
