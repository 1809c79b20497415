"""A case's party files for the office's risk and allocation screens: each file's latest initial
assessment and who holds it, and who holds the whole case. No content of the files is read."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, casework
from erms_desktop.central.models import Allocation, Record
from erms_desktop.central.office import assessment
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import RiskKind, RiskOutcome
from erms_desktop.domain.risk import RiskAssessment
from erms_desktop.protocol.office import OfficeCaseFiles, OfficeFile


def case_files(session: Session, case_id: str, actor: audit.Actor) -> OfficeCaseFiles:
    case = casework.load_entity(session, "case", case_id, Case)  # NotFound for an unknown case
    held: dict[str | None, list[str]] = {}
    for user_id, file_id in session.execute(
        select(Allocation.user_id, Allocation.party_file_id)
        .where(Allocation.case_id == case_id)
        .order_by(Allocation.allocated_at)
    ):
        held.setdefault(file_id, []).append(user_id)
    files = [
        OfficeFile(
            party_file_id=f.id,
            side=f.side,
            initial_outcome=_latest_initial(session, case_id, f.id),
            cleared=assessment.cleared(session, case_id, f.id),
            facilitator_ids=held.get(f.id, []),
        )
        for f in sorted(casework.party_files(session, case_id), key=lambda f: f.side.value)
    ]
    audit.record(session, actor, "list_party_files", f"case {case_id}", [case_id])
    return OfficeCaseFiles(
        case_id=case.id,
        service_reference=case.service_reference,
        case_facilitator_ids=held.get(None, []),
        files=files,
    )


def _latest_initial(session: Session, case_id: str, party_file_id: str) -> RiskOutcome | None:
    rows = session.scalars(
        select(Record).where(
            Record.kind == "risk_assessment",
            Record.case_id == case_id,
            Record.party_file_id == party_file_id,
            Record.deleted.is_(False),
        )
    )
    initial = [
        found
        for found in (casework.decoded("risk_assessment", r.fields, RiskAssessment) for r in rows)
        if found.kind is RiskKind.INITIAL
    ]
    if not initial:
        return None
    return max(initial, key=lambda a: (a.completed_on or date.min, a.id)).outcome
