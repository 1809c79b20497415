"""Participants: a volunteer completes the people in their own party file (the office enters
them at intake). Every change is saved into the outbox like any other record, and because the
workspace reloads the case after it, the other file's separation check knows a new phone number
or name at once.

The store lets a volunteer add to what the check looks for but never rewrite or remove a
recorded name, date of birth, phone, address, email, alias or reference (a laptop must not blind
the check); the same rule is applied here first, so the refusal comes with a clear message and
nothing is stored.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from erms_desktop.domain import Participant, check_participant_in_file
from erms_desktop.domain.enums import ParticipantRole
from erms_desktop.domain.ids import new_id
from erms_desktop.domain.separation.identifiers import Identifiers, dropped_identifiers
from erms_desktop.domain.separation.scope import free_texts
from erms_desktop.service.casework_base import CaseworkBase
from erms_desktop.service.casework_errors import CaseworkError

_FIELD_WORDS = {
    "given_names": "given names",
    "family_name": "family name",
    "date_of_birth": "date of birth",
    "aliases": "other names",
    "addresses": "addresses",
    "phones": "phone numbers",
    "emails": "email addresses",
    "references": "references",
}


class IdentifierRemovedError(CaseworkError):
    """A volunteer tried to rewrite or remove a participant's recorded identifier."""


class ParticipantsMixin(CaseworkBase):
    def add_participant(
        self, party_file_id: str, role: ParticipantRole, **details: Any
    ) -> Participant:
        """A new person in the volunteer's own file (checked, then saved into the outbox)."""
        person = Participant(
            id=new_id(),
            party_file_id=party_file_id,
            role=ParticipantRole(role),  # a form's combo hands back the plain string
            **details,
        )
        return self._save_participant(person)

    def edit_participant(self, participant_id: str, **changes: Any) -> Participant:
        """Change a participant's details: identifiers may be added, never rewritten."""
        before = self.local(Participant, participant_id, "participant")
        after = dataclasses.replace(before, **changes)
        dropped = dropped_identifiers(Identifiers.of(before), Identifiers.of(after))
        if dropped:
            words = ", ".join(_FIELD_WORDS[name] for name in dropped)
            raise IdentifierRemovedError(
                f"only office staff change or remove recorded {words}; add the new details"
                " and ask the office to correct the old ones"
            )
        return self._save_participant(after)

    def _save_participant(self, person: Participant) -> Participant:
        party_file = self.party_file(person.party_file_id)
        check_participant_in_file(person, party_file)
        for text in free_texts(person):
            self.require_clean(party_file.id, text, "participant's details")
        self.save(person)
        return person
