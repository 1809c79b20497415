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


def check_note(session: Session, case_id: str, party_file_id: str, body: str) -> None:
    from erms_desktop.domain.separation import SeparationChecker, has_blocking

    files = session.execute(
        select(Record.id, Record.fields).where(
            Record.case_id == case_id, Record.kind == "party_file", Record.deleted.is_(False)
        )
    ).all()
    sides = {file_id: fields.get("side") for file_id, fields in files}
    own_side = sides.get(party_file_id)
    other_files = [file_id for file_id, side in sides.items() if side != own_side]
    if not other_files:
        return
    participants = [
        entity
        for fields in session.scalars(
            select(Record.fields).where(
                Record.kind == "participant",
                Record.deleted.is_(False),
                Record.party_file_id.in_(other_files),
            )
        )
        if isinstance(entity := from_fields("participant", fields), Participant)
    ]
    findings = SeparationChecker(participants).check(body)
    if has_blocking(findings):
        blocking = [f for f in findings if f.severity == "block"]
        where = ", ".join(f"{f.kind} at {f.start}-{f.end}" for f in blocking[:5])
        raise RecordRefused(
            f"separation: the note identifies someone in the other party's file ({where})"
        )
