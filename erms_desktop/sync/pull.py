"""Applying pulled pages: each page and its cursor in one vault transaction, never over a record
with unsent edits (the store's copy is kept as that record's shadow instead), and the mass
deletion and empty-store guards."""

from __future__ import annotations

from datetime import UTC, datetime

from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.records import RECORD_KINDS
from erms_desktop.sync import local
from erms_desktop.sync.conflicts import conflict_from_rejections, keep_shadow
from erms_desktop.sync.errors import EmptyServerRefused, InvalidResponse, MassDeletionPending
from erms_desktop.sync.protocol import PullResponse, RecordChange, ScopeExit
from erms_desktop.vault import RemoteChange, Store
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.repository import write_fts

RESYNC = "pull.resync"
LAST_SUCCESS = "last_success"
ALLOW_MASS_DELETION = "pull.allow_mass_deletion"
#: Below this many local records the mass-deletion question is not asked.
MASS_DELETION_FLOOR = 10


def removals(db: Connection, page: PullResponse) -> int:
    """How many live, clean local records applying this page would remove."""
    count = 0
    for change in page.changes:
        if isinstance(change, ScopeExit):
            count += int(
                db.execute(
                    "SELECT count(*) FROM records WHERE case_id = ? AND deleted = 0",
                    (change.case_id,),
                ).fetchone()[0]
            )
        elif change.deleted:
            here = local.record(db, change.id)
            count += int(here is not None and not here.deleted and not here.dirty)
    return count


def check_mass_deletion(db: Connection, would_remove: int, local_total: int) -> None:
    """Refuse (typed) to remove more than half the local records unless the user said yes."""
    if local_total < MASS_DELETION_FLOOR or would_remove * 2 <= local_total:
        return
    if local.get_json(db, ALLOW_MASS_DELETION):
        return
    raise MassDeletionPending(would_remove, local_total)


def apply_page(
    store: Store, page: PullResponse, seen: set[str] | None = None, *, finishing: bool = False
) -> int:
    """Apply the page's record changes and store its cursor together; returns how many records
    changed locally. Scope exits are handled by the engine before this runs. The last page of
    a cycle also records the successful sync and uses up a mass-deletion confirmation."""
    applied = 0
    with local.transaction(store) as db:
        for change in page.changes:
            if isinstance(change, RecordChange):
                if seen is not None:
                    seen.add(change.id)
                applied += _apply(db, store, change)
        _adopt_orphans(db)
        local.set_cursor(db, page.cursor)
        if finishing:
            _finish(db)
    return applied


def _adopt_orphans(db: Connection) -> None:
    """A participant takes its case from its party file when it is stored; the store may send a
    participant before its party file (a re-sent case comes in id order), so fill the case in
    once the file has arrived."""
    db.execute(
        "UPDATE records SET case_id = (SELECT f.case_id FROM records AS f WHERE f.id ="
        " records.party_file_id AND f.kind = 'party_file') WHERE kind = 'participant'"
        " AND case_id IS NULL AND party_file_id IS NOT NULL"
    )


def _finish(db: Connection) -> None:
    local.drop(db, ALLOW_MASS_DELETION)
    local.put_json(db, LAST_SUCCESS, datetime.now(UTC).isoformat())


def _apply(db: Connection, store: Store, change: RecordChange) -> int:
    if change.kind not in RECORD_KINDS:
        raise InvalidResponse(f"the central store sent an unknown record kind {change.kind!r}")
    here = local.record(db, change.id)
    if here is not None and here.dirty:
        keep_shadow(db, change.id, change.version, change.deleted, change.fields)
        if change.deleted:
            conflict_from_rejections(db, change.id, change.kind)
        return 0
    if here is not None and (here.server_version or 0) >= change.version:
        return 0
    if here is None and change.deleted:
        return 0
    remote = RemoteChange(
        change.kind, change.id, change.version, change.deleted, change.fields or None
    )
    try:
        store._store_remote(remote)  # in this transaction, on the store's connection
    except (DomainError, KeyError, TypeError, ValueError) as exc:
        raise InvalidResponse(
            f"the central store sent a malformed {change.kind} record ({type(exc).__name__})"
        ) from None
    return 1


def finish_resync(store: Store, seen: set[str]) -> int:
    """After a full re-download: remove clean local records the store no longer sent (they were
    deleted or left scope while this laptop's cursor was too old), behind both guards."""
    with local.transaction(store) as db:
        rows = db.execute("SELECT id, kind FROM records WHERE deleted = 0 AND dirty = 0").fetchall()
        gone = [(str(rid), str(kind)) for rid, kind in rows if rid not in seen]
        total = local.live_count(db)
        if not seen and total:
            raise EmptyServerRefused(
                "the central store sent no records at all while this laptop holds "
                f"{total}: nothing was removed; tell the office"
            )
        check_mass_deletion(db, len(gone), total)
        for record_id, kind in gone:
            local.set_record(db, record_id, deleted=True)
            write_fts(db, kind, record_id, None)
        local.drop(db, RESYNC)
        _finish(db)
    return len(gone)
