"""What the sync engine builds on: the outbox of local mutations, applying pulled changes
(never over a record with unsent edits), the cursor and other sync state, and the unit of work
(:meth:`SyncMixin.sync_transaction`) the engine settles push answers and pulled pages in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum

from erms_desktop.vault.errors import RecordNotFoundError
from erms_desktop.vault.store_base import StoreBase
from erms_desktop.vault.sync_reader import PULL_CURSOR, OutboxEntry, SyncReader
from erms_desktop.vault.sync_transaction import RemoteChange, SyncTransaction


class ApplyOutcome(StrEnum):
    APPLIED = "applied"
    KEPT_LOCAL = "kept-local"  # the record has unsent local edits; the sync engine reconciles
    STALE = "stale"  # the vault already holds this version or a newer one


class SyncMixin(StoreBase):
    @contextmanager
    def sync_transaction(self) -> Iterator[SyncTransaction]:
        """One atomic unit of sync work (rolled back on any error); see
        :mod:`erms_desktop.vault.sync_transaction`."""
        with self._write() as db:
            tx = SyncTransaction(db, self._now)
            try:
                yield tx
            finally:
                tx.close()

    @contextmanager
    def sync_reader(self) -> Iterator[SyncReader]:
        """Consistent reads of sync bookkeeping, without opening a write transaction."""
        with self._read() as db:
            reader = SyncReader(db)
            try:
                yield reader
            finally:
                reader.close()

    def pending_outbox(self, limit: int = 100) -> list[OutboxEntry]:
        with self.sync_reader() as reader:
            return reader.outbox("pending", limit)

    def rejected_outbox(self) -> list[OutboxEntry]:
        """The attention list: mutations the central store refused, kept until dealt with."""
        with self.sync_reader() as reader:
            return reader.outbox("rejected")

    def acknowledge(self, seq: int, server_version: int) -> None:
        """The central store applied mutation ``seq`` and gave the record ``server_version``."""
        with self._write() as db:
            row = db.execute("SELECT record_id FROM outbox WHERE seq = ?", (seq,)).fetchone()
            if row is None:
                raise RecordNotFoundError(f"no outbox entry {seq}")
            db.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
            left = db.execute("SELECT count(*) FROM outbox WHERE record_id = ?", row).fetchone()[0]
            db.execute(
                "UPDATE records SET server_version = ?, base_version = ?, dirty = ? WHERE id = ?",
                (server_version, server_version, 1 if left else 0, row[0]),
            )

    def reject(self, seq: int, reason: str) -> None:
        with self.sync_transaction() as tx:
            if not tx.reject_outbox([seq], reason):
                raise RecordNotFoundError(f"no outbox entry {seq}")

    def apply_remote(
        self, changes: Sequence[RemoteChange], *, cursor: str | None = None
    ) -> list[ApplyOutcome]:
        """Apply one pulled page and (optionally) advance the pull cursor, in one transaction."""
        outcomes: list[ApplyOutcome] = []
        with self.sync_transaction() as tx:
            for change in changes:
                here = tx.record(change.record_id)
                if here is not None and here.dirty:
                    outcomes.append(ApplyOutcome.KEPT_LOCAL)
                    continue
                known = None if here is None else here.server_version
                if known is not None and known >= change.server_version:
                    outcomes.append(ApplyOutcome.STALE)
                    continue
                tx.store_remote(change)
                outcomes.append(ApplyOutcome.APPLIED)
            if cursor is not None:
                tx.put_state(PULL_CURSOR, cursor)
        return outcomes

    def get_state(self, key: str) -> str | None:
        with self.sync_reader() as reader:
            return reader.get_state(key)

    def set_state(self, key: str, value: str) -> None:
        with self.sync_transaction() as tx:
            tx.put_state(key, value)
