"""Full-text search over the volunteer's notes (SQLite FTS5, inside the encrypted database).

The user's words are searched as quoted terms, all of which must match (prefixes allowed with a
trailing ``*``), so FTS query syntax typed by accident never raises. Accents fold (Zoe finds Zoë).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from erms_desktop.vault.store_base import StoreBase

_TERM = re.compile(r"[\w'’-]+\*?")


@dataclass(frozen=True, slots=True)
class NoteHit:
    note_id: str
    case_id: str
    snippet: str  # the matching passage, matches wrapped in [ ]


def fts_query(text: str) -> str | None:
    terms = []
    for term in _TERM.findall(text):
        prefix = term.endswith("*")
        word = term.rstrip("*").replace('"', "")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms) or None


class SearchMixin(StoreBase):
    def search_notes(
        self, text: str, *, case_id: str | None = None, limit: int = 50
    ) -> list[NoteHit]:
        query = fts_query(text)
        if query is None:
            return []
        sql = (
            "SELECT note_id, case_id, snippet(notes_fts, 0, '[', ']', '…', 12) FROM notes_fts"
            " WHERE notes_fts MATCH ?"
        )
        params: list[str | int] = [query]
        if case_id is not None:
            sql += " AND case_id = ?"
            params.append(case_id)
        params.append(limit)
        with self._read() as db:
            rows = db.execute(sql + " ORDER BY rank LIMIT ?", params).fetchall()
        return [NoteHit(str(row[0]), str(row[1]), str(row[2])) for row in rows]
