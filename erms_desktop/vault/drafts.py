"""Autosaved note drafts: kept locally (never synced) so the editor can offer a draft back after a
crash or an auto-lock. Saving the note itself through ``save`` removes its draft."""

from __future__ import annotations

from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.notes import Note
from erms_desktop.domain.records import from_fields, to_fields
from erms_desktop.vault.store_base import StoreBase, dump, load


class DraftsMixin(StoreBase):
    def save_draft(self, note: Note) -> None:
        if note.is_final:
            raise InvalidValueError("a final note is saved, not autosaved as a draft")
        with self._write() as db:
            db.execute(
                "INSERT INTO drafts (note_id, case_id, party_file_id, fields, saved_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (note_id) DO UPDATE SET"
                " fields = excluded.fields, saved_at = excluded.saved_at",
                (note.id, note.case_id, note.party_file_id, dump(to_fields(note)), self._now()),
            )

    def drafts(self, *, case_id: str | None = None) -> list[Note]:
        """Drafts waiting to be finished, the most recently saved first."""
        sql = "SELECT fields FROM drafts"
        params: tuple[str, ...] = ()
        if case_id is not None:
            sql += " WHERE case_id = ?"
            params = (case_id,)
        with self._read() as db:
            rows = db.execute(sql + " ORDER BY saved_at DESC", params).fetchall()
        notes = [from_fields("note", load(row[0])) for row in rows]
        return [note for note in notes if isinstance(note, Note)]

    def discard_draft(self, note_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE note_id = ?", (note_id,))
