"""A signed-in user's own password change (``POST /v1/password``).

Whoever holds a session (a borrowed or stolen laptop) must not be able to lock the user out of
their other laptops by guessing: wrong current passwords given here count against the session's
own device, which locks (and loses its sessions) at the lockout threshold while the account and
the user's other devices carry on. An office session has no device: its wrong current passwords
count against the account, as a wrong office sign-in does. A successful change ends every other
session of the user.
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
    user = locked_own_row(session, User, principal.user_id)
    counter: Device | User = (
        user
        if principal.device_id is None
        else locked_own_row(session, Device, principal.device_id)
    )
    actor = audit.Actor(user.id, principal.device_id, address)
    _check_current(session, counter, user, current, settings, actor)
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
    counter: Device | User,
    user: User,
    current: str,
    settings: CentralSettings,
    actor: audit.Actor,
) -> None:
    """Refuse a wrong current password, counting it against ``counter``: the session's laptop,
    or the account itself for an office session."""
    now = datetime.now(UTC)
    laptop = isinstance(counter, Device)
    target = f"device {counter.id}" if laptop else f"user {counter.id}"
    if counter.locked_until is not None and counter.locked_until > now:
        audit.record(session, actor, "attempt_while_locked", target)
        where = "on this laptop" if laptop else "for this account"
        raise AccountLockedError(f"too many wrong passwords {where}: try again later")
    if verify_password(current, user.password_hash):
        counter.failed_attempts = 0
        return
    counter.failed_attempts += 1
    action = "password_change_failed"
    if counter.failed_attempts >= settings.lockout_threshold:
        counter.failed_attempts = 0
        counter.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        ended = (
            SessionToken.device_id == counter.id
            if laptop
            else (SessionToken.user_id == counter.id) & SessionToken.device_id.is_(None)
        )
        session.execute(delete(SessionToken).where(ended))
        action = "device_locked" if laptop else "account_locked"
    audit.record(session, actor, action, target)
    raise WrongPasswordError("the current password is wrong")
