"""Rules that span records: each entity checks itself, this module checks how they hang together.

``find_problems`` takes every record of one or more cases (as the vault or the central store holds
them) and lists each broken link in plain English: a note filed in another case's party file, an
amendment of a draft, an exchange citing a consent that was not live, a refused consent form on a
case left open, and so on. An empty list means the records are consistent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from erms_desktop.domain.activity import Contact, Document, OutcomeItem
from erms_desktop.domain.case import Case, Referral
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.enums import (
    ClosureReason,
    ConsentDecision,
    ConsentScope,
    ContactKind,
    ContactMode,
    ExchangeKind,
    ReferralStatus,
    RiskKind,
)
from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.exchange import Exchange
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.notes import Note, check_amendment
from erms_desktop.domain.parties import (
    Participant,
    PartyFile,
    check_file_in_case,
    check_participant_in_file,
)
from erms_desktop.domain.records import Entity
from erms_desktop.domain.risk import RiskAssessment, cleared_on


class _Index:
    def __init__(self, entities: Iterable[Entity]) -> None:
        self.all: list[Entity] = list(entities)
        self.by_id: dict[str, Entity] = {entity.id: entity for entity in self.all}
        self.risks = [entity for entity in self.all if isinstance(entity, RiskAssessment)]

    def get(self, record_id: str | None, kind: type[Entity]) -> Entity | None:
        found = self.by_id.get(record_id) if record_id is not None else None
        return found if isinstance(found, kind) else None


def find_problems(entities: Iterable[Entity]) -> list[str]:
    """Every broken link between the given records, in plain English."""
    index = _Index(entities)
    problems: list[str] = []
    if len(index.by_id) != len(index.all):
        problems.append("two records share an id")
    for entity in index.all:
        problems.extend(f"{type(entity).__name__} {entity.id}: {p}" for p in _check(entity, index))
    return problems


def _check(entity: Entity, index: _Index) -> list[str]:
    if isinstance(entity, Referral):
        return _check_referral(entity, index)
    if isinstance(entity, PartyFile):
        return _check_case_link(entity, index) or _check_file_side(entity, index)
    if isinstance(entity, Case):
        return _check_case(entity, index)
    if isinstance(entity, Exchange):
        return _check_exchange(entity, index)
    if isinstance(entity, OutcomeItem):
        return _check_case_link(entity, index) or signature_problems(entity, index.all)
    return _check_case_link(entity, index) or _check_in_file(entity, index)


def _check_in_file(entity: Entity, index: _Index) -> list[str]:
    """Checks for records whose case and party file are known to be there."""
    if isinstance(entity, Participant):
        party_file = index.get(entity.party_file_id, PartyFile)
        if not isinstance(party_file, PartyFile):  # reported by _check_case_link, which runs first
            return [f"participant {entity.id}: its party file is missing"]
        return _attempt(lambda: check_participant_in_file(entity, party_file))
    if isinstance(entity, Note):
        return _check_note(entity, index)
    if isinstance(entity, ConsentRecord):
        return _check_consent(entity, index)
    if isinstance(entity, Contact):
        return _contact_problems(entity, index)
    return feedback_problems(entity, index.all) if isinstance(entity, Feedback) else []


def _check_file_side(party_file: PartyFile, index: _Index) -> list[str]:
    case = index.get(party_file.case_id, Case)
    if not isinstance(case, Case):
        return []
    case_type = case.case_type
    return _attempt(lambda: check_file_in_case(party_file, case_type))


def signature_problems(item: OutcomeItem, case_records: Iterable[Entity]) -> list[str]:
    """An outcome agreement is signed only by parties of its own case."""
    files = {e.id for e in case_records if isinstance(e, PartyFile) and e.case_id == item.case_id}
    if set(item.signed_by_party_file_ids) - files:
        return ["is signed for a party file that is not in its case"]
    return []


def feedback_problems(feedback: Feedback, file_records: Iterable[Entity]) -> list[str]:
    """Feedback is given by a participant of its own file; an identified case study's written
    permission is a document of the same file."""
    by_id = {entity.id: entity for entity in file_records}
    person = by_id.get(feedback.participant_id)
    if not isinstance(person, Participant) or person.party_file_id != feedback.party_file_id:
        return ["feedback is given by a participant of its own party file"]
    permission_id = feedback.written_permission_document_id
    permission = by_id.get(permission_id) if permission_id else None
    if permission_id and not (
        isinstance(permission, Document) and permission.party_file_id == feedback.party_file_id
    ):
        return ["the written permission is a document of the same party file"]
    return []


def contact_problems(contact: Contact, case_records: Iterable[Entity]) -> list[str]:
    """What stops ``contact`` being recorded, given every record of its case (all its party
    files: the app and the store both judge with the whole case). The words name no record's
    content, so the store may return them to a volunteer who sees one side only."""
    others = [entity for entity in case_records if entity.id != contact.id]
    return _contact_problems(contact, _Index([*others, contact]))


def _contact_problems(contact: Contact, index: _Index) -> list[str]:
    return (
        _check_attendees(contact, index)
        + _check_meeting_risk(contact, index)
        + _check_remote_meeting(contact)
    )


_REMOTE_MODES = (ContactMode.PHONE, ContactMode.VIDEO)
_MEETINGS = (ContactKind.PREPARATION_MEETING, ContactKind.CONFERENCE)


def _check_remote_meeting(contact: Contact) -> list[str]:
    """A meeting by phone or video cannot be seen, so the facilitator records that everyone
    was reminded not to record it and confirmed they were somewhere private."""
    if contact.kind not in _MEETINGS or contact.mode not in _REMOTE_MODES:
        return []
    if contact.reminded_not_to_record and contact.private_location_confirmed:
        return []
    return [
        "a phone or video meeting records that everyone was reminded not to record it"
        " and confirmed a private location"
    ]


def _check_attendees(contact: Contact, index: _Index) -> list[str]:
    """A contact with one party is attended by that party's people (and facilitators)."""
    for attendee_id in contact.attendee_ids:
        attendee = index.get(attendee_id, Participant)
        if not isinstance(attendee, Participant):
            continue  # a facilitator or a professional recorded by id only
        party_file = index.get(attendee.party_file_id, PartyFile)
        other_file = contact.party_file_id not in (None, attendee.party_file_id)
        in_case = isinstance(party_file, PartyFile) and party_file.case_id == contact.case_id
        if other_file or not in_case:
            return ["lists an attendee from outside its party file"]
    return []


def _attending_files(contact: Contact, index: _Index) -> list[str]:
    files = {contact.party_file_id} if contact.party_file_id else set()
    for attendee_id in contact.attendee_ids:
        attendee = index.get(attendee_id, Participant)
        if isinstance(attendee, Participant):
            files.add(attendee.party_file_id)
    return sorted(f for f in files if f is not None)


def _check_meeting_risk(contact: Contact, index: _Index) -> list[str]:
    """Meetings with a party come after that party's secondary risk assessment; a joint meeting
    records only what every party at it consented to share."""
    if contact.kind not in _MEETINGS:
        return []
    if contact.kind is ContactKind.CONFERENCE and not contact.attendee_ids:
        return ["a conference records who was present"]
    for file_id in _attending_files(contact, index):
        if not cleared_on(
            index.risks,
            RiskKind.SECONDARY,
            contact.held_on,
            case_id=contact.case_id,
            party_file_id=file_id,
        ):
            return [
                "a meeting or conference needs a completed secondary risk assessment"
                " for each party present"
            ]
        if contact.is_joint and contact.summary.strip() and not _shares(index, file_id, contact):
            return ["a joint meeting's record needs every party's consent to share"]
    return []


def _shares(index: _Index, party_file_id: str, contact: Contact) -> bool:
    return any(
        isinstance(e, ConsentRecord)
        and e.party_file_id == party_file_id
        and e.scope is ConsentScope.SHARE_WITH_OTHER_PARTY
        and e.is_live(contact.held_on)
        for e in index.all
    )


def _check_case_link(entity: Entity, index: _Index) -> list[str]:
    """The record's case exists and its party file (if it names one) belongs to that case."""
    if isinstance(entity, Referral | Case):
        return []
    file_id = _party_file_id(entity)
    party_file = index.get(file_id, PartyFile)
    if isinstance(entity, Participant):  # a participant reaches its case through its file
        return [] if party_file else ["names a party file that is not there"]
    if index.get(entity.case_id, Case) is None:
        return ["names a case that is not there"]
    if file_id is None:
        return []
    if not isinstance(party_file, PartyFile) or party_file.case_id != entity.case_id:
        return ["names a party file that is not in its case"]
    return []


def _party_file_id(entity: Entity) -> str | None:
    if isinstance(entity, Participant | Note | ConsentRecord | Document | Contact | Feedback):
        return entity.party_file_id
    if isinstance(entity, RiskAssessment):
        return entity.party_file_id
    if isinstance(entity, OutcomeItem):
        return entity.responsible_party_file_id
    return None


def _attempt(check: Callable[[], None]) -> list[str]:
    try:
        check()
    except DomainError as exc:
        return [str(exc)]
    return []


def _check_note(note: Note, index: _Index) -> list[str]:
    if note.amends_note_id is None:
        return []
    original = index.get(note.amends_note_id, Note)
    if not isinstance(original, Note):
        return ["amends a note that is not there"]
    return _attempt(lambda: check_amendment(note, original))


def _check_referral(referral: Referral, index: _Index) -> list[str]:
    if referral.status is ReferralStatus.ACCEPTED and index.get(referral.case_id, Case) is None:
        return ["accepted into a case that is not there"]
    return []


def _check_case(case: Case, index: _Index) -> list[str]:
    problems: list[str] = []
    allocated = case.allocated_on
    if allocated and not cleared_on(index.risks, RiskKind.INITIAL, allocated, case_id=case.id):
        problems.append("allocated before an initial risk assessment allowed it")
    if case.referral_id is not None:
        referral = index.get(case.referral_id, Referral)
        if isinstance(referral, Referral) and referral.case_id != case.id:
            problems.append("its referral was accepted into another case")
    return problems


def _check_consent(consent: ConsentRecord, index: _Index) -> list[str]:
    problems: list[str] = []
    participant = index.get(consent.participant_id, Participant)
    if not isinstance(participant, Participant) or participant.party_file_id != (
        consent.party_file_id
    ):
        problems.append("is given by someone who is not in its party file")
    refused_form = (
        consent.scope is ConsentScope.CONFIDENTIALITY_FORM
        and consent.decision is ConsentDecision.REFUSED
    )
    case = index.get(consent.case_id, Case)
    if (
        refused_form
        and isinstance(case, Case)
        and case.closure_reason is not ClosureReason.CONSENT_REFUSED
    ):
        problems.append("the consent form was refused but the case is not closed for it")
    if consent.evidence_document_id is not None:
        document = index.get(consent.evidence_document_id, Document)
        if not isinstance(document, Document) or document.party_file_id != consent.party_file_id:
            problems.append("its evidence is not a document in the same party file")
    return problems


def _check_exchange(exchange: Exchange, index: _Index) -> list[str]:
    source = index.get(exchange.from_party_file_id, PartyFile)
    target = index.get(exchange.to_party_file_id, PartyFile)
    if not isinstance(source, PartyFile) or not isinstance(target, PartyFile):
        return ["moves content between party files that are not there"]
    if {source.case_id, target.case_id} != {exchange.case_id} or source.side is target.side:
        return ["does not go between two sides of its case"]
    consent = index.get(exchange.consent_id, ConsentRecord)
    if not isinstance(consent, ConsentRecord) or consent.party_file_id != source.id:
        return ["does not cite a consent of the party the content comes from"]
    problems: list[str] = []
    if consent.scope is not ConsentScope.SHARE_WITH_OTHER_PARTY:
        problems.append("cites a consent that does not cover sharing")
    if not consent.is_live(exchange.shared_at.date()):
        problems.append("was shared without a live consent")
    if exchange.kind is ExchangeKind.APOLOGY_LETTER:
        risk = index.get(exchange.risk_assessment_id, RiskAssessment)
        if not (
            isinstance(risk, RiskAssessment)
            and risk.kind is RiskKind.LETTER_SHARING
            and risk.case_id == exchange.case_id
            and risk.allows_proceeding()
        ):
            problems.append("is an apology letter without a letter-sharing assessment allowing it")
    return problems
