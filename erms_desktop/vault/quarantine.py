"""Quarantine and case removal: when a case leaves the volunteer's scope, work the central store
refused is kept (encrypted, for office staff at check-in), never silently discarded."""

from __future__ import annotations

import json
from dataclasses import dataclass

from erms_desktop.domain.records import Fields
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import RecordNotFoundError, VaultError
from erms_desktop.vault.repository import NOTE_INDEXES, write_fts
from erms_desktop.vault.store_base import StoreBase, load


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    id: int
    kind: str
    record_id: str
    fields: Fields | None
    outbox: list[Fields]  # the unsent mutations, as they were queued
    reason: str
    quarantined_at: str


class UnsyncedChangesError(VaultError):
    """Local edits have not reached the central store; push or quarantine them first."""


def insert_quarantine(
    db: Connection,
    kind: str,
    record_id: str,
    *,
    fields: str | None,
    outbox: str,
    reason: str,
    at: str,
) -> None:
    """One quarantine row; ``fields`` and ``outbox`` are already JSON text."""
    db.execute(
        "INSERT INTO quarantine (kind, record_id, fields, outbox, reason, quarantined_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (kind, record_id, fields, outbox, reason, at),
    )


class QuarantineMixin(StoreBase):
    def quarantine_record(self, record_id: str, reason: str) -> None:
        """Move a record and its unsent mutations out of the live tables, in one transaction."""
        with self._write() as db:
            row = db.execute(
                "SELECT kind, fields, deleted FROM records WHERE id = ?", (record_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFoundError(f"no record {record_id}")
            queued = db.execute(
                "SELECT op, base_version, fields, created_at, status, reason FROM outbox"
                " WHERE record_id = ? ORDER BY seq",
                (record_id,),
            ).fetchall()
            mutations = [
                {
                    "op": op,
                    "base_version": base,
                    "fields": load(fields),
                    "created_at": created,
                    "status": status,
                    "reason": why,
                }
                for op, base, fields, created, status, why in queued
            ]
            insert_quarantine(
                db,
                row[0],
                record_id,
                fields=None if row[2] else row[1],
                outbox=json.dumps(mutations, ensure_ascii=False),
                reason=reason,
                at=self._now(),
            )
            write_fts(db, row[0], record_id, None)
            db.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
            db.execute("DELETE FROM records WHERE id = ?", (record_id,))

    def quarantined(self) -> list[QuarantineEntry]:
        with self._read() as db:
            rows = db.execute(
                "SELECT id, kind, record_id, fields, outbox, reason, quarantined_at"
                " FROM quarantine ORDER BY id"
            ).fetchall()
        return [
            QuarantineEntry(
                id=row[0],
                kind=row[1],
                record_id=row[2],
                fields=None if row[3] is None else load(row[3]),
                outbox=json.loads(row[4]),
                reason=row[5],
                quarantined_at=row[6],
            )
            for row in rows
        ]

    def purge_case(self, case_id: str) -> int:
        """Remove a case's local copy (records, search rows, drafts); refuses while any of its
        records still has unsent edits. Returns the number of records removed."""
        with self._write() as db:
            dirty = db.execute(
                "SELECT count(*) FROM records WHERE case_id = ? AND dirty = 1", (case_id,)
            ).fetchone()[0]
            drafts = db.execute(
                "SELECT count(*) FROM drafts WHERE case_id = ?", (case_id,)
            ).fetchone()[0]
            if dirty or drafts:
                raise UnsyncedChangesError(
                    f"{dirty} record(s) and {drafts} draft(s) of the case are not synced"
                )
            for table in NOTE_INDEXES:
                db.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))  # noqa: S608 (a fixed table name)
            party_files = [
                row[0]
                for row in db.execute(
                    "SELECT id FROM records WHERE kind = 'party_file' AND case_id = ?", (case_id,)
                ).fetchall()
            ]
            removed = 0
            for file_id in party_files:
                removed += db.execute(
                    "DELETE FROM records WHERE kind = 'participant' AND party_file_id = ?",
                    (file_id,),
                ).rowcount
            removed += db.execute("DELETE FROM records WHERE case_id = ?", (case_id,)).rowcount
            db.execute(
                "DELETE FROM attachments WHERE sha256 NOT IN (SELECT json_extract(fields,"
                " '$.sha256') FROM records WHERE kind = 'document')"
            )
            return int(removed)
