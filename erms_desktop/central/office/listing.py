"""The office's lists: cases and users (devices are admin.list_devices)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, casework
from erms_desktop.central.models import Device, Record, User
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office import OfficeCase, UserSummary


def cases(session: Session, actor: audit.Actor) -> list[OfficeCase]:
    """Every case's header, by service reference (the read is audited, case by case)."""
    rows = session.scalars(
        select(Record).where(Record.kind == "case", Record.deleted.is_(False))
    ).all()
    found = []
    for row in rows:
        case = casework.decoded("case", row.fields, Case)
        found.append(
            OfficeCase(
                case_id=case.id,
                service_reference=case.service_reference,
                case_type=case.case_type,
                stage=case.stage,
                on_hold=case.on_hold,
                facilitator_ids=list(case.facilitator_ids),
                received_on=case.received_on,
            )
        )
    audit.record(session, actor, "list_cases", f"{len(found)} cases", [c.case_id for c in found])
    return sorted(found, key=lambda c: c.service_reference)


def users(session: Session, actor: audit.Actor) -> list[UserSummary]:
    live = func.count(Device.id).filter(Device.revoked_at.is_(None))
    rows = session.execute(
        select(User, live)
        .join(Device, Device.user_id == User.id, isouter=True)
        .group_by(User.id)
        .order_by(User.username)
    ).all()
    now = datetime.now(UTC)
    audit.record(session, actor, "list_users", f"{len(rows)} users")
    return [
        UserSummary(
            user_id=user.id,
            username=user.username,
            role=UserRole(user.role),
            locked=user.locked_until is not None and user.locked_until > now,
            devices=devices,
            disabled=user.disabled_at is not None,
        )
        for user, devices in rows
    ]
