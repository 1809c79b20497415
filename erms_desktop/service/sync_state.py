"""Each record's sync state, read from the vault's outbox: a record with an entry the central
store refused needs attention; one with entries still to send is pending; the rest are synced."""

from __future__ import annotations

from erms_desktop.service.case_views import SyncState
from erms_desktop.vault import Store

_ALL = -1  # SQLite: no LIMIT


def sync_states(store: Store) -> dict[str, SyncState]:
    states = {entry.record_id: SyncState.PENDING for entry in store.pending_outbox(_ALL)}
    states.update({entry.record_id: SyncState.ATTENTION for entry in store.rejected_outbox()})
    return states
