"""The separation check again, on the store: a modified client cannot slip a note past it.

A note pushed into one party file is checked against the participants of every file on the
*other* side of the same case; a blocking finding rejects the mutation. The reason names the
kind of identifier and where it is, never the matched text (reasons are stored).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central.models import Record
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.records import from_fields
from erms_desktop.domain.separation import SeparationChecker, has_blocking


def _checker(session: Session, case_id: str, party_file_id: str) -> SeparationChecker:
    """The checker for the other side of this file, built once per request (a push of several
    notes to one file builds it once, from one query)."""
    cache: dict[str, SeparationChecker] = session.info.setdefault("erms_checkers", {})
    if party_file_id in cache:
        return cache[party_file_id]
    rows = session.execute(
        select(Record.kind, Record.id, Record.party_file_id, Record.fields).where(
            Record.case_id == case_id,
            Record.kind.in_(("party_file", "participant")),
            Record.deleted.is_(False),
        )
    ).all()
    sides = {rid: fields.get("side") for kind, rid, _, fields in rows if kind == "party_file"}
    own_side = sides.get(party_file_id)
    participants = [
        entity
        for kind, _, file_id, fields in rows
        if kind == "participant"
        and sides.get(file_id or "", own_side) != own_side
        and isinstance(entity := from_fields("participant", fields), Participant)
    ]
    cache[party_file_id] = SeparationChecker(participants)
    return cache[party_file_id]


def check_note(session: Session, case_id: str, party_file_id: str, body: str) -> None:
    findings = _checker(session, case_id, party_file_id).check(body)
    if has_blocking(findings):
        blocking = [f for f in findings if f.severity == "block"]
        where = ", ".join(f"{f.kind} at {f.start}-{f.end}" for f in blocking[:5])
        raise RecordRefused(
            f"separation: the note identifies someone in the other party's file ({where})"
        )
