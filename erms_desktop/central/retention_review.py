"""Cases kept for ever by accident: not closed, yet with no activity (no change to any record
of the case) for the review period (``inactivity_review_months``, default 12). Retention runs
from closure, so these are listed for the office to close or revive; nothing is destroyed."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.models import Record
from erms_desktop.central.settings import CentralSettings
from erms_desktop.protocol.office_reports import InactiveCase


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def inactive_cases(
    session: Session, settings: CentralSettings, actor: audit.Actor, now: datetime | None = None
) -> list[InactiveCase]:
    """Open cases whose newest change (to the case or any record in it) is older than the
    review period, longest idle first; the listing is audited."""
    today = (now or datetime.now(UTC)).date()
    cutoff = months_before(today, settings.inactivity_review_months)
    found = []
    for case in session.scalars(
        select(Record).where(Record.kind == "case", Record.deleted.is_(False))
    ):
        if case.fields.get("closed_on"):
            continue
        newest = session.scalar(
            select(func.max(Record.updated_at)).where(
                or_(Record.id == case.id, Record.case_id == case.id)
            )
        )
        last = (newest or case.updated_at).date()
        if last < cutoff:
            found.append(
                InactiveCase(
                    case_id=case.id,
                    stage=case.fields["stage"],
                    last_activity=last,
                    days_inactive=(today - last).days,
                )
            )
    found.sort(key=lambda c: (c.last_activity, c.case_id))
    audit.record(
        session, actor, "list_inactive_cases", f"{len(found)} cases", [c.case_id for c in found]
    )
    return found
