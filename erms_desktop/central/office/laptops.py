"""Laptops: issue one to a volunteer (recording their acceptance of the laptop terms) with a
one-time enrolment code; list every laptop with its last contact, app version and offline
lease; revoke a lost one and say what was on it at its last contact (the breach summary)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import admin, audit, holdings
from erms_desktop.central.errors import InvalidInputError, NotFoundError
from erms_desktop.central.models import Device, EnrolmentCode, User
from erms_desktop.central.rules.case_header import OFFLINE_LEASE
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office_people import (
    LAPTOP_TERMS_VERSION,
    BreachSummary,
    EnrolmentSlip,
    LaptopIssue,
    LaptopState,
)


def issue(
    session: Session, settings: CentralSettings, request: LaptopIssue, actor: audit.Actor
) -> EnrolmentSlip:
    """Record who accepted which laptop terms, when and before whom, and give the code."""
    if request.terms_version != LAPTOP_TERMS_VERSION:
        raise InvalidInputError(
            f"the laptop terms are now version {LAPTOP_TERMS_VERSION}: show the volunteer "
            "the current terms and record their acceptance again"
        )
    user = session.get(User, request.user_id)
    if user is None:
        raise NotFoundError("no such person")
    if user.role != UserRole.VOLUNTEER or user.disabled_at is not None:
        raise InvalidInputError(f"laptops are issued to current volunteers; {user.username} is not")
    issued = admin.new_enrolment_code(session, settings, user, request.asset_tag)
    row = issued.row
    row.issued_by = actor.user_id
    row.terms_version = request.terms_version
    row.terms_accepted_at = row.created_at
    audit.record(
        session,
        actor,
        "issue_laptop",
        f"asset {row.asset_tag} to user {user.id}, terms {row.terms_version} accepted",
    )
    return EnrolmentSlip(
        asset_tag=row.asset_tag,
        username=user.username,
        code=issued.code,
        expires_at=row.expires_at,
        terms_version=row.terms_version,
        terms_accepted_at=row.terms_accepted_at,
    )


def laptops(session: Session, actor: audit.Actor) -> list[LaptopState]:
    """Every enrolled laptop, and every issued laptop whose code is still waiting to be used."""
    now = datetime.now(UTC)
    found = [
        _enrolled(device, user, now)
        for device, user in session.execute(
            select(Device, User).join(User, User.id == Device.user_id)
        )
    ]
    waiting = session.execute(
        select(EnrolmentCode, User)
        .join(User, User.id == EnrolmentCode.user_id)
        .where(EnrolmentCode.used_at.is_(None), EnrolmentCode.expires_at > now)
    ).all()
    found += [
        LaptopState(
            device_id=None,
            asset_tag=code.asset_tag,
            user_id=user.id,
            username=user.username,
            issued_at=code.created_at,
            enrolled_at=None,
            last_contact=None,
            app_version=None,
            revoked_at=None,
            wipe_sent_at=None,
            pending_check_in=False,
            lease_ends_on=None,
            lease_expired=False,
        )
        for code, user in waiting
    ]
    audit.record(session, actor, "list_laptops", f"{len(found)} laptops")
    return sorted(found, key=lambda laptop: (laptop.asset_tag, laptop.username))


def _enrolled(device: Device, user: User, now: datetime) -> LaptopState:
    contact = device.last_seen_at
    lease_end = None if contact is None else contact + OFFLINE_LEASE
    return LaptopState(
        device_id=device.id,
        asset_tag=device.asset_tag,
        user_id=user.id,
        username=user.username,
        issued_at=None,
        enrolled_at=device.enrolled_at,
        last_contact=contact,
        app_version=device.app_version,
        revoked_at=device.revoked_at,
        wipe_sent_at=device.wipe_sent_at,
        pending_check_in=user.disabled_at is not None,
        lease_ends_on=None if lease_end is None else lease_end.date(),
        lease_expired=lease_end is not None and lease_end <= now,
    )


def revoke(session: Session, device_id: str, actor: audit.Actor) -> BreachSummary:
    """Stop the laptop's credentials at once (it wipes itself at its next contact) and say
    what was on it."""
    revoked = admin.revoke_device(session, device_id, actor)
    return breach_summary(session, device_id, actor, already_revoked=revoked.already)


def breach_summary(
    session: Session, device_id: str, actor: audit.Actor, *, already_revoked: bool = False
) -> BreachSummary:
    """The cases and party files the laptop held at its last contact (central/holdings.py)."""
    device = session.get(Device, device_id)
    if device is None:
        raise NotFoundError("no such laptop")
    user = session.get(User, device.user_id)
    cases = holdings.held_cases(session, device.id)
    audit.record(
        session,
        actor,
        "breach_summary",
        f"device {device.id}: {len(cases)} cases",
        [c.case_id for c in cases],
    )
    return BreachSummary(
        device_id=device.id,
        asset_tag=device.asset_tag,
        username=user.username if user is not None else "",
        revoked_at=device.revoked_at,
        already_revoked=already_revoked,
        last_contact=device.last_seen_at,
        cases=cases,
    )
