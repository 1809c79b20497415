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
                # The table is one of two fixed names.
                sql = (
                    f"SELECT note_id, case_id, snippet({table}, 0, '[', ']', '…', 12) FROM {table}"  # noqa: S608
                )
                sql += f" WHERE {table} MATCH ?"
                params: list[str | int] = [query]
                if case_id is not None:
                    sql += " AND case_id = ?"
                    params.append(case_id)
                params.append(limit)
                for row in db.execute(sql + " ORDER BY rank LIMIT ?", params).fetchall():
                    hits.setdefault(str(row[0]), NoteHit(str(row[0]), str(row[1]), str(row[2])))
        return list(hits.values())[:limit]
