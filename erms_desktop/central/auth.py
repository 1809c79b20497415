"""Enrolment, sign-in, sessions, lockout and password changes.

A device credential is issued once at enrolment and bound to one user; signing in needs both the
device credential and that user's password. Office staff sign in without a laptop (office
sign-in): their session has no device, and may do nothing that needs one (sync, attachments).
Sessions are random tokens stored as their SHA-256 and expire. Repeated failures lock the
account for a while. An expired (or reset) password gives a session that may only change the
password.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.access import Principal
from erms_desktop.central.errors import (
    AccountLockedError,
    AuthenticationError,
    DeviceRevokedError,
    ForbiddenError,
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
from erms_desktop.protocol.office import OfficeSignInRequest

_LAST_SEEN_GRANULARITY = timedelta(seconds=60)
_OFFICE_ROLES = (UserRole.STAFF.value, UserRole.ADMIN.value)
STAFF_ENROLMENT = (
    "office staff do not enrol laptops: use office sign-in (a staff member who also "
    "facilitates uses a volunteer account for that)"
)
NOT_OFFICE_STAFF = "office sign-in is for office staff: volunteers sign in on their own laptop"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def check_password_policy(password: str, settings: CentralSettings) -> None:
    if len(password) < settings.password_min_length:
        raise InvalidInputError(
            f"a password needs at least {settings.password_min_length} characters"
        )


def _check_password(
    session: Session, user: User | None, password: str, s: CentralSettings, actor: audit.Actor
) -> User:
    """Verify a password with lockout; unknown users cost the same as known ones. The caller
    holds the user's row lock, so parallel attempts are counted one after another."""
    now = datetime.now(UTC)
    if user is None:
        verify_password(password, hash_password("unknown user", s.argon2))
        audit.record(session, actor, "sign_in_failed", "unknown user")
        raise AuthenticationError()
    if user.locked_until is not None and user.locked_until > now:
        audit.record(session, actor, "attempt_while_locked", f"user {user.id}")
        raise AccountLockedError("too many failed sign-ins: try again later or ask the office")
    if not verify_password(password, user.password_hash):
        user.failed_attempts += 1
        action = "sign_in_failed"
        if user.failed_attempts >= s.lockout_threshold:
            user.locked_until = now + timedelta(minutes=s.lockout_minutes)
            user.failed_attempts = 0
            action = "account_locked"
        audit.record(session, actor, action, f"user {user.id}")
        raise AuthenticationError()
    user.failed_attempts = 0
    user.locked_until = None
    return user


def _refuse_disabled(session: Session, user: User, actor: audit.Actor) -> None:
    """A leaver's account stays for the audit trail, but nothing opens with it."""
    if user.disabled_at is not None:
        audit.record(session, actor, "disabled_account_attempt", f"user {user.id}")
        raise AuthenticationError("this account has been disabled: ask the office")


def _refuse_disabled_session(user: User) -> None:
    """A leaver's sessions are deleted when they are disabled; this holds if one is left."""
    if user.disabled_at is not None:
        raise AuthenticationError("this account has been disabled: ask the office")


def _user_locked(session: Session, username: str) -> User | None:
    """The named user with its row locked to the end of the transaction."""
    return session.scalar(select(User).where(User.username == username).with_for_update())


def enrol(
    session: Session,
    request: EnrolRequest,
    settings: CentralSettings,
    address: str,
    *,
    volunteers_only: bool = False,
) -> EnrolResponse:
    """Redeem a one-time code. The code's row is locked first: of parallel enrolments with one
    code, the first makes the device and the others find the code used. ``volunteers_only``
    (the HTTP route) refuses a staff account, after its password, keeping the code unused:
    staff use office sign-in."""
    now = datetime.now(UTC)
    code = session.get(
        EnrolmentCode, secret_digest(normalise_code(request.code)), with_for_update=True
    )
    if code is None or code.used_at is not None or code.expires_at <= now:
        audit.record(session, audit.Actor(None, None, address), "enrol_bad_code", "code")
        raise AuthenticationError("unknown, used or expired enrolment code")
    actor = audit.Actor(code.user_id, None, address)
    user = _user_locked(session, request.username)
    if user is None or user.id != code.user_id:
        audit.record(session, actor, "enrol_failed", "code issued to another user")
        raise AuthenticationError()
    _check_password(session, user, request.password, settings, actor)
    _refuse_disabled(session, user, actor)
    if volunteers_only and user.role in _OFFICE_ROLES:
        audit.record(session, actor, "enrol_refused", "office staff: office sign-in")
        raise ForbiddenError(STAFF_ENROLMENT)
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
        failed_attempts=0,
        app_version=request.app_version,
    )
    code.used_at = now
    session.add(device)
    session.flush()
    audit.record(session, audit.Actor(user.id, device.id, address), "enrol", f"device {device.id}")
    return EnrolResponse(
        device_id=device.id, device_secret=secret, user_id=user.id, asset_tag=code.asset_tag
    )


def sign_in(
    session: Session, request: SignInRequest, settings: CentralSettings, address: str
) -> SignInResponse:
    now = datetime.now(UTC)
    device = session.get(Device, request.device_id, with_for_update=True)
    if device is None or not same_digest(device.secret_hash, secret_digest(request.device_secret)):
        known = None if device is None else device.id
        audit.record(session, audit.Actor(None, known, address), "sign_in_bad_device", "device")
        raise AuthenticationError()
    actor = audit.Actor(device.user_id, device.id, address)
    if device.revoked_at is not None:
        device.wipe_sent_at = now
        audit.record(session, actor, "revoked_device_contact", f"device {device.id}")
        raise DeviceRevokedError("this laptop has been revoked")
    if device.locked_until is not None and device.locked_until > now:
        audit.record(session, actor, "attempt_while_locked", f"device {device.id}")
        raise AccountLockedError("too many wrong passwords on this laptop: try again later")
    user = _user_locked(session, request.username)
    if user is None or user.id != device.user_id:
        audit.record(session, actor, "sign_in_failed", "another user's laptop")
        raise AuthenticationError()
    _check_password(session, user, request.password, settings, actor)
    _refuse_disabled(session, user, actor)
    if request.app_version is not None:
        device.app_version = request.app_version
    return _new_session(session, user, device, settings, actor)


def office_sign_in(
    session: Session, request: OfficeSignInRequest, settings: CentralSettings, address: str
) -> SignInResponse:
    """Sign office staff in without a laptop: a session with no device. The password is checked
    (with the account lockout) before the role, so a refusal says nothing about a wrong guess."""
    user = _user_locked(session, request.username)
    actor = audit.Actor(None if user is None else user.id, None, address)
    _check_password(session, user, request.password, settings, actor)
    if user is None or user.role not in _OFFICE_ROLES:
        audit.record(session, actor, "office_sign_in_refused", "not office staff")
        raise ForbiddenError(NOT_OFFICE_STAFF)
    _refuse_disabled(session, user, actor)
    return _new_session(session, user, None, settings, actor)


def sign_out(session: Session, token: str, principal: Principal, address: str) -> None:
    """End this office session now (laptops keep theirs until it expires)."""
    session.execute(delete(SessionToken).where(SessionToken.token_hash == secret_digest(token)))
    actor = audit.Actor(principal.user_id, principal.device_id, address)
    audit.record(session, actor, "sign_out", "office session")


def _new_session(
    session: Session,
    user: User,
    device: Device | None,
    settings: CentralSettings,
    actor: audit.Actor,
) -> SignInResponse:
    now = datetime.now(UTC)
    expires = user.password_changed_at + timedelta(days=settings.password_max_age_days)
    change_needed = user.must_change_password or expires <= now
    token = new_secret()
    session.execute(delete(SessionToken).where(SessionToken.expires_at <= now))
    session.add(
        SessionToken(
            token_hash=secret_digest(token),
            user_id=user.id,
            device_id=None if device is None else device.id,
            created_at=now,
            expires_at=now + timedelta(minutes=settings.session_minutes),
            password_only=change_needed,
        )
    )
    if device is None:
        audit.record(session, actor, "office_sign_in", f"user {user.id}")
    else:
        device.last_seen_at = now
        audit.record(session, actor, "sign_in", f"device {device.id}")
    return SignInResponse(
        token=token,
        expires_at=now + timedelta(minutes=settings.session_minutes),
        user_id=user.id,
        role=UserRole(user.role),
        password_change_required=change_needed,
        password_expires_at=expires,
    )


# Built once (every request is authenticated): building it was half of authentication's time.
_SESSION_LOOKUP = (
    select(SessionToken, Device, User)
    .outerjoin(Device, Device.id == SessionToken.device_id)
    .join(User, User.id == SessionToken.user_id)
    .where(SessionToken.token_hash == bindparam("token_hash"))
)


def authenticate(
    session: Session, token: str, address: str, *, password_change: bool = False
) -> Principal:
    """The principal behind a bearer token, or a typed refusal. A revoked device's next contact
    is answered with the wipe instruction (and the time it was sent is recorded). An office
    session (no device) holds only while its user is still office staff."""
    now = datetime.now(UTC)
    found = session.execute(_SESSION_LOOKUP, {"token_hash": secret_digest(token)}).one_or_none()
    if found is None:
        raise AuthenticationError("unknown session")
    row, device, user = found
    if row.expires_at <= now:
        raise AuthenticationError("the session has expired: sign in again", expired=True)
    if device is None:
        _refuse_disabled_session(user)
        return _office_principal(row, user, password_change=password_change)
    if device.revoked_at is not None:
        device.wipe_sent_at = now
        actor = audit.Actor(user.id, device.id, address)
        audit.record(session, actor, "revoked_device_contact", f"device {device.id}")
        raise DeviceRevokedError("this laptop has been revoked")
    _refuse_disabled_session(user)
    if row.password_only and not password_change:
        raise PasswordChangeRequiredError("change your password before anything else")
    if device.last_seen_at is None or now - device.last_seen_at > _LAST_SEEN_GRANULARITY:
        device.last_seen_at = now
    return Principal(user_id=user.id, role=UserRole(user.role), device_id=device.id)


def _office_principal(row: SessionToken, user: User, *, password_change: bool) -> Principal:
    if row.device_id is not None:  # the session's device row is gone: sign in again
        raise AuthenticationError("this session no longer has its device")
    if user.role not in _OFFICE_ROLES:
        raise AuthenticationError("office sign-in is for office staff only")
    if row.password_only and not password_change:
        raise PasswordChangeRequiredError("change your password before anything else")
    return Principal(user_id=user.id, role=UserRole(user.role), device_id=None)


_Own = TypeVar("_Own", Device, User)


def locked_own_row(session: Session, model: type[_Own], key: str) -> _Own:
    """The caller's own device or user row, locked for this transaction. If it is gone since the
    token was checked (removed meanwhile), the caller must sign in again: an explicit refusal,
    not an ``assert`` that ``python -O`` would strip."""
    row = session.get(model, key, with_for_update=True)
    if row is None:
        raise AuthenticationError("this session no longer has its account or device")
    return row
