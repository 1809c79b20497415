"""Allocation by the office: a case or one party file to one or two facilitators, each file
first cleared by an initial risk assessment; reallocation and deallocation with a reason; and a
volunteer's current caseload."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, casework
from erms_desktop.central.errors import InvalidInputError, NotFoundError
from erms_desktop.central.models import Allocation, User
from erms_desktop.central.office import assessment
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import UserRole
from erms_desktop.domain.parties import PartyFile
from erms_desktop.protocol.office import (
    AllocationRequest,
    CaseloadItem,
    Deallocation,
    Reallocation,
)

#: Co-facilitation: at most two facilitators on a case or a party file.
MAX_FACILITATORS = 2


def allocate(
    session: Session, case_id: str, request: AllocationRequest, actor: audit.Actor
) -> None:
    """Allocate, refusing (and changing nothing) unless every file in reach is assessed."""
    casework.load_entity(session, "case", case_id, Case)  # NotFound for an unknown case
    files = {f.id for f in casework.party_files(session, case_id)}
    if request.party_file_id is not None and request.party_file_id not in files:
        raise NotFoundError(f"no party file {request.party_file_id!r} in that case")
    reach = files if request.party_file_id is None else {request.party_file_id}
    waiting = sorted(f for f in reach if not assessment.cleared(session, case_id, f))
    if waiting:
        raise InvalidInputError(
            "allocation needs an initial risk assessment, cleared to proceed, of party file "
            + ", ".join(waiting)
        )
    held = _facilitators(session, case_id, request.party_file_id)
    if len(held | set(request.user_ids)) > MAX_FACILITATORS:
        raise InvalidInputError("a case or party file has at most two facilitators")
    for user_id in request.user_ids:
        _volunteer(session, user_id)
        spec = casework.AllocationSpec(user_id, case_id, request.party_file_id)
        casework.allocate(session, spec, actor)


def deallocate(session: Session, case_id: str, request: Deallocation, actor: audit.Actor) -> None:
    casework.deallocate(session, request.user_id, case_id, actor=actor, why=request.reason.value)


def reallocate(session: Session, case_id: str, request: Reallocation, actor: audit.Actor) -> None:
    """Hand everything one facilitator holds in the case to another, with the reason."""
    held = session.scalars(
        select(Allocation.party_file_id).where(
            Allocation.user_id == request.from_user_id, Allocation.case_id == case_id
        )
    ).all()
    if not held:
        raise NotFoundError("that user has no allocation in that case")
    why = Deallocation(user_id=request.from_user_id, reason=request.reason)
    deallocate(session, case_id, why, actor)
    for party_file_id in held:
        to = AllocationRequest(user_ids=[request.to_user_id], party_file_id=party_file_id)
        allocate(session, case_id, to, actor)


def caseload(session: Session, user_id: str, actor: audit.Actor) -> list[CaseloadItem]:
    """What the volunteer holds now, to weigh while choosing whom to allocate."""
    _volunteer(session, user_id)
    rows = session.scalars(
        select(Allocation).where(Allocation.user_id == user_id).order_by(Allocation.allocated_at)
    ).all()
    items = [_item(session, row) for row in rows]
    audit.record(session, actor, "read_caseload", f"user {user_id}", [r.case_id for r in rows])
    return items


def _item(session: Session, row: Allocation) -> CaseloadItem:
    case = casework.load_entity(session, "case", row.case_id, Case)
    side = None
    if row.party_file_id is not None:
        party_file = casework.load_entity(session, "party_file", row.party_file_id, PartyFile)
        side = party_file.side
    return CaseloadItem(
        case_id=case.id,
        service_reference=case.service_reference,
        case_type=case.case_type,
        stage=case.stage,
        party_file_id=row.party_file_id,
        side=side,
        allocated_at=row.allocated_at,
    )


def _facilitators(session: Session, case_id: str, party_file_id: str | None) -> set[str]:
    same = (
        Allocation.party_file_id.is_(None)
        if party_file_id is None
        else Allocation.party_file_id == party_file_id
    )
    rows = session.scalars(select(Allocation.user_id).where(Allocation.case_id == case_id, same))
    return set(rows)


def _volunteer(session: Session, user_id: str) -> None:
    role = session.scalar(select(User.role).where(User.id == user_id))
    if role is None:
        raise NotFoundError(f"no user {user_id!r}")
    if role != UserRole.VOLUNTEER.value:
        raise InvalidInputError("only volunteers facilitate (staff use a volunteer enrolment)")
