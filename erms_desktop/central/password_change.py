"""A signed-in user's own password change (``POST /v1/password``).

Whoever holds a session (a borrowed or stolen laptop) must not be able to lock the user out of
their other laptops by guessing: wrong current passwords given here count against the session's
own device, which locks (and loses its sessions) at the lockout threshold while the account and
the user's other devices carry on. A successful change ends every other session of the user.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.access import Principal
from erms_desktop.central.auth import check_password_policy, locked_own_row
from erms_desktop.central.errors import AccountLockedError, InvalidInputError, WrongPasswordError
from erms_desktop.central.models import Device, SessionToken, User
from erms_desktop.central.passwords import hash_password, secret_digest, verify_password
from erms_desktop.central.settings import CentralSettings


def change_password(  # noqa: PLR0917 - the request's parts, one call site
    session: Session,
    principal: Principal,
    token: str,
    current: str,
    new: str,
    settings: CentralSettings,
    address: str,
) -> None:
    device = locked_own_row(session, Device, principal.device_id)
    user = locked_own_row(session, User, principal.user_id)
    actor = audit.Actor(user.id, device.id, address)
    _check_current(session, device, user, current, settings, actor)
    check_password_policy(new, settings)
    if verify_password(new, user.password_hash):
        raise InvalidInputError("choose a password different from the current one")
    user.password_hash = hash_password(new, settings.argon2)
    user.password_changed_at = datetime.now(UTC)
    user.must_change_password = False
    keep = secret_digest(token)
    session.execute(
        delete(SessionToken).where(
            SessionToken.user_id == user.id,
            or_(SessionToken.token_hash != keep, SessionToken.password_only.is_(True)),
        )
    )
    audit.record(session, actor, "password_change", "self; other sessions ended")


def _check_current(  # noqa: PLR0917 - one call site
    session: Session,
    device: Device,
    user: User,
    current: str,
    settings: CentralSettings,
    actor: audit.Actor,
) -> None:
    """Refuse a wrong current password, counting it against this device only."""
    now = datetime.now(UTC)
    if device.locked_until is not None and device.locked_until > now:
        audit.record(session, actor, "attempt_while_locked", f"device {device.id}")
        raise AccountLockedError("too many wrong passwords on this laptop: try again later")
    if verify_password(current, user.password_hash):
        device.failed_attempts = 0
        return
    device.failed_attempts += 1
    action = "password_change_failed"
    if device.failed_attempts >= settings.lockout_threshold:
        device.failed_attempts = 0
        device.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        session.execute(delete(SessionToken).where(SessionToken.device_id == device.id))
        action = "device_locked"
    audit.record(session, actor, action, f"device {device.id}")
    raise WrongPasswordError("the current password is wrong")
