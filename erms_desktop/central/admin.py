"""What an operator does before the office screens exist: users, enrolment codes, devices.

Each function runs inside the caller's transaction, raises typed errors for misuse and leaves an
audit entry. Case work (referrals, cases, allocation, loading a dataset) is in casework.py.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.auth import check_password_policy, normalise_code
from erms_desktop.central.errors import AlreadyExistsError, InvalidInputError, NotFoundError
from erms_desktop.central.models import Device, EnrolmentCode, SessionToken, User
from erms_desktop.central.passwords import hash_password, secret_digest
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.messages import DeviceInfo

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
_CODE_LENGTH = 12


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(f"no user called {username!r}")
    return user


def create_user(
    session: Session,
    settings: CentralSettings,
    username: str,
    role: str,
    password: str,
    *,
    user_id: str | None = None,
    actor: audit.Actor = audit.OPERATOR,
) -> User:
    if not username.strip() or len(username) > 100:
        raise InvalidInputError("a username is 1 to 100 characters")
    try:
        parsed_role = UserRole(role)
    except ValueError as exc:
        raise InvalidInputError(f"role must be one of {[r.value for r in UserRole]}") from exc
    check_password_policy(password, settings)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AlreadyExistsError(f"a user called {username!r} already exists")
    now = datetime.now(UTC)
    user = User(
        id=user_id or str(uuid.uuid4()),
        username=username,
        role=parsed_role.value,
        password_hash=hash_password(password, settings.argon2),
        password_changed_at=now,
        must_change_password=False,
        failed_attempts=0,
        created_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "create_user", f"user {user.id} ({parsed_role})")
    return user


def reset_password(
    session: Session,
    settings: CentralSettings,
    username: str,
    password: str,
    actor: audit.Actor = audit.OPERATOR,
) -> None:
    """Set a temporary password; the user must change it at the next sign-in. Clears the
    account's lockout and its laptops' password-change lockouts."""
    user = find_user(session, username)
    check_password_policy(password, settings)
    user.password_hash = hash_password(password, settings.argon2)
    user.password_changed_at = datetime.now(UTC)
    user.must_change_password = True
    user.failed_attempts = 0
    user.locked_until = None
    unlocked = update(Device).where(Device.user_id == user.id)
    session.execute(unlocked.values(failed_attempts=0, locked_until=None))
    session.execute(delete(SessionToken).where(SessionToken.user_id == user.id))
    audit.record(session, actor, "reset_password", f"user {user.id}")


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """A one-time enrolment code as shown once to staff (grouped in fours), and its row."""

    code: str
    row: EnrolmentCode


def new_enrolment_code(
    session: Session, settings: CentralSettings, user: User, asset_tag: str
) -> IssuedCode:
    """A one-time code binding the next laptop enrolment to this user and asset tag; the caller
    fills in who issued it and audits."""
    if not asset_tag.strip() or len(asset_tag.strip()) > 100:
        raise InvalidInputError("give the laptop's asset tag (up to 100 characters)")
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    now = datetime.now(UTC)
    row = EnrolmentCode(
        code_hash=secret_digest(normalise_code(code)),
        user_id=user.id,
        asset_tag=asset_tag.strip(),
        created_at=now,
        expires_at=now + timedelta(days=settings.enrolment_code_days),
    )
    session.add(row)
    return IssuedCode("-".join(code[i : i + 4] for i in range(0, _CODE_LENGTH, 4)), row)


def create_enrolment_code(
    session: Session, settings: CentralSettings, username: str, asset_tag: str
) -> str:
    """A one-time code binding the next laptop enrolment to this user and asset tag."""
    user = find_user(session, username)
    issued = new_enrolment_code(session, settings, user, asset_tag)
    audit.record(session, audit.OPERATOR, "enrolment_code", f"user {user.id} asset {asset_tag}")
    return issued.code


def list_devices(session: Session) -> list[DeviceInfo]:
    rows = session.execute(
        select(Device, User.username)
        .join(User, User.id == Device.user_id)
        .order_by(Device.enrolled_at)
    ).all()
    return [
        DeviceInfo(
            device_id=device.id,
            user_id=device.user_id,
            username=username,
            asset_tag=device.asset_tag,
            name=device.name,
            enrolled_at=device.enrolled_at,
            last_seen_at=device.last_seen_at,
            last_sync_at=device.last_sync_at,
            revoked_at=device.revoked_at,
        )
        for device, username in rows
    ]


@dataclass(frozen=True, slots=True)
class Revoked:
    device_id: str
    already: bool


def revoke_device(session: Session, device_id: str, actor: audit.Actor = audit.OPERATOR) -> Revoked:
    """Stop the device's credentials at once; its next contact is told to wipe."""
    device = session.get(Device, device_id)
    if device is None:
        raise NotFoundError(f"no device {device_id!r}")
    if device.revoked_at is not None:
        return Revoked(device.id, already=True)
    # Sessions are kept on purpose: the device's next request with one is told to wipe.
    device.revoked_at = datetime.now(UTC)
    audit.record(session, actor, "revoke_device", f"device {device.id}")
    return Revoked(device.id, already=False)
