"""Links between records that the domain checks when the app makes them, checked again on the
store's own records: an amendment corrects a final note of the same party file
(``domain.check_amendment``), a party file's side belongs to its case's type - no victim or
offender file in a mediation case (``domain.check_file_in_case``) - a participant sits in a
file of its side (``domain.check_participant_in_file``), and feedback is given by a participant
of its own file with any written permission a document of that file
(``domain.integrity.feedback_problems``), and an outcome agreement is signed only by parties of
its own case (``domain.integrity.signature_problems``)."""

from __future__ import annotations

from erms_desktop.central.record_store import RecordRefused
from erms_desktop.central.rules.lookup import Lookup
from erms_desktop.domain.activity import Document, OutcomeItem
from erms_desktop.domain.case import Case
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.integrity import feedback_problems, signature_problems
from erms_desktop.domain.notes import Note, check_amendment
from erms_desktop.domain.parties import (
    Participant,
    PartyFile,
    check_file_in_case,
    check_participant_in_file,
)
from erms_desktop.domain.records import Entity


def check(lookup: Lookup, after: Entity | None) -> None:
    """Raise the domain's error when a link is wrong (the caller turns it into a refusal)."""
    if isinstance(after, Note) and after.amends_note_id is not None:
        original = lookup.find(Note, after.amends_note_id)
        if original is None:
            raise RecordRefused("the note it amends is not there")
        check_amendment(after, original)
    elif isinstance(after, PartyFile):
        case = lookup.find(Case, after.case_id, any_reader=True)
        if case is None:
            raise RecordRefused("the case it belongs to does not exist")
        check_file_in_case(after, case.case_type)
    elif isinstance(after, Participant):
        party_file = lookup.find(PartyFile, after.party_file_id)
        if party_file is None:
            raise RecordRefused("the party file it belongs to does not exist")
        check_participant_in_file(after, party_file)
    elif isinstance(after, OutcomeItem):
        signers = [
            lookup.find(PartyFile, f, any_reader=True) for f in after.signed_by_party_file_ids
        ]
        problems = signature_problems(after, [f for f in signers if f is not None])
        if problems:
            raise RecordRefused(problems[0])
    elif isinstance(after, Feedback):
        linked = (
            lookup.find(Participant, after.participant_id),
            lookup.find(Document, after.written_permission_document_id),
        )
        problems = feedback_problems(after, [e for e in linked if e is not None])
        if problems:
            raise RecordRefused(problems[0])
