"""People: the office creates volunteers and staff, resets passwords, disables leavers and
sees each volunteer's hours and mileage by month.

Any staff member manages volunteers; staff and administrator accounts are managed by an
administrator (at the command line, the operator counts as one). Every action is audited with
the staff member; no personal data goes into the audit beyond ids.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from erms_desktop.central import admin, audit
from erms_desktop.central.errors import ForbiddenError, InvalidInputError, NotFoundError
from erms_desktop.central.models import Allocation, Device, Record, SessionToken, User
from erms_desktop.central.office import describe
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office_people import (
    HeldAllocation,
    LeaverSummary,
    MonthTime,
    NewPerson,
    TemporaryPassword,
)

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 (no l/1 or o/0 to misread)


def temporary_password() -> str:
    """Twenty random characters in groups of five, easy to read out over the phone."""
    raw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(20))
    return "-".join(raw[i : i + 5] for i in range(0, 20, 5))


def _check_may_manage(target_role: str, administrator: bool) -> None:
    if target_role != UserRole.VOLUNTEER and not administrator:
        raise ForbiddenError("only an administrator manages staff and administrator accounts")


def person(session: Session, user_id: str) -> User:
    user = session.get(User, user_id, with_for_update=True)
    if user is None:
        raise NotFoundError("no such person")
    return user


def create(
    session: Session,
    settings: CentralSettings,
    request: NewPerson,
    actor: audit.Actor,
    *,
    administrator: bool,
) -> TemporaryPassword:
    """A new account with a temporary password that must be changed at the first sign-in."""
    _check_may_manage(request.role, administrator)
    password = temporary_password()
    user = admin.create_user(
        session, settings, request.username.strip(), request.role, password, actor=actor
    )
    user.must_change_password = True
    return TemporaryPassword(user_id=user.id, username=user.username, temporary_password=password)


def reset_password(
    session: Session,
    settings: CentralSettings,
    user_id: str,
    actor: audit.Actor,
    *,
    administrator: bool,
) -> TemporaryPassword:
    """A one-time temporary password; the person's sessions end and they must change it."""
    user = person(session, user_id)
    _check_may_manage(user.role, administrator)
    if user.disabled_at is not None:
        raise InvalidInputError(f"{user.username} has left: their account is disabled")
    password = temporary_password()
    admin.reset_password(session, settings, user.username, password, actor)
    return TemporaryPassword(user_id=user.id, username=user.username, temporary_password=password)


def disable(
    session: Session, user_id: str, actor: audit.Actor, *, administrator: bool
) -> LeaverSummary:
    """Disable a leaver: their sessions end at once, their laptops are revoked (each wipes
    itself at its next contact), and their allocations are listed for reallocation."""
    user = person(session, user_id)
    _check_may_manage(user.role, administrator)
    if actor.user_id == user.id:
        raise InvalidInputError("you cannot disable your own account")
    now = datetime.now(UTC)
    if user.disabled_at is None:
        user.disabled_at = now
    ended = session.scalar(
        select(func.count()).select_from(SessionToken).where(SessionToken.user_id == user.id)
    )
    session.execute(delete(SessionToken).where(SessionToken.user_id == user.id))
    live = session.scalars(
        select(Device).where(Device.user_id == user.id, Device.revoked_at.is_(None))
    ).all()
    for device in live:
        admin.revoke_device(session, device.id, actor)
    held = allocations(session, user.id)
    audit.record(
        session,
        actor,
        "disable_user",
        f"user {user.id}: {len(live)} laptops revoked, {len(held)} allocations to reallocate",
        [a.case_id for a in held],
    )
    return LeaverSummary(
        user_id=user.id,
        username=user.username,
        disabled_at=user.disabled_at,
        sessions_ended=int(ended or 0),
        laptops_revoked=[d.id for d in live],
        allocations=held,
    )


def allocations(session: Session, user_id: str) -> list[HeldAllocation]:
    rows = session.scalars(
        select(Allocation).where(Allocation.user_id == user_id).order_by(Allocation.case_id)
    ).all()
    refs = describe.references(session, [r.case_id for r in rows])
    sides = describe.sides(session, [r.party_file_id or "" for r in rows])
    return sorted(
        (
            HeldAllocation(
                case_id=r.case_id,
                service_reference=refs[r.case_id],
                party_file_id=r.party_file_id,
                side=sides.get(r.party_file_id) if r.party_file_id else None,
            )
            for r in rows
        ),
        key=lambda a: (a.service_reference, a.side or ""),
    )


def time_by_month(session: Session, user_id: str, actor: audit.Actor) -> list[MonthTime]:
    """The person's time entries (hours and mileage) totalled by calendar month, newest first."""
    user = person(session, user_id)
    rows = session.scalars(
        select(Record.fields).where(Record.kind == "time_entry", Record.deleted.is_(False))
    ).all()
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for fields in rows:
        if fields.get("volunteer_id") != user.id:
            continue
        month = date.fromisoformat(str(fields["worked_on"])).strftime("%Y-%m")
        total = totals[month]
        total[0] += 1
        total[1] += int(fields.get("minutes", 0))
        total[2] += float(fields.get("miles", 0.0))
    audit.record(session, actor, "read_time", f"user {user.id}")
    return [
        MonthTime(month=m, entries=int(t[0]), minutes=int(t[1]), miles=round(t[2], 1))
        for m, t in sorted(totals.items(), reverse=True)
    ]
