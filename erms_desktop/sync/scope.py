"""A case leaving the user's scope (reallocated, closed past the grace period, retention): once
pending edits have been pushed, whatever is still unsent or refused - records and note drafts -
is quarantined (kept encrypted for the office, never discarded), then the local copy goes."""

from __future__ import annotations

from erms_desktop.domain.parties import PartyFile
from erms_desktop.protocol.messages import ScopeExit
from erms_desktop.sync.conflicts import CONFLICT, SHADOW
from erms_desktop.vault import Store

#: One notice per case that left: {"reference", "reason", "kept", "files": {id: side}}, so the
#: shell can say it once and still name the file of work kept for the office.
LEFT = "scope.left."


def leave_case(store: Store, exit_: ScopeExit) -> None:
    """Quarantine and remove; each step is idempotent, so a crash part-way is finished by the
    re-pulled scope exit (the cursor only moves after this)."""
    reason = f"unsent work on a case that left your scope ({exit_.reason.value})"
    with store.sync_reader() as reader:
        dirty = reader.dirty_in_case(exit_.case_id)
        case = reader.record(exit_.case_id)
    drafts = bool(store.drafts(case_id=exit_.case_id))
    files = {f.id: f.side.value for f in store.find_all(PartyFile) if f.case_id == exit_.case_id}
    for record_id in dirty:
        store.quarantine_record(record_id, reason)
    with store.sync_transaction() as tx:
        for record_id in dirty:
            tx.drop_state(CONFLICT + record_id)
            tx.drop_state(SHADOW + record_id)
        # Autosaved drafts never reach the store, so they join the quarantine as they are.
        tx.quarantine_drafts(exit_.case_id, f"draft: {reason}")
        if case is not None:  # a repeated exit finds the case gone and keeps the first notice
            reference = case.fields.get("service_reference", "")
            kept = bool(dirty) or drafts
            tx.put_json_state(
                LEFT + exit_.case_id,
                {
                    "reference": reference,
                    "reason": exit_.reason.value,
                    "kept": kept,
                    "files": files,
                },
            )
    store.purge_case(exit_.case_id)
