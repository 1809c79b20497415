"""Enrolment, sign-in, sessions, lockout and password changes.

A device credential is issued once at enrolment and bound to one user; signing in needs both the
device credential and that user's password. Sessions are random tokens stored as their SHA-256
and expire. Repeated failures lock the account for a while. An expired (or reset) password gives
a session that may only change the password.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.access import Principal
from erms_desktop.central.errors import (
    AccountLockedError,
    AuthenticationError,
    DeviceRevokedError,
    InvalidInputError,
    PasswordChangeRequiredError,
)
from erms_desktop.central.models import Device, EnrolmentCode, SessionToken, User
from erms_desktop.central.passwords import (
    hash_password,
    new_secret,
    same_digest,
    secret_digest,
    verify_password,
)
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.messages import (
    EnrolRequest,
    EnrolResponse,
    SignInRequest,
    SignInResponse,
)

_LAST_SEEN_GRANULARITY = timedelta(seconds=60)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def check_password_policy(password: str, settings: CentralSettings) -> None:
    if len(password) < settings.password_min_length:
        raise InvalidInputError(
            f"a password needs at least {settings.password_min_length} characters"
        )


def _check_password(session: Session, user: User | None, password: str, s: CentralSettings) -> User:
    """Verify a password with lockout; unknown users cost the same as known ones."""
    now = datetime.now(UTC)
    if user is None:
        verify_password(password, hash_password("unknown user", s.argon2))
        raise AuthenticationError()
    if user.locked_until is not None and user.locked_until > now:
        raise AccountLockedError("too many failed sign-ins: try again later or ask the office")
    if not verify_password(password, user.password_hash):
        user.failed_attempts += 1
        if user.failed_attempts >= s.lockout_threshold:
            user.locked_until = now + timedelta(minutes=s.lockout_minutes)
            user.failed_attempts = 0
        audit.record(session, audit.Actor(user.id, None), "sign_in_failed", f"user {user.id}")
        raise AuthenticationError()
    user.failed_attempts = 0
    user.locked_until = None
    return user


def enrol(session: Session, request: EnrolRequest, settings: CentralSettings) -> EnrolResponse:
    now = datetime.now(UTC)
    code = session.get(EnrolmentCode, secret_digest(normalise_code(request.code)))
    if code is None or code.used_at is not None or code.expires_at <= now:
        raise AuthenticationError("unknown, used or expired enrolment code")
    user = session.scalar(select(User).where(User.username == request.username))
    if user is None or user.id != code.user_id:
        raise AuthenticationError()
    _check_password(session, user, request.password, settings)
    secret = new_secret()
    device = Device(
        id=str(uuid.uuid4()),
        user_id=user.id,
        asset_tag=code.asset_tag,
        name=request.device_name,
        secret_hash=secret_digest(secret),
        enrolled_at=now,
        last_seen_at=now,
        last_device_seq=0,
    )
    code.used_at = now
    session.add(device)
    session.flush()
    audit.record(session, audit.Actor(user.id, device.id), "enrol", f"device {device.id}")
    return EnrolResponse(
        device_id=device.id, device_secret=secret, user_id=user.id, asset_tag=code.asset_tag
    )


def sign_in(session: Session, request: SignInRequest, settings: CentralSettings) -> SignInResponse:
    now = datetime.now(UTC)
    device = session.get(Device, request.device_id)
    if device is None or not same_digest(device.secret_hash, secret_digest(request.device_secret)):
        raise AuthenticationError()
    if device.revoked_at is not None:
        device.wipe_sent_at = now
        raise DeviceRevokedError("this laptop has been revoked")
    user = session.scalar(select(User).where(User.username == request.username))
    if user is None or user.id != device.user_id:
        raise AuthenticationError()
    _check_password(session, user, request.password, settings)
    expires = user.password_changed_at + timedelta(days=settings.password_max_age_days)
    change_needed = user.must_change_password or expires <= now
    token = new_secret()
    session.execute(delete(SessionToken).where(SessionToken.expires_at <= now))
    session.add(
        SessionToken(
            token_hash=secret_digest(token),
            user_id=user.id,
            device_id=device.id,
            created_at=now,
            expires_at=now + timedelta(minutes=settings.session_minutes),
            password_only=change_needed,
        )
    )
    device.last_seen_at = now
    audit.record(session, audit.Actor(user.id, device.id), "sign_in", f"device {device.id}")
    return SignInResponse(
        token=token,
        expires_at=now + timedelta(minutes=settings.session_minutes),
        user_id=user.id,
        role=UserRole(user.role),
        password_change_required=change_needed,
        password_expires_at=expires,
    )


def authenticate(session: Session, token: str, *, password_change: bool = False) -> Principal:
    """The principal behind a bearer token, or a typed refusal. A revoked device's next contact
    is answered with the wipe instruction (and the time it was sent is recorded)."""
    now = datetime.now(UTC)
    found = session.execute(
        select(SessionToken, Device, User)
        .join(Device, Device.id == SessionToken.device_id)
        .join(User, User.id == SessionToken.user_id)
        .where(SessionToken.token_hash == secret_digest(token))
    ).one_or_none()
    if found is None:
        raise AuthenticationError("unknown session")
    row, device, user = found
    if row.expires_at <= now:
        raise AuthenticationError("the session has expired: sign in again", expired=True)
    if device.revoked_at is not None:
        device.wipe_sent_at = now
        raise DeviceRevokedError("this laptop has been revoked")
    if row.password_only and not password_change:
        raise PasswordChangeRequiredError("change your password before anything else")
    if device.last_seen_at is None or now - device.last_seen_at > _LAST_SEEN_GRANULARITY:
        device.last_seen_at = now
    return Principal(user_id=user.id, role=UserRole(user.role), device_id=device.id)


def change_password(
    session: Session, principal: Principal, current: str, new: str, settings: CentralSettings
) -> None:
    user = session.get(User, principal.user_id)
    assert user is not None
    _check_password(session, user, current, settings)
    check_password_policy(new, settings)
    if verify_password(new, user.password_hash):
        raise InvalidInputError("choose a password different from the current one")
    user.password_hash = hash_password(new, settings.argon2)
    user.password_changed_at = datetime.now(UTC)
    user.must_change_password = False
    session.execute(
        delete(SessionToken).where(
            SessionToken.user_id == user.id, SessionToken.password_only.is_(True)
        )
    )
    audit.record(session, audit.Actor(user.id, principal.device_id), "password_change", "self")
