"""Erasure, where the law allows it: the office tombstones a person's records, and the
tombstones carry the erasure to every laptop on its next pull (which also drops the content of
their documents, see vault/sync_transaction.py).

What goes: the participant record, and every record of the consents and the like that name
them; when they were the last person in their party file, every record of that file (notes,
contacts, consents, risk assessments, documents) and the content of its uploads. The party
file itself and the case stay (the other party's work goes on); case-level records shared by
both parties (exchanges, joint meetings) are the other party's too and stay - the data
protection officer edits them by hand where the law requires it. The ground is a code in the
audit entry, never free text.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.errors import NotFoundError
from erms_desktop.central.models import Attachment, AttachmentChunk, Record
from erms_desktop.central.record_store import write
from erms_desktop.central.separation_gate import forget_checkers
from erms_desktop.protocol.office_subject import ErasureRequest, ErasureResult


def erase(session: Session, request: ErasureRequest, actor: audit.Actor) -> ErasureResult:
    person = session.get(Record, request.participant_id)
    if person is None or person.deleted or person.kind != "participant":
        raise NotFoundError("no such person (they may have been erased already)")
    file_id, case_id = str(person.party_file_id), str(person.case_id)
    in_file = session.scalars(
        select(Record).where(
            Record.party_file_id == file_id,
            Record.kind != "party_file",
            Record.deleted.is_(False),
        )
    ).all()
    others = [r for r in in_file if r.kind == "participant" and r.id != person.id]
    if others:
        going = [r for r in in_file if r.id == person.id or person.id in r.fields.values()]
    else:
        going = list(in_file)
    for record in going:
        write(
            session,
            actor,
            record,
            kind=record.kind,
            record_id=record.id,
            scope=(record.case_id, record.party_file_id),
            fields=None,
        )
    destroyed = 0
    if not others:
        shas = session.scalars(
            select(Attachment.sha256).where(Attachment.party_file_id == file_id)
        ).all()
        destroyed = len(shas)
        for table in (AttachmentChunk, Attachment):
            session.execute(delete(table).where(table.party_file_id == file_id))
    forget_checkers(session)
    audit.record(
        session,
        actor,
        "erase_person",
        f"participant {person.id} ({request.ground.value}): {len(going)} records, "
        f"{destroyed} uploads",
        [case_id],
    )
    return ErasureResult(
        participant_id=person.id, records_tombstoned=len(going), attachments_destroyed=destroyed
    )
