""" "What was on this laptop": the cases and party files a laptop held at its last contact, from
the audit of what the store served it - the same answer for a lost laptop (revoked from office
mode) and a returned one (checked in).

Each pull's audit entry names the cases it served, so the cases a laptop was sent are in the
audit chain itself; a case it was sent and later lost from scope is still named (it may have
been on the laptop). The party files are those of the same cases the volunteer could see.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, checkin
from erms_desktop.central.access import Principal, load_grants
from erms_desktop.central.errors import NotFoundError
from erms_desktop.central.models import AuditEntry, CheckIn, Device, Record
from erms_desktop.protocol.checkin import LaptopContents

_SERVED = ("pull",)


def laptop_contents(session: Session, staff: Principal, device_id: str) -> LaptopContents:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFoundError(f"no device {device_id!r}")
    served = session.scalars(
        select(AuditEntry.case_ids).where(
            AuditEntry.device_id == device.id, AuditEntry.action.in_(_SERVED)
        )
    ).all()
    cases = sorted({case for text in served for case in text.split(",") if case})
    grants = load_grants(session, checkin.volunteer_of(session, device.id))
    files = session.scalars(
        select(Record.party_file_id)
        .where(
            Record.case_id.in_(cases),
            Record.kind == "party_file",
            grants.visible(),
        )
        .distinct()
    ).all()
    audit.record(session, staff.actor, "laptop_contents", f"device {device.id}", cases)
    return LaptopContents(
        device_id=device.id,
        asset_tag=device.asset_tag,
        volunteer=checkin.username(session, device.user_id),
        last_contact=device.last_seen_at,
        ended=_ended(session, device),
        cases=cases,
        party_files=sorted(f for f in files if f),
    )


def _ended(session: Session, device: Device) -> str:
    if session.get(CheckIn, device.id) is not None and device.revoked_at is not None:
        return "checked in"
    return "revoked" if device.revoked_at is not None else "in use"
