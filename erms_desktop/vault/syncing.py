"""What the sync engine builds on: the outbox of local mutations, applying pulled changes
(never over a record with unsent edits), the cursor and other sync state, and quarantine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from erms_desktop.domain.records import Fields, from_fields
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import RecordNotFoundError, VaultError
from erms_desktop.vault.repository import scope_of, write_fts
from erms_desktop.vault.store_base import StoreBase, dump, load


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    seq: int
    kind: str
    record_id: str
    op: str  # "upsert" or "delete"
    base_version: int | None
    fields: Fields  # the changed fields only (all fields for a new record)
    created_at: str
    status: str  # "pending" or "rejected"
    reason: str | None


@dataclass(frozen=True, slots=True)
class RemoteChange:
    kind: str
    record_id: str
    server_version: int
    deleted: bool
    fields: Fields | None  # None for a tombstone


class ApplyOutcome(StrEnum):
    APPLIED = "applied"
    KEPT_LOCAL = "kept-local"  # the record has unsent local edits; the sync engine reconciles
    STALE = "stale"  # the vault already holds this version or a newer one


_SELECT_OUTBOX = (
    "SELECT seq, kind, record_id, op, base_version, fields, created_at, status, reason"
    " FROM outbox WHERE status = ? ORDER BY seq LIMIT ?"
)


def _entry(row: tuple[object, ...]) -> OutboxEntry:
    seq, kind, record_id, op, base, fields, created, status, reason = row
    return OutboxEntry(
        int(str(seq)),
        str(kind),
        str(record_id),
        str(op),
        None if base is None else int(str(base)),
        load(str(fields)),
        str(created),
        str(status),
        None if reason is None else str(reason),
    )


class SyncMixin(StoreBase):
    def pending_outbox(self, limit: int = 100) -> list[OutboxEntry]:
        with self._read() as db:
            rows = db.execute(_SELECT_OUTBOX, ("pending", limit)).fetchall()
        return [_entry(row) for row in rows]

    def rejected_outbox(self) -> list[OutboxEntry]:
        """The attention list: mutations the central store refused, kept until dealt with."""
        with self._read() as db:
            rows = db.execute(_SELECT_OUTBOX, ("rejected", -1)).fetchall()
        return [_entry(row) for row in rows]

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
        with self._write() as db:
            updated = db.execute(
                "UPDATE outbox SET status = 'rejected', reason = ? WHERE seq = ?", (reason, seq)
            ).rowcount
            if not updated:
                raise RecordNotFoundError(f"no outbox entry {seq}")

    def apply_remote(
        self, changes: Sequence[RemoteChange], *, cursor: str | None = None
    ) -> list[ApplyOutcome]:
        """Apply one pulled page and (optionally) advance the pull cursor, in one transaction."""
        outcomes: list[ApplyOutcome] = []
        with self._write() as db:
            for change in changes:
                row = db.execute(
                    "SELECT server_version, dirty FROM records WHERE id = ?", (change.record_id,)
                ).fetchone()
                if row is not None and row[1]:
                    outcomes.append(ApplyOutcome.KEPT_LOCAL)
                    continue
                if row is not None and row[0] is not None and row[0] >= change.server_version:
                    outcomes.append(ApplyOutcome.STALE)
                    continue
                self._store_remote(change)
                outcomes.append(ApplyOutcome.APPLIED)
            if cursor is not None:
                self._put_state(db, "pull_cursor", cursor)
        return outcomes

    def _store_remote(self, change: RemoteChange) -> None:
        db = self._connection
        fields: Fields = {"id": change.record_id}
        if not change.deleted:
            if change.fields is None:
                raise VaultError("a live remote record needs its fields")
            from_fields(change.kind, change.fields)  # refuse malformed data before storing it
            fields = change.fields
        case_id, party_file_id = scope_of(db, change.kind, fields)
        db.execute(
            "INSERT INTO records (id, kind, case_id, party_file_id, fields, server_version,"
            " base_version, deleted, dirty, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"
            " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, case_id = excluded.case_id,"
            " party_file_id = excluded.party_file_id, fields = excluded.fields, server_version ="
            " excluded.server_version, base_version = excluded.base_version, deleted ="
            " excluded.deleted, dirty = 0, updated_at = excluded.updated_at",
            (
                change.record_id,
                change.kind,
                case_id,
                party_file_id,
                dump(fields),
                change.server_version,
                change.server_version,
                int(change.deleted),
                self._now(),
            ),
        )
        write_fts(db, change.kind, change.record_id, None if change.deleted else fields)

    def get_state(self, key: str) -> str | None:
        with self._read() as db:
            row = db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, key: str, value: str) -> None:
        with self._write() as db:
            self._put_state(db, key, value)

    @staticmethod
    def _put_state(db: Connection, key: str, value: str) -> None:
        db.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
