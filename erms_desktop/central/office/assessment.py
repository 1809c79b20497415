"""The office's initial risk assessment of a party file: what allocation waits for."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, casework
from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.models import Record
from erms_desktop.domain.enums import RiskKind
from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.parties import PartyFile
from erms_desktop.domain.risk import RiskAssessment
from erms_desktop.protocol.office import InitialAssessment


def assess(
    session: Session, party_file_id: str, form: InitialAssessment, actor: audit.Actor
) -> str:
    """Record the office's initial assessment of one party file, by the staff member acting."""
    party_file = casework.load_entity(session, "party_file", party_file_id, PartyFile)
    if actor.user_id is None:
        raise InvalidInputError("an assessment names its assessor: act as a staff member")
    try:
        assessment = RiskAssessment(
            id=str(uuid.uuid4()),
            case_id=party_file.case_id,
            party_file_id=party_file.id,
            kind=RiskKind.INITIAL,
            assessor_id=actor.user_id,
            factors=tuple(form.factors),
            mitigations=tuple(form.mitigations),
            outcome=form.outcome,
            completed_on=form.completed_on,
            review_on=form.review_on,
        )
    except DomainError as exc:
        raise InvalidInputError(f"invalid assessment: {exc}") from exc
    casework.save_entity(session, assessment, actor)
    target = f"party file {party_file.id} ({form.outcome.value})"
    audit.record(session, actor, "initial_risk_assessment", target, [party_file.case_id])
    return assessment.id


def cleared(session: Session, case_id: str, party_file_id: str) -> bool:
    """Whether the file has a completed initial assessment that lets the work proceed."""
    rows = session.scalars(
        select(Record).where(
            Record.kind == "risk_assessment",
            Record.case_id == case_id,
            Record.party_file_id == party_file_id,
            Record.deleted.is_(False),
        )
    )
    for row in rows:
        found = casework.decoded("risk_assessment", row.fields, RiskAssessment)
        if found.kind is RiskKind.INITIAL and found.allows_proceeding():
            return True
    return False
