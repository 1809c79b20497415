"""The sync engine's unit of work: every change it makes to the vault, inside ONE transaction.

Settling a push answer (acknowledgements with their new versions, refusals, conflicts, forgetting
the batch) or applying a pulled page with its cursor must commit together or not at all, so the
engine opens ``with store.sync_transaction() as tx:`` and makes all of its changes through ``tx``.
The store's lock, ``BEGIN IMMEDIATE`` and error translation apply as to any other write; any error
rolls the whole unit back. Only the vault knows its tables; the engine sees these operations.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from erms_desktop.domain.records import Fields, from_fields
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import VaultError
from erms_desktop.vault.quarantine import insert_quarantine
from erms_desktop.vault.repository import insert_outbox, scope_of, write_fts
from erms_desktop.vault.store_base import dump
from erms_desktop.vault.sync_reader import PULL_CURSOR, OutboxStatus, SyncReader


@dataclass(frozen=True, slots=True)
class RemoteChange:
    kind: str
    record_id: str
    server_version: int
    deleted: bool
    fields: Fields | None  # None for a tombstone


def check_remote(change: RemoteChange) -> None:
    """Refuse (domain errors) a live remote record whose fields are malformed."""
    if not change.deleted:
        if change.fields is None:
            raise VaultError("a live remote record needs its fields")
        from_fields(change.kind, change.fields)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class SyncTransaction(SyncReader):
    """Reads and writes bound to one open vault transaction (see the module docstring)."""

    def __init__(self, connection: Connection, now: Callable[[], str]) -> None:
        super().__init__(connection)
        self._now = now

    # -- records -------------------------------------------------------------------------------

    def set_record(
        self,
        record_id: str,
        *,
        fields: Fields | None = None,
        server_version: int | None = None,
        base_version: int | None = None,
        dirty: bool | None = None,
        deleted: bool | None = None,
    ) -> None:
        """Update the given columns of one record (None leaves a column as it is). The search
        index is not touched: see :meth:`reindex`."""
        columns = {
            "fields": None if fields is None else dump(fields),
            "server_version": server_version,
            "base_version": base_version,
            "dirty": None if dirty is None else int(dirty),
            "deleted": None if deleted is None else int(deleted),
        }
        chosen = {name: value for name, value in columns.items() if value is not None}
        if chosen:
            assignments = ", ".join(f"{name} = ?" for name in chosen)  # names from the dict above
            self._db.execute(
                f"UPDATE records SET {assignments} WHERE id = ?",  # noqa: S608
                (*chosen.values(), record_id),
            )

    def reindex(self, kind: str, record_id: str, fields: Fields | None) -> None:
        """Bring the notes search index in step with a record (None: remove it from the index)."""
        write_fts(self._db, kind, record_id, fields)

    def store_remote(self, change: RemoteChange, *, checked: bool = False) -> None:
        """Store the central store's copy of a record as clean, at its server version. Malformed
        fields are refused (domain errors) before anything is written - unless the caller
        already ``checked`` them with :func:`check_remote` (the sync engine does, for a whole
        page, while its attachments download)."""
        fields: Fields = {"id": change.record_id}
        if not change.deleted:
            if not checked:
                check_remote(change)
            fields = change.fields or {}
        case_id, party_file_id = scope_of(self._db, change.kind, fields)
        content = self._content_of(change.kind, change.record_id) if change.deleted else None
        self._db.execute(
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
        write_fts(self._db, change.kind, change.record_id, None if change.deleted else fields)
        if content is not None:
            self._drop_unreferenced(content)

    def forget(self, kind: str, record_id: str) -> None:
        """Leave of a clean record the store no longer holds - it sent no copy in a full
        re-download - only a bare tombstone at its server version, as the store's own tombstone
        would: its fields, its search entry and any attachment only it named go from the vault
        file, not just from view. A record the store never held (created and deleted before it
        was sent) goes altogether."""
        row = self._db.execute(
            "SELECT server_version FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            return
        if row[0] is not None:
            self.store_remote(RemoteChange(kind, record_id, int(row[0]), deleted=True, fields=None))
            return
        content = self._content_of(kind, record_id)
        write_fts(self._db, kind, record_id, None)
        self._db.execute("DELETE FROM records WHERE id = ?", (record_id,))
        if content is not None:
            self._drop_unreferenced(content)

    def _content_of(self, kind: str, record_id: str) -> str | None:
        """The attachment a document names (before its tombstone replaces its fields)."""
        if kind != "document":
            return None
        row = self._db.execute(
            "SELECT json_extract(fields, '$.sha256') FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def _drop_unreferenced(self, sha256: str) -> None:
        """Destruction on the store (retention, erasure) reaches the content too: once no live
        document names it, a tombstoned document's attachment leaves the vault."""
        self._db.execute(
            "DELETE FROM attachments WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM records"
            " WHERE kind = 'document' AND deleted = 0 AND json_extract(fields, '$.sha256') = ?)",
            (sha256, sha256),
        )

    def adopt_orphans(self) -> None:
        """A participant takes its case from its party file when it is stored; the store may send
        a participant before its party file, so fill the case in once the file has arrived."""
        self._db.execute(
            "UPDATE records SET case_id = (SELECT f.case_id FROM records AS f WHERE f.id ="
            " records.party_file_id AND f.kind = 'party_file') WHERE kind = 'participant'"
            " AND case_id IS NULL AND party_file_id IS NOT NULL"
        )

    def copy_record(self, source_id: str, copy_id: str, fields: Fields) -> None:
        """A new, never-synced record with ``fields`` in the same case and party file as
        ``source_id`` (queue its creation with :meth:`queue_mutation`)."""
        self._db.execute(
            "INSERT INTO records (id, kind, case_id, party_file_id, fields, server_version,"
            " base_version, deleted, dirty, updated_at) SELECT ?, kind, case_id, party_file_id, ?,"
            " NULL, NULL, 0, 1, ? FROM records WHERE id = ?",
            (copy_id, dump(fields), self._now(), source_id),
        )

    # -- the outbox ----------------------------------------------------------------------------

    def queue_mutation(
        self,
        kind: str,
        record_id: str,
        op: Literal["upsert", "delete"],
        base_version: int | None,
        fields: Fields,
    ) -> None:
        """Queue a mutation for the next push and mark the record as having unsent edits."""
        self.set_record(record_id, dirty=True)
        insert_outbox(
            self._db,
            kind,
            record_id,
            op=op,
            base_version=base_version,
            fields=fields,
            at=self._now(),
        )

    def delete_outbox(self, seqs: Sequence[int]) -> None:
        self._db.execute(f"DELETE FROM outbox WHERE seq IN ({_marks(seqs)})", seqs)  # noqa: S608

    def delete_outbox_for(self, record_id: str, status: OutboxStatus) -> None:
        self._db.execute(
            "DELETE FROM outbox WHERE record_id = ? AND status = ?", (record_id, status)
        )

    def reject_outbox(self, seqs: Sequence[int], reason: str) -> int:
        """Mark entries as refused by the central store; returns how many there were."""
        return int(
            self._db.execute(
                f"UPDATE outbox SET status = 'rejected', reason = ? WHERE seq IN ({_marks(seqs)})",  # noqa: S608
                [reason, *seqs],
            ).rowcount
        )

    def retry_rejected(self, seq: int) -> bool:
        """Make a refused entry pending again; False if there is no refused entry ``seq``."""
        updated = self._db.execute(
            "UPDATE outbox SET status = 'pending', reason = NULL"
            " WHERE seq = ? AND status = 'rejected'",
            (seq,),
        ).rowcount
        return bool(updated)

    # -- quarantine ----------------------------------------------------------------------------

    def quarantine_fields(self, kind: str, record_id: str, fields: Fields, reason: str) -> None:
        """Keep a copy of local values the store will never get (the record itself stays)."""
        insert_quarantine(
            self._db,
            kind,
            record_id,
            fields=dump(fields),
            outbox="[]",
            reason=reason,
            at=self._now(),
        )

    def quarantine_drafts(self, case_id: str, reason: str) -> None:
        """Move a case's autosaved note drafts (never synced) into the quarantine as they are."""
        self._db.execute(
            "INSERT INTO quarantine (kind, record_id, fields, outbox, reason, quarantined_at)"
            " SELECT 'note', note_id, fields, '[]', ?, ? FROM drafts WHERE case_id = ?",
            (reason, self._now(), case_id),
        )
        self._db.execute("DELETE FROM drafts WHERE case_id = ?", (case_id,))

    # -- sync state ----------------------------------------------------------------------------

    def put_state(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def put_json_state(self, key: str, value: Any) -> None:
        self.put_state(key, json.dumps(value, ensure_ascii=False, sort_keys=True))

    def drop_state(self, key: str) -> None:
        self._db.execute("DELETE FROM sync_state WHERE key = ?", (key,))

    def set_cursor(self, value: int) -> None:
        self.put_state(PULL_CURSOR, str(value))
