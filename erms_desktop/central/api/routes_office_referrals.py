"""The office API's referral routes (staff and administrators only; every call audited)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from erms_desktop.central.api.deps import StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.api.routes_office import RecordIdPath
from erms_desktop.central.office import referrals
from erms_desktop.protocol.office import (
    Acceptance,
    CaseOpened,
    ReferralIntake,
    ReferralSummary,
    ReferralView,
    Rejection,
)

router = APIRouter(
    prefix="/v1/office/referrals",
    tags=["office"],
    dependencies=[Depends(check_versions)],
    responses=ERRORS,
)


@router.post("", status_code=201)
def take_in(form: ReferralIntake, store: StoreDep, staff: StaffDep) -> ReferralSummary:
    with store.unit() as session:
        return referrals.take_in(session, form, staff.actor)


@router.get("")
def listed(store: StoreDep, staff: StaffDep) -> list[ReferralSummary]:
    with store.unit() as session:
        return referrals.listed(session, staff.actor)


@router.get("/{referral_id}")
def view(referral_id: RecordIdPath, store: StoreDep, staff: StaffDep) -> ReferralView:
    with store.unit() as session:
        return referrals.view(session, referral_id, staff.actor)


@router.post("/{referral_id}/reject", status_code=204)
def reject(referral_id: RecordIdPath, body: Rejection, store: StoreDep, staff: StaffDep) -> None:
    """Destroys the referral at once; only an anonymous count per month and reason remains."""
    with store.unit() as session:
        referrals.reject(session, referral_id, body.reason, staff.actor)


@router.post("/{referral_id}/accept", status_code=201)
def accept(
    referral_id: RecordIdPath, body: Acceptance, store: StoreDep, staff: StaffDep
) -> CaseOpened:
    with store.unit() as session:
        return referrals.accept(session, referral_id, body, staff.actor)
