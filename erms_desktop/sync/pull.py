"""Applying pulled pages: each page and its cursor in one vault transaction, never over a record
with unsent edits (the store's copy is kept as that record's shadow instead), and the mass
deletion and empty-store guards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.records import RECORD_KINDS
from erms_desktop.protocol.messages import PullResponse, RecordChange, ScopeExit
from erms_desktop.sync.conflicts import conflict_from_rejections, keep_shadow
from erms_desktop.sync.errors import EmptyServerRefused, InvalidResponse, MassDeletionPending
from erms_desktop.vault import RemoteChange, Store, SyncReader, SyncTransaction, check_remote

RESYNC = "pull.resync"
LAST_SUCCESS = "last_success"
ALLOW_MASS_DELETION = "pull.allow_mass_deletion"
#: Below this many local records the mass-deletion question is not asked.
MASS_DELETION_FLOOR = 10


def removals(reader: SyncReader, page: PullResponse) -> Counter[str]:
    """How many live, clean local records applying this page would remove, by case id ("" for
    a record the laptop cannot place in a case)."""
    count: Counter[str] = Counter()
    for change in page.changes:
        if isinstance(change, ScopeExit):
            count[change.case_id] += reader.live_count(change.case_id)
        elif change.deleted:
            here = reader.record(change.id)
            if here is not None and not here.deleted and not here.dirty:
                count[_case_of(change.id, here.kind, here.fields)] += 1
    return count


def _case_of(record_id: str, kind: str, fields: Mapping[str, object]) -> str:
    case_id = record_id if kind == "case" else fields.get("case_id")
    return case_id if isinstance(case_id, str) else ""


def check_mass_deletion(reader: SyncReader, by_case: Mapping[str, int], local_total: int) -> None:
    """Refuse (typed) to remove more than half the local records unless the user said yes."""
    would_remove = sum(by_case.values())
    if local_total < MASS_DELETION_FLOOR or would_remove * 2 <= local_total:
        return
    if reader.json_state(ALLOW_MASS_DELETION):
        return
    raise MassDeletionPending(would_remove, local_total, dict(by_case))


def check_page(page: PullResponse) -> None:
    """Decode every live record of the page, refusing the page if any is malformed - outside
    the vault's lock, so the engine does it while the page's attachments download."""
    for change in page.changes:
        if isinstance(change, RecordChange):
            _checked(change, check_remote)


def apply_page(
    tx: SyncTransaction,
    page: PullResponse,
    seen: set[str] | None = None,
    *,
    finishing: bool = False,
    checked: bool = False,
) -> int:
    """Apply the page's record changes and store its cursor in the caller's transaction (one
    per page); returns how many records changed locally. Scope exits are handled by the engine
    before this runs. The last page of a cycle also records the successful sync and uses up a
    mass-deletion confirmation.
    ``checked``: the page went through :func:`check_page` already."""
    applied = 0
    for change in page.changes:
        if isinstance(change, RecordChange):
            if seen is not None:
                seen.add(change.id)
            applied += _apply(tx, change, checked=checked)
    # The store may send a participant before its party file (a re-sent case comes in id
    # order): the participant takes its case once the file has arrived.
    tx.adopt_orphans()
    tx.set_cursor(page.cursor)
    if finishing:
        _finish(tx)
    return applied


def _finish(tx: SyncTransaction) -> None:
    tx.drop_state(ALLOW_MASS_DELETION)
    tx.put_json_state(LAST_SUCCESS, datetime.now(UTC).isoformat())


def _apply(tx: SyncTransaction, change: RecordChange, *, checked: bool) -> int:
    here = tx.record(change.id)
    if here is not None and here.dirty:
        keep_shadow(tx, change.id, change.version, change.deleted, change.fields)
        if change.deleted:
            conflict_from_rejections(tx, change.id, change.kind)
        return 0
    if here is not None and (here.server_version or 0) >= change.version:
        return 0
    if here is None and change.deleted:
        return 0
    _checked(change, lambda remote: tx.store_remote(remote, checked=checked))
    return 1


def _checked(change: RecordChange, use: Callable[[RemoteChange], None]) -> None:
    """Hand the change to ``use`` as a :class:`RemoteChange`; an unknown kind or malformed
    fields (domain errors) are the store's fault: :class:`InvalidResponse`."""
    if change.kind not in RECORD_KINDS:
        raise InvalidResponse(f"the central store sent an unknown record kind {change.kind!r}")
    remote = RemoteChange(
        change.kind, change.id, change.version, change.deleted, change.fields or None
    )
    try:
        use(remote)
    except (DomainError, KeyError, TypeError, ValueError) as exc:
        raise InvalidResponse(
            f"the central store sent a malformed {change.kind} record ({type(exc).__name__})"
        ) from None


def finish_resync(store: Store, seen: set[str]) -> int:
    """After a full re-download: remove clean local records the store no longer sent (they were
    deleted or left scope while this laptop's cursor was too old), behind both guards."""
    with store.sync_transaction() as tx:
        gone = [(rid, kind) for rid, kind in tx.clean_live_records() if rid not in seen]
        total = tx.live_count()
        if not seen and total:
            raise EmptyServerRefused(
                "the central store sent no records at all while this laptop holds "
                f"{total}: nothing was removed; tell the office"
            )
        check_mass_deletion(tx, {"": len(gone)}, total)
        for record_id, kind in gone:
            tx.forget(kind, record_id)
        tx.drop_state(RESYNC)
        _finish(tx)
    return len(gone)
