"""The office API's people and laptop routes (staff and administrators only; every call
audited with the staff member). Staff and administrator accounts are managed by
administrators; volunteers by any staff member."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from erms_desktop.central.access import Principal
from erms_desktop.central.api.deps import StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.api.routes_office import RecordIdPath
from erms_desktop.central.office import laptops, people
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office_people import (
    BreachSummary,
    EnrolmentSlip,
    LaptopIssue,
    LaptopState,
    LeaverSummary,
    MonthTime,
    NewPerson,
    TemporaryPassword,
)

router = APIRouter(
    prefix="/v1/office", tags=["office"], dependencies=[Depends(check_versions)], responses=ERRORS
)


def _administrator(staff: Principal) -> bool:
    return staff.role == UserRole.ADMIN


@router.post("/people", status_code=201)
def create_person(body: NewPerson, store: StoreDep, staff: StaffDep) -> TemporaryPassword:
    with store.unit() as session:
        return people.create(
            session, store.settings, body, staff.actor, administrator=_administrator(staff)
        )


@router.post("/people/{user_id}/reset-password")
def reset_password(user_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> TemporaryPassword:
    with store.unit() as session:
        return people.reset_password(
            session, store.settings, user_id, staff.actor, administrator=_administrator(staff)
        )


@router.post("/people/{user_id}/disable")
def disable(user_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> LeaverSummary:
    with store.unit() as session:
        return people.disable(session, user_id, staff.actor, administrator=_administrator(staff))


@router.get("/people/{user_id}/time")
def time_by_month(user_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> list[MonthTime]:
    with store.unit() as session:
        return people.time_by_month(session, user_id, staff.actor)


@router.post("/laptops", status_code=201)
def issue(body: LaptopIssue, store: StoreDep, staff: StaffDep) -> EnrolmentSlip:
    with store.unit() as session:
        return laptops.issue(session, store.settings, body, staff.actor)


@router.get("/laptops")
def laptop_list(store: StoreDep, staff: StaffDep) -> list[LaptopState]:
    with store.unit() as session:
        return laptops.laptops(session, staff.actor)


@router.post("/laptops/{device_id}/revoke")
def revoke(device_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> BreachSummary:
    with store.unit() as session:
        return laptops.revoke(session, device_id, staff.actor)


@router.get("/laptops/{device_id}/breach-summary")
def breach_summary(device_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> BreachSummary:
    with store.unit() as session:
        return laptops.breach_summary(session, device_id, staff.actor)
