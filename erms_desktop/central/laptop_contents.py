"""Check-in's "what was on this laptop": the cases and party files it held at its last contact
(central/holdings.py, the same answer as the breach summary), for a lost laptop (revoked from
office mode) and a returned one (checked in) alike."""

from __future__ import annotations

from sqlalchemy.orm import Session

from erms_desktop.central import audit, checkin, holdings
from erms_desktop.central.access import Principal
from erms_desktop.central.errors import NotFoundError
from erms_desktop.central.models import CheckIn, Device
from erms_desktop.protocol.checkin import LaptopContents


def laptop_contents(session: Session, staff: Principal, device_id: str) -> LaptopContents:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFoundError(f"no device {device_id!r}")
    cases = holdings.held_cases(session, device.id)
    audit.record(
        session, staff.actor, "laptop_contents", f"device {device.id}", [c.case_id for c in cases]
    )
    return LaptopContents(
        device_id=device.id,
        asset_tag=device.asset_tag,
        volunteer=checkin.username(session, device.user_id),
        last_contact=device.last_seen_at,
        ended=_ended(session, device),
        cases=cases,
    )


def _ended(session: Session, device: Device) -> str:
    if session.get(CheckIn, device.id) is not None and device.revoked_at is not None:
        return "checked in"
    return "revoked" if device.revoked_at is not None else "in use"
