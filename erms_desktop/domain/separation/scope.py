"""Which free text of each record kind the separation check reads, and from whose view.

A record in a party file is read by that file's side, so its text must not identify anyone in
a file on any other side (the file-level rule; in a mediation case each party is a side of its
own, so this holds between every pair of parties). A record at case level (a joint meeting, an
outcome agreement item, a time entry, the case header) is read by every side, so its text
must identify nobody at all beyond initials (the case-level rule). An exchange is read by the
side it goes to, so its content must not identify the side it comes from. The app and the
central store both ask this module, so they check the same fields the same way.
"""

from __future__ import annotations

from erms_desktop.domain.activity import Contact, Document, OutcomeItem, TimeEntry
from erms_desktop.domain.case import Case
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.exchange import Exchange
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.notes import Note
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.domain.records import Entity
from erms_desktop.domain.risk import RiskAssessment


def free_texts(entity: Entity) -> tuple[str, ...]:  # noqa: PLR0911 - one answer per kind
    """Every free-text value of the record, as typed (identifier fields of a participant are
    what the check looks for, so they are not among them)."""
    if isinstance(entity, Case):
        offence = entity.offence.summary if entity.offence is not None else ""
        return (offence, entity.dispute_summary, entity.next_action, entity.hold_reason)
    if isinstance(entity, PartyFile):
        return (entity.label,)
    if isinstance(entity, Participant):
        return (
            entity.safe_contact,
            entity.vulnerability_notes,
            entity.access_needs,
            entity.present_adult,
        )
    if isinstance(entity, Note):
        return (entity.body,)
    if isinstance(entity, Contact):
        return (entity.summary,)
    if isinstance(entity, ConsentRecord):
        return (entity.detail,)
    if isinstance(entity, RiskAssessment):
        return (*entity.factors, *entity.mitigations)
    if isinstance(entity, Exchange):  # what was redacted is what the other side may not read
        return (entity.content, *entity.redactions)
    if isinstance(entity, OutcomeItem):
        return (entity.description, entity.monitored_by or "")
    if isinstance(entity, Document):
        return (entity.description,)
    if isinstance(entity, TimeEntry):
        return (entity.activity,)
    if isinstance(entity, Feedback):
        return (entity.comments,)
    return ()  # a referral holds no free text about the parties


def reading_file(entity: Entity) -> str | None:
    """The party file whose side reads the record, or None for a case-level record (read by
    every side, so it may identify nobody)."""
    if isinstance(entity, Exchange):
        return entity.to_party_file_id
    if isinstance(entity, PartyFile):
        return entity.id
    if isinstance(entity, Participant | Note | ConsentRecord | Document | Feedback):
        return entity.party_file_id
    if isinstance(entity, Contact | RiskAssessment):
        return entity.party_file_id
    return None
