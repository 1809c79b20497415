"""A volunteer's submitted month is locked on the store as in the app
(``domain.activity.submission_problem``): the months already submitted are read from the time
entries the store holds for that volunteer in the cases they may read."""

from __future__ import annotations

from sqlalchemy import select

from erms_desktop.central.access import Principal
from erms_desktop.central.models import Record
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.central.rules.lookup import Lookup
from erms_desktop.domain.activity import TimeEntry, month_of, submission_problem
from erms_desktop.domain.records import Entity, from_fields


def check(
    lookup: Lookup, principal: Principal, before: Entity | None, after: Entity | None
) -> None:
    if principal.is_staff or not isinstance(before or after, TimeEntry):
        return
    old = before if isinstance(before, TimeEntry) else None
    new = after if isinstance(after, TimeEntry) else None
    problem = submission_problem(old, new, submitted_months(lookup, principal.user_id))
    if problem is not None:
        raise RecordRefused(problem)


def submitted_months(lookup: Lookup, volunteer_id: str) -> set[tuple[int, int]]:
    rows = lookup.session.scalars(
        select(Record.fields).where(
            Record.kind == "time_entry", Record.deleted.is_(False), lookup.grants.visible()
        )
    )
    entries = [from_fields("time_entry", fields) for fields in rows]
    return {
        month_of(e)
        for e in entries
        if isinstance(e, TimeEntry) and e.volunteer_id == volunteer_id and e.submitted_on
    }
