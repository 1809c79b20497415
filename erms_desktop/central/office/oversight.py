"""Oversight by the office: every case with what needs looking at (filtered), a read-only view
of one case with each party file kept apart, and supervision notes.

The flags come from domain/attention.py, the same rules the volunteer's case header uses.
Every read is audited with the staff member and the case ids, never with any content.
Supervision notes live in their own table, outside ``records``, so no pull can reach them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, casework
from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.models import Allocation, Record, User
from erms_desktop.central.models import SupervisionNote as NoteRow
from erms_desktop.domain import attention
from erms_desktop.domain.activity import Contact
from erms_desktop.domain.case import Case
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.enums import Side
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.records import E, Fields
from erms_desktop.domain.risk import RiskAssessment
from erms_desktop.protocol.oversight import (
    CaseContent,
    FileContent,
    OversightCase,
    OversightFilters,
    StoredRecord,
    SupervisionNote,
    SupervisionNoteIn,
)

_FLAG_KINDS = ("party_file", "participant", "consent", "risk_assessment", "contact")


def cases(
    session: Session, filters: OversightFilters, actor: audit.Actor, today: date | None = None
) -> list[OversightCase]:
    """Every case matching every filter given, by service reference (audited)."""
    on = today or datetime.now(UTC).date()
    held = _records_by_case(session)
    covered = _allocated(session)
    found = []
    for row in _live(session, "case"):
        case = casework.decoded("case", row.fields, Case)
        if not _header_matches(case, filters):
            continue  # decided by the header alone: the case's records need not be read
        item = _summary(case, held[row.id], covered, on)
        if _flags_match(item, filters):
            found.append(item)
    found.sort(key=lambda c: c.service_reference)
    audit.record(
        session, actor, "oversight_cases", f"{len(found)} cases", [c.case_id for c in found]
    )
    return found


def _summary(
    case: Case, mine: list[_Row], covered: set[tuple[str, str | None]], on: date
) -> OversightCase:
    """The case's row. A closed case needs nothing looked at, so of its records only the
    contacts are read (for the date of the last one)."""
    contacts = _all(mine, "contact", Contact)
    open_ = [] if case.is_closed else mine
    files = [r.id for r in open_ if r.kind == "party_file"]
    people = _all(open_, "participant", Participant)
    risks = _all(open_, "risk_assessment", RiskAssessment)
    whole = case.is_closed or (case.id, None) in covered
    return OversightCase(
        case_id=case.id,
        service_reference=case.service_reference,
        case_type=case.case_type,
        stage=case.stage,
        on_hold=case.on_hold,
        closed=case.is_closed,
        facilitators=len(case.facilitator_ids),
        unallocated_files=0 if whole else sum((case.id, f) not in covered for f in files),
        next_action_due=case.next_action_due,
        overdue=attention.overdue_items(case, on),
        risk_reviews_due=len(attention.risk_reviews_due(risks, on)),
        consent_missing=len(
            attention.consent_missing(case, people, _all(open_, "consent", ConsentRecord), on)
        ),
        last_contact_on=attention.last_contact(contacts),
        days_without_contact=attention.days_without_contact(case, contacts, on),
    )


def _header_matches(case: Case, filters: OversightFilters) -> bool:
    return (filters.stage is None or case.stage is filters.stage) and (
        filters.on_hold is None or case.on_hold is filters.on_hold
    )


def _flags_match(item: OversightCase, filters: OversightFilters) -> bool:
    """Whether the case's row passes every filter of what needs looking at."""
    days = filters.no_contact_days
    return all(
        (
            not filters.unallocated or item.unallocated_files > 0,
            not filters.overdue or "next action" in item.overdue,
            not filters.risk_review_due or item.risk_reviews_due > 0,
            not filters.consent_missing or item.consent_missing > 0,
            days is None or (item.days_without_contact or 0) >= days,
        )
    )


def case_content(session: Session, case_id: str, actor: audit.Actor) -> CaseContent:
    """The whole case for staff to read, each party file apart (the read is audited)."""
    casework.load_entity(session, "case", case_id, Case)  # NotFound for an unknown case
    rows = session.scalars(
        select(Record)
        .where(Record.case_id == case_id, Record.deleted.is_(False))
        .order_by(Record.seq)
    ).all()
    by_file: dict[str | None, list[StoredRecord]] = defaultdict(list)
    for row in rows:
        if row.kind != "case":
            by_file[row.party_file_id].append(_stored(row))
    files = sorted(
        casework.party_files(session, case_id), key=lambda f: (f.side is not Side.VICTIM, f.id)
    )
    content = CaseContent(
        case=next(_stored(row) for row in rows if row.kind == "case"),
        files=[
            FileContent(party_file_id=f.id, side=f.side, records=by_file.get(f.id, []))
            for f in files
        ],
        case_level=by_file.get(None, []),
    )
    audit.record(session, actor, "read_case", f"case {case_id}: {len(rows)} records", [case_id])
    return content


def supervision_notes(session: Session, case_id: str, actor: audit.Actor) -> list[SupervisionNote]:
    casework.load_entity(session, "case", case_id, Case)
    rows = session.execute(
        select(NoteRow, User.username)
        .join(User, User.id == NoteRow.author_id)
        .where(NoteRow.case_id == case_id)
        .order_by(NoteRow.written_at, NoteRow.id)
    ).all()
    audit.record(
        session, actor, "read_supervision_notes", f"case {case_id}: {len(rows)} notes", [case_id]
    )
    return [_note(row, username) for row, username in rows]


def add_supervision_note(
    session: Session, case_id: str, note: SupervisionNoteIn, actor: audit.Actor
) -> SupervisionNote:
    casework.load_entity(session, "case", case_id, Case)
    if not note.body.strip():
        raise InvalidInputError("a supervision note needs some text")
    author = session.get(User, actor.user_id) if actor.user_id else None
    if author is None:
        raise InvalidInputError("a supervision note is written by a named staff member")
    row = NoteRow(
        id=str(uuid.uuid4()),
        case_id=case_id,
        author_id=author.id,
        body=note.body.strip(),
        written_at=datetime.now(UTC).replace(microsecond=0),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "add_supervision_note", f"note {row.id}", [case_id])
    return _note(row, author.username)


def _note(row: NoteRow, username: str) -> SupervisionNote:
    return SupervisionNote(
        note_id=row.id,
        case_id=row.case_id,
        author_id=row.author_id,
        author=username,
        written_at=row.written_at,
        body=row.body,
    )


def _stored(row: Record) -> StoredRecord:
    return StoredRecord(kind=row.kind, record_id=row.id, fields=dict(row.fields))


@dataclass(frozen=True, slots=True)
class _Row:
    """A live record's columns, without the ORM's bookkeeping (the list reads thousands)."""

    id: str
    kind: str
    case_id: str | None
    fields: Fields


def _live(session: Session, *kinds: str) -> list[_Row]:
    rows = session.execute(
        select(Record.id, Record.kind, Record.case_id, Record.fields).where(
            Record.kind.in_(kinds), Record.deleted.is_(False)
        )
    ).all()
    return [_Row(*row) for row in rows]


def _records_by_case(session: Session) -> dict[str, list[_Row]]:
    held: dict[str, list[_Row]] = defaultdict(list)
    for row in _live(session, *_FLAG_KINDS):
        if row.case_id is not None:
            held[row.case_id].append(row)
    return held


def _all(rows: list[_Row], kind: str, cls: type[E]) -> list[E]:
    return [casework.decoded(kind, r.fields, cls) for r in rows if r.kind == kind]


def _allocated(session: Session) -> set[tuple[str, str | None]]:
    """(case, party file) pairs some volunteer holds; (case, None) for a whole-case allocation."""
    rows = session.execute(select(Allocation.case_id, Allocation.party_file_id)).all()
    return {(case_id, file_id) for case_id, file_id in rows}
