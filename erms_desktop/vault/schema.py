"""The vault's schema, versioned in the ``meta`` table and migrated forward one step at a time.

Each step runs in its own transaction and bumps the version with it, so a crash mid-migration
leaves the previous version intact. A database from a newer app version is refused before
anything is written.
"""

from __future__ import annotations

from collections.abc import Callable

from erms_desktop.vault.connection import Connection
from erms_desktop.vault.errors import SchemaTooNewError, VaultCorruptError

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    row INTEGER PRIMARY KEY,  -- a stable rowid: the notes search index is keyed on it
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    case_id TEXT,
    party_file_id TEXT,
    fields TEXT NOT NULL,
    server_version INTEGER,
    base_version INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)),
    updated_at TEXT NOT NULL
);
CREATE INDEX records_by_case ON records (kind, case_id);
CREATE INDEX records_by_party_file ON records (kind, party_file_id);
CREATE INDEX records_dirty ON records (dirty) WHERE dirty = 1;
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL REFERENCES records (id),
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    base_version INTEGER,
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
    reason TEXT
);
CREATE INDEX outbox_by_record ON outbox (record_id);
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_V2 = """
CREATE VIRTUAL TABLE notes_fts USING fts5 (
    body, note_id UNINDEXED, case_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO notes_fts (rowid, body, note_id, case_id)
    SELECT row, json_extract(fields, '$.body'), id, case_id FROM records
    WHERE kind = 'note' AND deleted = 0;
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE drafts (
    note_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    party_file_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    fields TEXT,
    outbox TEXT NOT NULL,
    reason TEXT NOT NULL,
    quarantined_at TEXT NOT NULL
);
"""

# Substring search: a trigram index beside the word index, so "mith" finds "Smith" (terms of
# three letters or more). Plain ``trigram`` (no accent folding, which needs SQLite 3.45) so the
# schema also builds on the older SQLite the benchmarks compare against; the word index, asked
# first, folds accents.
_V3 = """
CREATE VIRTUAL TABLE notes_trigram USING fts5 (
    body, note_id UNINDEXED, case_id UNINDEXED, tokenize = 'trigram'
);
INSERT INTO notes_trigram (rowid, body, note_id, case_id)
    SELECT row, json_extract(fields, '$.body'), id, case_id FROM records
    WHERE kind = 'note' AND deleted = 0;
"""

# Case types (restorative justice or mediation): every case recorded before them is a
# restorative justice case, written into its fields so the type is explicit. Nothing else in a
# record changes, and the records are not marked for sync: the store's own migration
# (0004_mediation) does the same to its copy.
_V4 = """
UPDATE records SET fields = json_set(fields, '$.case_type', 'restorative_justice')
    WHERE kind = 'case' AND json_type(fields, '$.case_type') IS NULL;
"""

# Attachment content in fixed 512 KiB pieces (issue 20), so it is written and read a piece at a
# time with a constant memory bound; content already held is cut into pieces (``substr`` counts
# bytes in a BLOB) and the whole-content column dropped.
_V5 = """
CREATE TABLE attachment_chunks (
    sha256 TEXT NOT NULL REFERENCES attachments (sha256) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (sha256, seq)
);
INSERT INTO attachment_chunks (sha256, seq, data)
    WITH RECURSIVE pieces (sha256, seq, size) AS (
        SELECT sha256, 0, size FROM attachments WHERE size > 0
        UNION ALL
        SELECT sha256, seq + 1, size FROM pieces WHERE (seq + 1) * 524288 < size
    )
    SELECT p.sha256, p.seq, substr(a.content, p.seq * 524288 + 1, 524288)
    FROM pieces p JOIN attachments a ON a.sha256 = p.sha256;
ALTER TABLE attachments DROP COLUMN content;
"""

# A removed note leaves nothing in the search indexes (FTS5 ``secure-delete``, SQLite 3.44):
# FTS5 otherwise records a deletion as a marker and keeps the note's words in its segments until
# a merge, where anyone holding the vault key - a volunteer whose case was reallocated, say -
# could read them back. ``optimize`` then rewrites each index without the words of notes
# removed before this version (secure_delete zeroes the pages it frees).
_V6 = """
INSERT INTO notes_fts (notes_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO notes_trigram (notes_trigram, rank) VALUES ('secure-delete', 1);
INSERT INTO notes_fts (notes_fts) VALUES ('optimize');
INSERT INTO notes_trigram (notes_trigram) VALUES ('optimize');
"""

#: Step n turns version n-1 into version n.
STEPS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(STEPS)


def current_version(connection: Connection) -> int:
    has_meta = connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()[0]
    if not has_meta:
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise VaultCorruptError("the vault database has no schema version")
    return int(row[0])


def check_version(connection: Connection) -> int:
    """The stored version; refuses a newer one and a database without any (never built here)."""
    version = current_version(connection)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(version, SCHEMA_VERSION)
    if version == 0:
        raise VaultCorruptError("the vault database has no schema")
    return version


def migrate(
    connection: Connection,
    target: int = SCHEMA_VERSION,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Bring the schema to ``target`` step by step; returns the version reached."""
    version = current_version(connection)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(version, SCHEMA_VERSION)
    for step in range(version + 1, target + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(STEPS[step - 1]):
                connection.execute(statement)
            connection.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(step),),
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        if progress is not None:
            progress(step)
    return max(version, target)


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
