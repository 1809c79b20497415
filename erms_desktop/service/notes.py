"""Notes: autosaved drafts, finalising (the separation check decides), and amendments.

Every path runs the checker for the note's party file again on the worker, whatever the editor
showed: a note with a blocking finding is never stored as final, and a warning must carry the
volunteer's recorded "this is not about them" confirmation.
"""

from __future__ import annotations

from erms_desktop.domain import Note, WarningConfirmation, check_amendment, check_note_in_file
from erms_desktop.domain.separation import Finding
from erms_desktop.service.casework_base import CaseworkBase
from erms_desktop.service.casework_errors import UnconfirmedWarningError, reasons_of


def is_confirmed(note: Note, finding: Finding) -> bool:
    return any(
        (c.participant_id, c.kind, c.text)
        == (finding.participant_id, finding.kind.value, finding.text)
        for c in note.confirmations
    )


class NotesMixin(CaseworkBase):
    def new_note(self, party_file_id: str, body: str = "") -> Note:
        """A new draft in one party file (not stored until autosaved)."""
        party_file = self.party_file(party_file_id)
        return Note.draft(
            case_id=party_file.case_id,
            party_file_id=party_file.id,
            author_id=self.user_id,
            body=body,
            at=self.now(),
        )

    def save_draft(self, note: Note) -> None:
        """Autosave: encrypted in the vault, local only, replaced by the final note."""
        check_note_in_file(note, self.party_file(note.party_file_id))
        self.store.save_draft(note)

    def drafts(self, case_id: str | None = None) -> list[Note]:
        """Drafts left unfinished (by a crash or a lock), the most recent first."""
        return self.store.drafts(case_id=case_id)

    def discard_draft(self, note_id: str) -> None:
        self.store.discard_draft(note_id)

    def confirm_warning(self, note: Note, finding: Finding) -> Note:
        """Record the volunteer's "this is not about them" for one warning, in the note."""
        if finding.blocking:
            raise UnconfirmedWarningError("a definite identifier cannot be confirmed away")
        return note.confirm_warning(
            WarningConfirmation(
                participant_id=finding.participant_id,
                kind=finding.kind.value,
                text=finding.text,
                confirmed_at=self.now(),
            )
        )

    def finalise(self, note: Note) -> Note:
        """Check the text once more and store the note as final (its draft goes)."""
        check_note_in_file(note, self.party_file(note.party_file_id))
        warnings = self.require_clean(note.party_file_id, note.body, "note")
        unconfirmed = [w for w in warnings if not is_confirmed(note, w)]
        if unconfirmed:
            raise UnconfirmedWarningError(
                "confirm each possible mention is not about the other party",
                reasons_of(unconfirmed),
            )
        if note.amends_note_id is not None:
            check_amendment(note, self.local(Note, note.amends_note_id, "note"))
        final = note.finalise(max(self.now(), note.created_at))
        self.save(final)
        return final

    def amend(self, note_id: str, body: str = "") -> Note:
        """A draft amendment linked to a final note (finalise it like any note)."""
        return self.local(Note, note_id, "note").amend(
            author_id=self.user_id, body=body, at=self.now()
        )
