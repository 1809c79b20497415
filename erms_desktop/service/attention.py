"""Attention items: conflicts the sync engine found, and what the vault itself holds (changes the
office refused, and quarantined work).

Neither is ever dropped. "Leave it for the office" moves a refused change into quarantine (kept
encrypted for staff at check-in) or, for quarantined work, records that the volunteer has seen
it; "Try sending again" needs the sync client and is passed on to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.domain.case import Case
from erms_desktop.domain.parties import PartyFile
from erms_desktop.service.case_list import case_of
from erms_desktop.service.models import AttentionItem, AttentionKind, ResolveAction

if TYPE_CHECKING:
    from erms_desktop.sync.conflicts import Conflict
    from erms_desktop.vault import Store

_SEEN = "shell.quarantine_seen."


def conflict_items(store: Store, found: list[Conflict]) -> list[AttentionItem]:
    """A record changed both here and at the office: the volunteer picks which version stays."""
    file_cases = {f.id: f.case_id for f in store.find_all(PartyFile)}
    references = {c.id: c.service_reference for c in store.find_all(Case)}
    items = []
    for conflict in found:
        case_id = case_of(store, conflict.kind, conflict.record_id, {}, file_cases)
        items.append(
            AttentionItem(
                item_id=f"conflict:{conflict.record_id}",
                kind=AttentionKind.CONFLICT,
                service_reference=references.get(case_id or "", ""),
                summary=(
                    f"A {_label(conflict.kind)} was changed here and at the "
                    f"office ({', '.join(conflict.fields)})"
                ),
                actions=(ResolveAction.KEEP_MINE, ResolveAction.KEEP_CENTRAL),
            )
        )
    return items


def attention_items(store: Store) -> list[AttentionItem]:
    file_cases = {f.id: f.case_id for f in store.find_all(PartyFile)}
    references = {case.id: case.service_reference for case in store.find_all(Case)}
    items = []
    for entry in store.rejected_outbox():
        case_id = case_of(store, entry.kind, entry.record_id, entry.fields, file_cases)
        items.append(
            AttentionItem(
                item_id=f"rejected:{entry.seq}",
                kind=AttentionKind.REJECTED,
                service_reference=references.get(case_id or "", ""),
                summary=f"A {_label(entry.kind)} change was not accepted: {entry.reason or ''}",
                actions=(ResolveAction.RETRY, ResolveAction.LEAVE_FOR_OFFICE),
            )
        )
    for held in store.quarantined():
        if store.get_state(f"{_SEEN}{held.id}") is None:
            items.append(
                AttentionItem(
                    item_id=f"quarantined:{held.id}",
                    kind=AttentionKind.QUARANTINED,
                    service_reference="",
                    summary=f"A {_label(held.kind)} change is kept for the office: {held.reason}",
                    actions=(ResolveAction.LEAVE_FOR_OFFICE,),
                )
            )
    return items


def resolve_local(store: Store, item_id: str, action: ResolveAction) -> bool:
    """Resolve what the vault can resolve alone; False when the sync client must act."""
    kind, _, ident = item_id.partition(":")
    if action is not ResolveAction.LEAVE_FOR_OFFICE:
        return False
    if kind == "quarantined":
        store.set_state(f"{_SEEN}{ident}", "1")
        return True
    if kind == "rejected":
        entry = next((e for e in store.rejected_outbox() if str(e.seq) == ident), None)
        if entry is not None:
            store.quarantine_record(entry.record_id, entry.reason or "refused by the office")
            return True
    return False


def _label(kind: str) -> str:
    return kind.replace("_", " ")
