"""Case notes. A note lives in exactly one party file; a draft may change, a final note never
does, and a correction is a new note that amends the original."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from erms_desktop.domain.enums import NoteStatus
from erms_desktop.domain.errors import FinalNoteError, InvalidValueError
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import (
    new_id,
    require_aware,
    require_id,
    require_order,
    require_text,
)
from erms_desktop.domain.parties import PartyFile


@dataclass(frozen=True, slots=True, kw_only=True)
class WarningConfirmation:
    """The volunteer's recorded "this is not about them" for one separation warning."""

    participant_id: str
    kind: str
    text: str
    confirmed_at: datetime

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.participant_id, "confirmed participant id")
        require_text(self.kind, "confirmed finding kind")
        require_text(self.text, "confirmed finding text")
        require_aware(self.confirmed_at, "confirmation time")


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    id: str
    case_id: str
    party_file_id: str
    author_id: str
    body: str
    created_at: datetime
    status: NoteStatus = NoteStatus.DRAFT
    finalised_at: datetime | None = None
    amends_note_id: str | None = None
    confirmations: tuple[WarningConfirmation, ...] = ()
    #: When the conversation the note records took place (set by the volunteer; None: as written).
    took_place_at: datetime | None = None

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "note id")
        require_id(self.case_id, "note case id")
        require_id(self.party_file_id, "note party file id")
        require_id(self.author_id, "note author id")
        if self.amends_note_id is not None:
            require_id(self.amends_note_id, "amended note id")
            if self.amends_note_id == self.id:
                raise InvalidValueError("a note cannot amend itself")
        if (self.status is NoteStatus.FINAL) != (self.finalised_at is not None):
            raise InvalidValueError("a final note has a finalised time; a draft has none")
        require_aware(self.created_at, "note creation time")
        if self.took_place_at is not None:
            require_aware(self.took_place_at, "time the conversation took place")
        if self.finalised_at is not None:
            require_aware(self.finalised_at, "note finalised time")
            require_order(self.created_at, self.finalised_at, "a note is finalised after creation")
            require_text(self.body, "final note text")

    @classmethod
    def draft(
        cls, *, case_id: str, party_file_id: str, author_id: str, body: str, at: datetime
    ) -> Note:
        return cls(
            id=new_id(),
            case_id=case_id,
            party_file_id=party_file_id,
            author_id=author_id,
            body=body,
            created_at=at,
        )

    @property
    def is_final(self) -> bool:
        return self.status is NoteStatus.FINAL

    def revise(self, body: str, took_place_at: datetime | None = None) -> Note:
        """A draft with new text (and, if given, when the conversation took place). Final notes
        refuse: correct them with :meth:`amend`."""
        if self.is_final:
            raise FinalNoteError("a final note cannot change; add an amendment instead")
        return dataclasses.replace(
            self, body=body, took_place_at=took_place_at or self.took_place_at
        )

    def confirm_warning(self, confirmation: WarningConfirmation) -> Note:
        if self.is_final:
            raise FinalNoteError("a final note cannot change; add an amendment instead")
        return dataclasses.replace(self, confirmations=(*self.confirmations, confirmation))

    def finalise(self, at: datetime) -> Note:
        if self.is_final:
            raise FinalNoteError("the note is already final")
        require_text(self.body, "note text")
        return dataclasses.replace(self, status=NoteStatus.FINAL, finalised_at=at)

    def amend(self, *, author_id: str, body: str, at: datetime) -> Note:
        """A new draft in the same party file that corrects this final note."""
        if not self.is_final:
            raise InvalidValueError("only a final note is amended; edit the draft instead")
        return dataclasses.replace(
            Note.draft(
                case_id=self.case_id,
                party_file_id=self.party_file_id,
                author_id=author_id,
                body=body,
                at=at,
            ),
            amends_note_id=self.id,
            took_place_at=self.took_place_at or self.created_at,  # the same conversation
        )


def check_note_in_file(note: Note, party_file: PartyFile) -> None:
    """Refuse a note filed under a party file it does not name, or one of another case."""
    if note.party_file_id != party_file.id or note.case_id != party_file.case_id:
        raise InvalidValueError("the note does not belong to this party file")


def check_amendment(amendment: Note, original: Note) -> None:
    """Refuse an amendment that does not correct a final note of the same party file."""
    if amendment.amends_note_id != original.id:
        raise InvalidValueError("the amendment does not link to this note")
    if not original.is_final:
        raise InvalidValueError("only a final note is amended; edit the draft instead")
    if (amendment.case_id, amendment.party_file_id) != (original.case_id, original.party_file_id):
        raise InvalidValueError("an amendment stays in the party file of the note it corrects")
