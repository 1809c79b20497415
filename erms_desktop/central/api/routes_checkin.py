"""Checking a returned laptop in, and the hand-overs it leaves (staff only; central/checkin.py,
central/handovers.py). "What was on this laptop" answers for returned and lost laptops alike."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from erms_desktop.central import checkin, handovers
from erms_desktop.central.api.deps import StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.laptop_contents import laptop_contents
from erms_desktop.protocol.checkin import (
    AccountedRequest,
    CheckInStatus,
    CompleteRequest,
    DeviceSessionRequest,
    DeviceSessionResponse,
    DigestRequest,
    HandoverApply,
    HandoverDecision,
    HandoverEntry,
    HandoverPackage,
    HandoverUpload,
    LaptopContents,
    Receipt,
    StoreDigests,
)
from erms_desktop.protocol.messages import RECORD_ID_PATTERN, RecordId

router = APIRouter(
    prefix="/v1/office/checkin",
    tags=["checkin"],
    dependencies=[Depends(check_versions)],
    responses=ERRORS,
)
IdPath = Annotated[str, Path(min_length=36, max_length=36, pattern=RECORD_ID_PATTERN)]
ItemPath = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9:_-]+$")]


@router.post("/devices/{device_id}")
def start(device_id: IdPath, store: StoreDep, staff: StaffDep) -> CheckInStatus:
    with store.unit() as session:
        return checkin.start(session, staff, device_id)


@router.post("/devices/{device_id}/device-session")
def device_session(
    device_id: IdPath, request: DeviceSessionRequest, store: StoreDep, staff: StaffDep
) -> DeviceSessionResponse:
    def work(session: Session) -> DeviceSessionResponse:
        token = checkin.device_session(
            session, staff, device_id, request.device_secret, store.settings
        )
        return DeviceSessionResponse(token=token)

    return store.committing_refusals(work)


@router.post("/devices/{device_id}/digest")
def digest(
    device_id: IdPath, request: DigestRequest, store: StoreDep, staff: StaffDep
) -> StoreDigests:
    """The store's digest per case over what the laptop's volunteer can see."""
    with store.unit() as session:
        return checkin.store_digests(session, staff, device_id, request.handed_over)


@router.post("/devices/{device_id}/handover")
def upload(
    device_id: IdPath, package: HandoverUpload, store: StoreDep, staff: StaffDep
) -> CheckInStatus:
    with store.unit() as session:
        return handovers.upload(session, staff, device_id, package)


@router.post("/devices/{device_id}/accounted")
def accounted(
    device_id: IdPath, request: AccountedRequest, store: StoreDep, staff: StaffDep
) -> Receipt:
    with store.unit() as session:
        return checkin.account(session, staff, device_id, request)


@router.post("/devices/{device_id}/complete")
def complete(
    device_id: IdPath, request: CompleteRequest, store: StoreDep, staff: StaffDep
) -> Receipt:
    with store.unit() as session:
        return checkin.complete(session, staff, device_id, request.destruction_method)


@router.get("/devices/{device_id}/receipt")
def receipt(device_id: IdPath, store: StoreDep, staff: StaffDep) -> Receipt:
    with store.unit() as session:
        return checkin.receipt(session, staff, device_id)


@router.get("/devices/{device_id}/contents")
def contents(device_id: IdPath, store: StoreDep, staff: StaffDep) -> LaptopContents:
    with store.unit() as session:
        return laptop_contents(session, staff, device_id)


@router.get("/handovers")
def listing(
    store: StoreDep, staff: StaffDep, case_id: Annotated[RecordId | None, Query()] = None
) -> list[HandoverEntry]:
    with store.unit() as session:
        return handovers.listing(session, staff, case_id)


@router.get("/handovers/{package_id}")
def package(package_id: IdPath, store: StoreDep, staff: StaffDep) -> HandoverPackage:
    with store.unit() as session:
        return handovers.package(session, staff, package_id)


@router.post("/handovers/{package_id}/items/{item_id}/apply")
def apply(
    package_id: IdPath, item_id: ItemPath, request: HandoverApply, store: StoreDep, staff: StaffDep
) -> HandoverDecision:
    with store.unit() as session:
        return handovers.apply(session, staff, package_id, item_id, request.mutation)


@router.post("/handovers/{package_id}/items/{item_id}/discard")
def discard(
    package_id: IdPath, item_id: ItemPath, store: StoreDep, staff: StaffDep
) -> HandoverDecision:
    with store.unit() as session:
        return handovers.discard(session, staff, package_id, item_id)
