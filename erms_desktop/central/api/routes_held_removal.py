"""A laptop reports a held mass removal it kept; the office lists those reports."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status
from fastapi.responses import Response

from erms_desktop.central import held_removals
from erms_desktop.central.api.deps import PrincipalDep, StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.protocol.held_removal import HeldRemovalNotice, HeldRemovalReport

router = APIRouter(dependencies=[Depends(check_versions)], responses=ERRORS)


@router.post("/v1/sync/held-removal", status_code=status.HTTP_204_NO_CONTENT, tags=["sync"])
def report(kept: HeldRemovalReport, store: StoreDep, principal: PrincipalDep) -> Response:
    with store.unit() as session:
        held_removals.report(session, principal, kept)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/v1/office/held-removals", tags=["office"])
def listed(store: StoreDep, staff: StaffDep) -> list[HeldRemovalNotice]:
    with store.unit() as session:
        return held_removals.notices(session, staff.actor)
