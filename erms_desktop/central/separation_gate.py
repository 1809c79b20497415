"""The separation check again, on the store: a modified client cannot slip text past it.

Every free-text field of every kind is checked (``domain.separation.scope`` says which fields
and from whose view): text read by one side is checked against the participants of every file
on any *other* side of the same case (each party of a mediation is a side of its own);
case-level text against everyone in the case. A blocking
finding rejects the mutation. The reason names the kind of identifier and where it is, never the
matched text (reasons are stored).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central.models import Record
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.records import Entity, from_fields, kind_of
from erms_desktop.domain.separation import SeparationChecker, has_blocking
from erms_desktop.domain.separation.scope import free_texts, reading_file


def other_side_checker(
    session: Session, case_id: str, party_file_id: str | None
) -> SeparationChecker:
    """The checker for the other side of this file (every participant of the case when no file
    is given), built once per request from one query."""
    cache: dict[tuple[str, str | None], SeparationChecker] = session.info.setdefault(
        "erms_checkers", {}
    )
    if (case_id, party_file_id) in cache:
        return cache[case_id, party_file_id]
    rows = session.execute(
        select(Record.kind, Record.id, Record.party_file_id, Record.fields).where(
            Record.case_id == case_id,
            Record.kind.in_(("party_file", "participant")),
            Record.deleted.is_(False),
        )
    ).all()
    sides = {rid: fields.get("side") for kind, rid, _, fields in rows if kind == "party_file"}
    own_side = sides.get(party_file_id) if party_file_id is not None else None
    participants = [
        entity
        for kind, _, file_id, fields in rows
        if kind == "participant"
        and (own_side is None or sides.get(file_id or "", own_side) != own_side)
        and isinstance(entity := from_fields("participant", fields), Participant)
    ]
    cache[case_id, party_file_id] = SeparationChecker(participants)
    return cache[case_id, party_file_id]


def forget_checkers(session: Session) -> None:
    """Drop the request's checkers: a participant or party file is about to change, and a later
    mutation of the same push must be checked against the people as they will be."""
    session.info.pop("erms_checkers", None)


def check_texts(session: Session, case_id: str, before: Entity | None, after: Entity) -> None:
    """Refuse the record when a free-text value that is new or changed identifies someone its
    readers may not know about (text the store already held is not judged again)."""
    old = set(free_texts(before)) if before is not None else set()
    party_file_id = reading_file(after)
    for text in free_texts(after):
        if not text or text in old:
            continue
        findings = other_side_checker(session, case_id, party_file_id).check(text)
        if has_blocking(findings):
            blocking = [f for f in findings if f.severity == "block"]
            where = ", ".join(f"{f.kind} at {f.start}-{f.end}" for f in blocking[:5])
            whom = "someone in another party's file" if party_file_id else "a participant"
            what = kind_of(after).replace("_", " ")
            raise RecordRefused(f"separation: the {what} identifies {whom} ({where})")
