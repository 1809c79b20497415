"""Reading cases and records directly, and the office's device management (staff only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlalchemy import select

from erms_desktop.central import admin, audit
from erms_desktop.central.access import load_grants
from erms_desktop.central.api.deps import PrincipalDep, StaffDep, StoreDep, check_versions
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.errors import NotFoundError
from erms_desktop.central.models import Record
from erms_desktop.protocol.messages import RECORD_ID_PATTERN, CaseSummary, DeviceInfo, RecordChange

router = APIRouter(
    prefix="/v1", tags=["office"], dependencies=[Depends(check_versions)], responses=ERRORS
)
# Ids in the path follow the protocol's own rule: no stray byte (a NUL, say) reaches the database.
RecordIdPath = Annotated[str, Path(min_length=36, max_length=36, pattern=RECORD_ID_PATTERN)]


@router.get("/cases")
def cases(store: StoreDep, principal: PrincipalDep) -> list[CaseSummary]:
    with store.unit() as session:
        grants = load_grants(session, principal)
        rows = session.scalars(
            select(Record)
            .where(Record.kind == "case", Record.deleted.is_(False), grants.visible())
            .order_by(Record.id)
        ).all()
        audit.record(
            session, principal.actor, "list_cases", f"{len(rows)} cases", [r.id for r in rows]
        )
        return [CaseSummary(case_id=r.id, version=r.version, fields=r.fields) for r in rows]


@router.get("/records/{record_id}")
def record(record_id: RecordIdPath, store: StoreDep, principal: PrincipalDep) -> RecordChange:
    with store.unit() as session:
        found = session.get(Record, record_id)
        grants = load_grants(session, principal)
        if found is None or not grants.can_read(found.kind, found.case_id, found.party_file_id):
            raise NotFoundError("no such record")
        audit.record(
            session,
            principal.actor,
            "read_record",
            f"{found.kind} {found.id}",
            [found.case_id] if found.case_id else [],
        )
        return RecordChange(
            seq=found.seq,
            kind=found.kind,
            id=found.id,
            case_id=found.case_id,
            party_file_id=found.party_file_id,
            version=found.version,
            deleted=found.deleted,
            fields=found.fields,
        )


@router.get("/office/devices")
def devices(store: StoreDep, principal: StaffDep) -> list[DeviceInfo]:
    with store.unit() as session:
        audit.record(session, principal.actor, "list_devices", "devices")
        return admin.list_devices(session)


@router.post("/office/devices/{device_id}/revoke", status_code=204)
def revoke(device_id: RecordIdPath, store: StoreDep, principal: StaffDep) -> None:
    with store.unit() as session:
        admin.revoke_device(session, device_id, principal.actor)
