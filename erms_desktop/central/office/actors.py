"""Who an office answer names as having produced it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.models import User


def name_of(session: Session, actor: audit.Actor) -> str:
    """The username the audit log names for ``actor`` (the ``--as`` staff member when the
    command line acts as the operator)."""
    actor = session.info.get(audit.OPERATOR_INFO, actor) if actor == audit.OPERATOR else actor
    user = session.get(User, actor.user_id) if actor.user_id else None
    return user.username if user is not None else "operator"
