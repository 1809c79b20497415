"""The office API's case routes: lists, initial risk assessment, allocation, caseloads
(staff and administrators only; every call audited)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from erms_desktop.central.api.deps import StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.api.routes_office import RecordIdPath
from erms_desktop.central.office import allocation, assessment, listing
from erms_desktop.protocol.office import (
    AllocationRequest,
    AssessmentRecorded,
    CaseloadItem,
    Deallocation,
    InitialAssessment,
    OfficeCase,
    Reallocation,
    UserSummary,
)

router = APIRouter(
    prefix="/v1/office", tags=["office"], dependencies=[Depends(check_versions)], responses=ERRORS
)


@router.get("/cases")
def cases(store: StoreDep, staff: StaffDep) -> list[OfficeCase]:
    with store.unit() as session:
        return listing.cases(session, staff.actor)


@router.get("/users")
def users(store: StoreDep, staff: StaffDep) -> list[UserSummary]:
    with store.unit() as session:
        return listing.users(session, staff.actor)


@router.post("/files/{party_file_id}/initial-assessment", status_code=201)
def assess(
    party_file_id: RecordIdPath, body: InitialAssessment, store: StoreDep, staff: StaffDep
) -> AssessmentRecorded:
    with store.unit() as session:
        found = assessment.assess(session, party_file_id, body, staff.actor)
        return AssessmentRecorded(risk_assessment_id=found)


@router.post("/cases/{case_id}/allocations", status_code=204)
def allocate(
    case_id: RecordIdPath, body: AllocationRequest, store: StoreDep, staff: StaffDep
) -> None:
    with store.unit() as session:
        allocation.allocate(session, case_id, body, staff.actor)


@router.post("/cases/{case_id}/reallocate", status_code=204)
def reallocate(case_id: RecordIdPath, body: Reallocation, store: StoreDep, staff: StaffDep) -> None:
    with store.unit() as session:
        allocation.reallocate(session, case_id, body, staff.actor)


@router.post("/cases/{case_id}/deallocate", status_code=204)
def deallocate(case_id: RecordIdPath, body: Deallocation, store: StoreDep, staff: StaffDep) -> None:
    with store.unit() as session:
        allocation.deallocate(session, case_id, body, staff.actor)


@router.get("/users/{user_id}/caseload")
def caseload(user_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> list[CaseloadItem]:
    with store.unit() as session:
        return allocation.caseload(session, user_id, staff.actor)
