"""Typed repository over the generic ``records`` table: save, load, list and delete any domain
entity, each local edit writing its outbox entry in the same transaction.

Records are stored generically as ``(kind, id, case_id, party_file_id, fields JSON)`` through the
domain's one codec, so the sync engine can move any kind without knowing its shape.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from erms_desktop.domain.errors import FinalNoteError, InvalidValueError
from erms_desktop.domain.notes import Note
from erms_desktop.domain.records import (
    RECORD_KINDS,
    E,
    Entity,
    Fields,
    from_fields,
    kind_of,
    to_fields,
)
from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import RecordNotFoundError
from erms_desktop.vault.store_base import StoreBase, dump, load

_KIND_OF_CLASS: dict[type[Any], str] = {cls: kind for kind, cls in RECORD_KINDS.items()}


def kind_of_class(cls: type[Any]) -> str:
    try:
        return _KIND_OF_CLASS[cls]
    except KeyError:
        raise InvalidValueError(f"{cls.__name__} is not a stored record kind") from None


def scope_of(connection: Connection, kind: str, fields: Fields) -> tuple[str | None, str | None]:
    """The case and party file a record belongs to (participants inherit their file's case)."""
    record_id = fields["id"]
    case_id = record_id if kind == "case" else fields.get("case_id")
    party_file_id = record_id if kind == "party_file" else fields.get("party_file_id")
    if kind == "participant" and party_file_id is not None:
        row = connection.execute(
            "SELECT case_id FROM records WHERE id = ? AND kind = 'party_file'", (party_file_id,)
        ).fetchone()
        case_id = row[0] if row else None
    return (
        case_id if isinstance(case_id, str) else None,
        party_file_id if isinstance(party_file_id, str) else None,
    )


#: The notes' search indexes: whole words (prefix match) and trigrams (substring match).
NOTE_INDEXES = ("notes_fts", "notes_trigram")


def write_fts(connection: Connection, kind: str, record_id: str, fields: Fields | None) -> None:
    """Keep the notes search index in step with a note record (None removes it). A note whose
    indexed text is unchanged - the laptop's own note coming back in a pull - is left alone:
    removing an entry rewrites the index pages holding its words (secure-delete)."""
    if kind != "note":
        return
    row = connection.execute("SELECT row FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return
    wanted = None if fields is None else (fields["body"], record_id, fields["case_id"])
    indexed = connection.execute(
        "SELECT body, note_id, case_id FROM notes_fts WHERE rowid = ?", (row[0],)
    ).fetchone()
    if indexed == wanted:
        return
    for table in NOTE_INDEXES:
        if indexed is not None:
            connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (row[0],))  # noqa: S608 (a fixed table name)
        if wanted is not None:
            connection.execute(
                f"INSERT INTO {table} (rowid, body, note_id, case_id) VALUES (?, ?, ?, ?)",  # noqa: S608 (a fixed table name)
                (row[0], *wanted),
            )


def insert_outbox(
    connection: Connection,
    kind: str,
    record_id: str,
    *,
    op: str,
    base_version: int | None,
    fields: Fields,
    at: str,
) -> None:
    """Queue one mutation for the next push (``fields``: the changed fields only)."""
    connection.execute(
        "INSERT INTO outbox (kind, record_id, op, base_version, fields, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (kind, record_id, op, base_version, dump(fields), at),
    )


class RepositoryMixin(StoreBase):
    def save(self, entity: Entity) -> None:
        """Store a local edit and queue it for sync, atomically. Saving an unchanged entity writes
        nothing; a final note never changes."""
        self.save_many((entity,))

    def save_many(self, entities: Iterable[Entity]) -> None:
        """Save several local edits in one transaction (all or none)."""
        with self._write() as db:
            for entity in entities:
                self._save_in(db, entity)

    def _save_in(self, db: Connection, entity: Entity) -> None:
        kind = kind_of(entity)
        fields = to_fields(entity)
        record_id = entity.id
        row = db.execute(
            "SELECT kind, fields, server_version, deleted FROM records WHERE id = ?",
            (record_id,),
        ).fetchone()
        if row is not None and row[0] != kind:
            raise InvalidValueError(f"id {record_id} already names a {row[0]} record")
        previous = load(row[1]) if row is not None and not row[3] else None
        changed = _changed(previous, fields)
        if isinstance(entity, Note):
            _check_note_edit(previous, fields)
            db.execute("DELETE FROM drafts WHERE note_id = ?", (record_id,))
        if not changed:
            return
        case_id, party_file_id = scope_of(db, kind, fields)
        now = self._now()
        db.execute(
            "INSERT INTO records (id, kind, case_id, party_file_id, fields, server_version,"
            " base_version, deleted, dirty, updated_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, 0,"
            " 1, ?) ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, party_file_id"
            " = excluded.party_file_id, fields = excluded.fields, deleted = 0, dirty = 1,"
            " updated_at = excluded.updated_at",
            (record_id, kind, case_id, party_file_id, dump(fields), now),
        )
        insert_outbox(
            db,
            kind,
            record_id,
            op="upsert",
            base_version=row[2] if row else None,
            fields=changed,
            at=now,
        )
        write_fts(db, kind, record_id, fields)

    def delete(self, cls: type[Any], record_id: str) -> None:
        """Tombstone a record locally and queue the deletion for sync."""
        kind = kind_of_class(cls)
        with self._write() as db:
            row = db.execute(
                "SELECT server_version FROM records WHERE id = ? AND kind = ? AND deleted = 0",
                (record_id, kind),
            ).fetchone()
            if row is None:
                raise RecordNotFoundError(f"no {kind} record {record_id}")
            now = self._now()
            db.execute(
                "UPDATE records SET deleted = 1, dirty = 1, updated_at = ? WHERE id = ?",
                (now, record_id),
            )
            insert_outbox(db, kind, record_id, op="delete", base_version=row[0], fields={}, at=now)
            write_fts(db, kind, record_id, None)

    def find(self, cls: type[E], record_id: str) -> E | None:
        kind = kind_of_class(cls)
        with self._read() as db:
            row = db.execute(
                "SELECT fields FROM records WHERE id = ? AND kind = ? AND deleted = 0",
                (record_id, kind),
            ).fetchone()
        return None if row is None else _entity(cls, kind, row[0])

    def get(self, cls: type[E], record_id: str) -> E:
        found = self.find(cls, record_id)
        if found is None:
            raise RecordNotFoundError(f"no {kind_of_class(cls)} record {record_id}")
        return found

    def find_all(
        self, cls: type[E], *, case_id: str | None = None, party_file_id: str | None = None
    ) -> list[E]:
        """Every live record of a kind, optionally within one case and/or one party file."""
        kind = kind_of_class(cls)
        sql = "SELECT fields FROM records WHERE kind = ? AND deleted = 0"
        params: list[str] = [kind]
        if case_id is not None:
            sql += " AND case_id = ?"
            params.append(case_id)
        if party_file_id is not None:
            sql += " AND party_file_id = ?"
            params.append(party_file_id)
        with self._read() as db:
            rows = db.execute(sql + " ORDER BY row", params).fetchall()
        return [_entity(cls, kind, row[0]) for row in rows]


def _entity(cls: type[E], kind: str, text: str) -> E:
    return typing.cast(E, from_fields(kind, load(text)))  # the kind names the class


def _changed(previous: Fields | None, fields: Fields) -> Fields:
    if previous is None:
        return fields
    return {name: value for name, value in fields.items() if previous.get(name) != value}


def _check_note_edit(previous: Fields | None, fields: Fields) -> None:
    if previous is not None and previous.get("status") == "final" and previous != fields:
        raise FinalNoteError("a final note cannot change; add an amendment instead")
