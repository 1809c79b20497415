"""Full-text search over the volunteer's notes (SQLite FTS5, inside the encrypted database).

Every word typed matches the start of a word (``smi`` finds Smith) and, when it is three letters
or longer, anywhere inside one (``mith`` finds Smith) through the trigram index; all the words
must match. The user's words are quoted, so FTS query syntax typed by accident never raises.
Accents fold in word-start matches (Zoe finds Zoë).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from erms_desktop.vault.store_base import StoreBase

_TERM = re.compile(r"[\w'’-]+")
TRIGRAM = 3  # the trigram index cannot match fewer letters than this


@dataclass(frozen=True, slots=True)
class NoteHit:
    note_id: str
    case_id: str
    snippet: str  # the matching passage, matches wrapped in [ ]
    #: From the note's record, read in the same query, so a caller listing hits need not load
    #: and decode each note (200 of them cost more than the search itself).
    party_file_id: str | None
    author_id: str
    created_at: str  # ISO 8601, as stored


def search_terms(text: str) -> list[str]:
    return [word for word in _TERM.findall(text.replace('"', "")) if word]


def _queries(text: str) -> list[tuple[str, str]]:
    """The indexes to ask, in order, and their queries: the word index with every term a prefix
    (accents folded), then, when every term is long enough, the trigram index (substrings)."""
    terms = search_terms(text)
    if not terms:
        return []
    queries = [("notes_fts", " ".join(f'"{word}"*' for word in terms))]
    if all(len(word) >= TRIGRAM for word in terms):
        queries.append(("notes_trigram", " ".join(f'"{word}"' for word in terms)))
    return queries


class SearchMixin(StoreBase):
    def search_notes(
        self, text: str, *, case_id: str | None = None, limit: int = 50
    ) -> list[NoteHit]:
        """Word-start matches first, then matches inside words, each note once."""
        hits: dict[str, NoteHit] = {}
        with self._read() as db:
            for table, query in _queries(text):
                # The table is one of two fixed names; its rowid is the note record's row.
                sql = (
                    f"SELECT {table}.note_id, {table}.case_id,"  # noqa: S608
                    f" snippet({table}, 0, '[', ']', '…', 12), records.party_file_id,"
                    " json_extract(records.fields, '$.author_id'),"
                    " json_extract(records.fields, '$.created_at')"
                    f" FROM {table} JOIN records ON records.row = {table}.rowid"
                    f" WHERE {table} MATCH ? AND records.deleted = 0"
                )
                params: list[str | int] = [query]
                if case_id is not None:
                    sql += f" AND {table}.case_id = ?"
                    params.append(case_id)
                params.append(limit)
                for row in db.execute(sql + " ORDER BY rank LIMIT ?", params).fetchall():
                    hits.setdefault(
                        str(row[0]),
                        NoteHit(
                            str(row[0]),
                            str(row[1]),
                            str(row[2]),
                            None if row[3] is None else str(row[3]),
                            str(row[4] or ""),
                            str(row[5] or ""),
                        ),
                    )
        return list(hits.values())[:limit]
