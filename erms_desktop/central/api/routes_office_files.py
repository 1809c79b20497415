"""The office API's view of a case's party files, for the risk and allocation screens (staff
and administrators only; audited)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from erms_desktop.central.api.deps import StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.api.routes_office import RecordIdPath
from erms_desktop.central.office.files import case_files
from erms_desktop.protocol.office import OfficeCaseFiles

router = APIRouter(
    prefix="/v1/office", tags=["office"], dependencies=[Depends(check_versions)], responses=ERRORS
)


@router.get("/cases/{case_id}/files")
def files(case_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> OfficeCaseFiles:
    with store.unit() as session:
        return case_files(session, case_id, staff.actor)
