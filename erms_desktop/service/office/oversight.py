"""Oversight for office mode: the filtered case list, a case to read (as the same
:class:`CaseView` the volunteer's workspace shows, each party file apart) and supervision notes.

Everything comes from the store's office API on each call and is held only by the caller (the
screen, in memory); the store audits every read with the staff member.
"""

from __future__ import annotations

from collections.abc import Iterable

from erms_desktop.domain import (
    Case,
    ConsentRecord,
    Contact,
    Document,
    Exchange,
    Feedback,
    Note,
    OutcomeItem,
    Participant,
    PartyFile,
    RiskAssessment,
    TimeEntry,
)
from erms_desktop.domain.records import E, Entity, from_fields
from erms_desktop.protocol.oversight import (
    MAX_DAYS,
    CaseContent,
    FileContent,
    OversightCase,
    OversightFilters,
    StoredRecord,
    SupervisionNote,
    SupervisionNoteIn,
)
from erms_desktop.service.case_views import CaseView, FileView
from erms_desktop.service.office.session import OfficeSession
from erms_desktop.sync.errors import InvalidResponse

#: The screens take the messages from here (the GUI reaches the core through the service).
__all__ = [
    "MAX_DAYS",
    "CaseView",
    "OversightCase",
    "OversightFilters",
    "SupervisionNote",
    "add_supervision_note",
    "case_view",
    "list_cases",
    "open_case",
    "supervision_notes",
]


def list_cases(session: OfficeSession, filters: OversightFilters) -> list[OversightCase]:
    params = filters.model_dump(mode="json", exclude_defaults=True)
    return session.get_list("/oversight/cases", OversightCase, params=params)


def open_case(session: OfficeSession, case_id: str) -> CaseView:
    return case_view(session.get(f"/oversight/cases/{case_id}", CaseContent))


def supervision_notes(session: OfficeSession, case_id: str) -> list[SupervisionNote]:
    return session.get_list(f"/oversight/cases/{case_id}/supervision-notes", SupervisionNote)


def add_supervision_note(session: OfficeSession, case_id: str, body: str) -> SupervisionNote:
    return session.post(
        f"/oversight/cases/{case_id}/supervision-notes",
        SupervisionNoteIn(body=body),
        SupervisionNote,
    )


def case_view(content: CaseContent) -> CaseView:
    """The store's answer as a case snapshot: each party file's records in its own
    :class:`FileView` (never another file's), the case level apart."""
    case = _one(_entities([content.case]), Case)
    level = _entities(content.case_level)
    contacts = _of(level, Contact)
    return CaseView(
        case=case,
        files=tuple(_file_view(f) for f in content.files),
        joint_meetings=tuple(c for c in contacts if c.party_file_id is None),
        case_risks=tuple(_of(level, RiskAssessment)),
        exchanges=tuple(_of(level, Exchange)),
        outcome_items=tuple(_of(level, OutcomeItem)),
        time_entries=tuple(sorted(_of(level, TimeEntry), key=lambda t: t.worked_on)),
    )


def _file_view(content: FileContent) -> FileView:
    found = _entities(content.records)
    party_file = _one(found, PartyFile)
    if party_file.id != content.party_file_id or any(
        getattr(e, "party_file_id", party_file.id) != party_file.id for e in found
    ):
        raise InvalidResponse("the store's case view mixed two party files")
    notes = _of(found, Note)
    return FileView(
        party_file=party_file,
        participants=tuple(_of(found, Participant)),
        notes=tuple(sorted(notes, key=lambda n: n.finalised_at or n.created_at)),
        drafts=(),
        contacts=tuple(_of(found, Contact)),
        consents=tuple(_of(found, ConsentRecord)),
        risks=tuple(_of(found, RiskAssessment)),
        documents=tuple(_of(found, Document)),
        feedback=tuple(_of(found, Feedback)),
    )


def _entities(records: Iterable[StoredRecord]) -> list[Entity]:
    return [from_fields(r.kind, r.fields) for r in records]


def _of(found: list[Entity], cls: type[E]) -> list[E]:
    return [e for e in found if isinstance(e, cls)]


def _one(found: list[Entity], cls: type[E]) -> E:
    matching = _of(found, cls)
    if len(matching) != 1:
        raise InvalidResponse(f"the store's case view has no single {cls.__name__}")
    return matching[0]
