"""The sync engine's view of the vault beyond its public record API.

The engine must settle a whole push answer, or apply a whole pulled page, together with its own
bookkeeping (the numbered batch in flight, conflicts, the server copies of records kept back
because they have unsent edits) in ONE vault transaction. The vault's store exposes single-purpose
transactional methods; this module composes them by running inside the store's own transaction
(``Store._write``) on its one connection, so the vault's locking and error translation still
apply. Bookkeeping lives as JSON in the vault's ``sync_state`` table, encrypted like everything
else. Keys used here:

``pull_cursor`` (the vault's), ``push.next_seq``, ``push.batch``, ``conflict:<id>``,
``shadow:<id>``, ``pull.resync``, ``pull.allow_mass_deletion``, ``attachments.missing``,
``device``, ``last_success``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from erms_desktop.domain.records import Fields
from erms_desktop.vault import Store
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.store_base import dump, load


@contextmanager
def transaction(store: Store) -> Iterator[Connection]:
    """One atomic vault transaction (rolled back on any error)."""
    with store._write() as db:
        yield db


@contextmanager
def reading(store: Store) -> Iterator[Connection]:
    with store._read() as db:
        yield db


@dataclass(frozen=True, slots=True)
class LocalRecord:
    kind: str
    fields: Fields
    server_version: int | None
    base_version: int | None
    deleted: bool
    dirty: bool


def record(db: Connection, record_id: str) -> LocalRecord | None:
    row = db.execute(
        "SELECT kind, fields, server_version, base_version, deleted, dirty FROM records"
        " WHERE id = ?",
        (record_id,),
    ).fetchone()
    if row is None:
        return None
    kind, fields, server, base, deleted, dirty = row
    return LocalRecord(kind, load(fields), server, base, bool(deleted), bool(dirty))


def set_record(
    db: Connection,
    record_id: str,
    *,
    fields: Fields | None = None,
    server_version: int | None = None,
    base_version: int | None = None,
    dirty: bool | None = None,
    deleted: bool | None = None,
) -> None:
    """Update the given columns of one record (None leaves a column as it is)."""
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
        db.execute(
            f"UPDATE records SET {assignments} WHERE id = ?",  # noqa: S608
            (*chosen.values(), record_id),
        )


def get_json(db: Connection, key: str) -> Any:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def put_json(db: Connection, key: str, value: Any) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, ensure_ascii=False, sort_keys=True)),
    )


def drop(db: Connection, key: str) -> None:
    db.execute("DELETE FROM sync_state WHERE key = ?", (key,))


def with_prefix(db: Connection, prefix: str) -> dict[str, Any]:
    rows = db.execute(
        "SELECT key, value FROM sync_state WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
    ).fetchall()
    return {str(key)[len(prefix) :]: json.loads(value) for key, value in rows}


def cursor(db: Connection) -> int:
    row = db.execute("SELECT value FROM sync_state WHERE key = 'pull_cursor'").fetchone()
    return 0 if row is None else int(row[0])


def set_cursor(db: Connection, value: int) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value) VALUES ('pull_cursor', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(value),),
    )


def live_count(db: Connection) -> int:
    return int(db.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()[0])


def pending_count(db: Connection) -> int:
    return int(db.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0])


def live_versions(db: Connection) -> list[tuple[str, str, str, int]]:
    """``(case_id, kind, id, server_version)`` of every live record that belongs to a case."""
    rows = db.execute(
        "SELECT case_id, kind, id, coalesce(server_version, 0) FROM records"
        " WHERE deleted = 0 AND case_id IS NOT NULL"
    ).fetchall()
    return [(str(c), str(k), str(i), int(v)) for c, k, i, v in rows]
