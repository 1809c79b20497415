"""The office API's oversight routes: every case with filters, a read-only case view (each
party file apart) and supervision notes. Staff and administrators only; every read audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from erms_desktop.central.api.deps import StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.api.routes_office import RecordIdPath
from erms_desktop.central.office import oversight
from erms_desktop.protocol.oversight import (
    CaseContent,
    OversightCase,
    OversightFilters,
    SupervisionNote,
    SupervisionNoteIn,
)

router = APIRouter(
    prefix="/v1/office/oversight",
    tags=["office"],
    dependencies=[Depends(check_versions)],
    responses=ERRORS,
)


@router.get("/cases")
def cases(
    store: StoreDep, staff: StaffDep, filters: Annotated[OversightFilters, Query()]
) -> list[OversightCase]:
    with store.unit() as session:
        return oversight.cases(session, filters, staff.actor)


@router.get("/cases/{case_id}")
def case_content(case_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> CaseContent:
    with store.unit() as session:
        return oversight.case_content(session, case_id, staff.actor)


@router.get("/cases/{case_id}/supervision-notes")
def supervision_notes(
    case_id: RecordIdPath, store: StoreDep, staff: StaffDep
) -> list[SupervisionNote]:
    with store.unit() as session:
        return oversight.supervision_notes(session, case_id, staff.actor)


@router.post("/cases/{case_id}/supervision-notes", status_code=201)
def add_supervision_note(
    case_id: RecordIdPath, body: SupervisionNoteIn, store: StoreDep, staff: StaffDep
) -> SupervisionNote:
    with store.unit() as session:
        return oversight.add_supervision_note(session, case_id, body, staff.actor)
