"""What the sync engine reads from the vault, inside one read or one sync transaction.

The sync engine works on whole push answers and pulled pages, so it reads and writes through a
short-lived object bound to one vault transaction (see :mod:`erms_desktop.vault.sync_transaction`)
instead of the store's single-purpose methods, each of which is a transaction of its own. The
vault's tables stay private to the vault: the engine sees records, outbox entries and its own
bookkeeping values (JSON in ``sync_state``, encrypted like everything else).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from erms_desktop.domain.records import Fields
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import VaultError
from erms_desktop.vault.store_base import load

OutboxStatus = Literal["pending", "rejected"]
#: The ``sync_state`` key of the pull cursor.
PULL_CURSOR = "pull_cursor"


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
class LocalRecord:
    """A record as the sync engine sees it: its fields and its sync bookkeeping."""

    kind: str
    fields: Fields
    server_version: int | None
    base_version: int | None
    deleted: bool
    dirty: bool


_SELECT_OUTBOX = (
    "SELECT seq, kind, record_id, op, base_version, fields, created_at, status, reason FROM outbox"
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


class SyncReader:
    """Reads bound to one vault transaction; unusable once that transaction has ended."""

    def __init__(self, connection: Connection) -> None:
        self._connection: Connection | None = connection

    def close(self) -> None:
        """Called by the store when the transaction ends."""
        self._connection = None

    @property
    def _db(self) -> Connection:
        if self._connection is None:
            raise VaultError("a sync transaction was used after it ended")
        return self._connection

    # -- records -------------------------------------------------------------------------------

    def record(self, record_id: str) -> LocalRecord | None:
        row = self._db.execute(
            "SELECT kind, fields, server_version, base_version, deleted, dirty FROM records"
            " WHERE id = ?",
            (record_id,),
        ).fetchone()
        if row is None:
            return None
        kind, fields, server, base, deleted, dirty = row
        return LocalRecord(kind, load(fields), server, base, bool(deleted), bool(dirty))

    def live_count(self, case_id: str | None = None) -> int:
        """Live (not deleted) records, all of them or those of one case."""
        if case_id is None:
            row = self._db.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()
        else:
            row = self._db.execute(
                "SELECT count(*) FROM records WHERE case_id = ? AND deleted = 0", (case_id,)
            ).fetchone()
        return int(row[0])

    def clean_live_records(self) -> list[tuple[str, str]]:
        """``(id, kind)`` of every live record without unsent edits."""
        rows = self._db.execute(
            "SELECT id, kind FROM records WHERE deleted = 0 AND dirty = 0"
        ).fetchall()
        return [(str(record_id), str(kind)) for record_id, kind in rows]

    def dirty_in_case(self, case_id: str) -> list[str]:
        """Ids of the case's records with unsent or refused edits."""
        rows = self._db.execute(
            "SELECT id FROM records WHERE case_id = ? AND dirty = 1", (case_id,)
        ).fetchall()
        return [str(row[0]) for row in rows]

    def live_versions_in_files(self) -> list[tuple[str, str | None, str, str, int]]:
        """``(case_id, party_file_id, kind, id, server_version)`` of every live record of a case
        (for the per-file digest at check-in)."""
        rows = self._db.execute(
            "SELECT case_id, party_file_id, kind, id, coalesce(server_version, 0) FROM records"
            " WHERE deleted = 0 AND case_id IS NOT NULL"
        ).fetchall()
        return [
            (str(c), None if f is None else str(f), str(k), str(i), int(v))
            for c, f, k, i, v in rows
        ]

    def live_versions(self) -> list[tuple[str, str, str, int]]:
        """``(case_id, kind, id, server_version)`` of every live record that belongs to a case."""
        rows = self._db.execute(
            "SELECT case_id, kind, id, coalesce(server_version, 0) FROM records"
            " WHERE deleted = 0 AND case_id IS NOT NULL"
        ).fetchall()
        return [(str(c), str(k), str(i), int(v)) for c, k, i, v in rows]

    # -- the outbox ----------------------------------------------------------------------------

    def outbox_count(self, status: OutboxStatus) -> int:
        row = self._db.execute("SELECT count(*) FROM outbox WHERE status = ?", (status,)).fetchone()
        return int(row[0])

    def quarantine_count(self) -> int:
        """Records held back for the office, counted without reading them."""
        return int(self._db.execute("SELECT count(*) FROM quarantine").fetchone()[0])

    def outbox(self, status: OutboxStatus, limit: int = -1) -> list[OutboxEntry]:
        """Entries with this status, oldest first (``limit`` -1: all of them)."""
        rows = self._db.execute(
            _SELECT_OUTBOX + " WHERE status = ? ORDER BY seq LIMIT ?", (status, limit)
        ).fetchall()
        return [_entry(row) for row in rows]

    def outbox_for(self, record_id: str, status: OutboxStatus) -> list[OutboxEntry]:
        """One record's entries with this status, oldest first."""
        rows = self._db.execute(
            _SELECT_OUTBOX + " WHERE record_id = ? AND status = ? ORDER BY seq",
            (record_id, status),
        ).fetchall()
        return [_entry(row) for row in rows]

    # -- sync state ----------------------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def json_state(self, key: str) -> Any:
        """A bookkeeping value stored with :meth:`SyncTransaction.put_json_state` (or None)."""
        text = self.get_state(key)
        return None if text is None else json.loads(text)

    def state_count(self, prefix: str) -> int:
        """How many bookkeeping values have keys starting with ``prefix`` (values not read)."""
        row = self._db.execute(
            "SELECT count(*) FROM sync_state WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
        ).fetchone()
        return int(row[0])

    def json_list_length(self, key: str) -> int:
        """The length of a JSON list kept under ``key`` (0 if none), counted by SQLite."""
        row = self._db.execute(
            "SELECT json_array_length(value) FROM sync_state WHERE key = ?", (key,)
        ).fetchone()
        return 0 if row is None or row[0] is None else int(row[0])

    def json_states_with_prefix(self, prefix: str) -> dict[str, Any]:
        """Every JSON value whose key starts with ``prefix``, keyed by the rest of the key."""
        rows = self._db.execute(
            "SELECT key, value FROM sync_state WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
        ).fetchall()
        return {str(key)[len(prefix) :]: json.loads(value) for key, value in rows}

    def cursor(self) -> int:
        """The pull cursor (0 before the first pull)."""
        text = self.get_state(PULL_CURSOR)
        return 0 if text is None else int(text)
