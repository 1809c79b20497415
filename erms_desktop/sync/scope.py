"""A case leaving the user's scope (reallocated, closed past the grace period, retention): once
pending edits have been pushed, whatever is still unsent or refused - records and note drafts -
is quarantined (kept encrypted for the office, never discarded), then the local copy goes."""

from __future__ import annotations

from erms_desktop.sync import local
from erms_desktop.sync.conflicts import CONFLICT, SHADOW
from erms_desktop.sync.protocol import ScopeExit
from erms_desktop.vault import Store
from erms_desktop.vault.connection import Connection


def leave_case(store: Store, exit_: ScopeExit) -> None:
    """Quarantine and remove; each step is idempotent, so a crash part-way is finished by the
    re-pulled scope exit (the cursor only moves after this)."""
    reason = f"unsent work on a case that left your scope ({exit_.reason.value})"
    with local.reading(store) as db:
        dirty = [
            str(row[0])
            for row in db.execute(
                "SELECT id FROM records WHERE case_id = ? AND dirty = 1", (exit_.case_id,)
            ).fetchall()
        ]
    for record_id in dirty:
        store.quarantine_record(record_id, reason)
    with local.transaction(store) as db:
        for record_id in dirty:
            local.drop(db, CONFLICT + record_id)
            local.drop(db, SHADOW + record_id)
        _quarantine_drafts(db, store, exit_.case_id, reason)
    store.purge_case(exit_.case_id)


def _quarantine_drafts(db: Connection, store: Store, case_id: str, reason: str) -> None:
    """Autosaved drafts never reach the store, so they join the quarantine as they are."""
    for note_id, fields in db.execute(
        "SELECT note_id, fields FROM drafts WHERE case_id = ?", (case_id,)
    ).fetchall():
        db.execute(
            "INSERT INTO quarantine (kind, record_id, fields, outbox, reason, quarantined_at)"
            " VALUES ('note', ?, ?, '[]', ?, ?)",
            (note_id, fields, f"draft: {reason}", store._now()),
        )
    db.execute("DELETE FROM drafts WHERE case_id = ?", (case_id,))
