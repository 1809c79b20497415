"""Who a pushed record says made it: the pusher, never someone else.

Some kinds name the person behind them (a note's author, a time entry's volunteer...). The audit
log records the real pusher either way, but the record itself is what staff, reports and expense
claims read - so a device may not attribute a record to another person. On creation the actor
field must name the pushing user; the one exception is a time entry, which office staff may
enter for a volunteer (a timesheet or mileage claim handed in on paper), provided that user
exists. Notes, exchanges and risk assessments are statements on the record and always carry
their real author. After creation the actor field never changes, for anyone.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy.orm import Session

from erms_desktop.central.access import Principal
from erms_desktop.central.models import User
from erms_desktop.central.record_store import RecordRefused

#: The field of each kind that names the person who made the record.
ACTOR_FIELDS: Final[dict[str, str]] = {
    "note": "author_id",
    "time_entry": "volunteer_id",
    "exchange": "shared_by",
    "risk_assessment": "assessor_id",
}

#: Kinds office staff may record on behalf of another user.
_STAFF_ON_BEHALF: Final[frozenset[str]] = frozenset({"time_entry"})


def check_new(session: Session, principal: Principal, kind: str, fields: dict[str, Any]) -> None:
    """Refuse a new record whose actor field names someone the pusher may not record for."""
    name = ACTOR_FIELDS.get(kind)
    if name is None or fields.get(name) == principal.user_id:
        return
    what = f"{kind.replace('_', ' ')}'s {name}"
    if not (principal.is_staff and kind in _STAFF_ON_BEHALF):
        raise RecordRefused(f"the {what} must be your own user id")
    if session.get(User, fields.get(name)) is None:
        raise RecordRefused(f"the {what} does not name a user of this store")


def check_unchanged(kind: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Refuse an update that would change who made the record."""
    name = ACTOR_FIELDS.get(kind)
    if name is not None and before.get(name) != after.get(name):
        raise RecordRefused(f"a {kind.replace('_', ' ')}'s {name} never changes")
