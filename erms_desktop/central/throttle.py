"""Rate limits on sign-in, enrolment and password changes, counted in the database.

Counting in the database (not in the process) makes a per-account limit hold across every
instance in front of one PostgreSQL. Each key counts attempts in fixed windows; one atomic
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` both counts and reads, so parallel attempts
cannot slip past the limit on either database. Counting runs in its own committed transaction,
before the attempt is checked, so refused attempts still count.

The limit applies to the current window and the one before it together. Counting the current
window alone forgot every attempt at each boundary: a burst straddling one got twice the
allowance, and a test's attempts made across one (one run in four on a loaded machine) were
let through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from erms_desktop.central.errors import RateLimitedError
from erms_desktop.central.models import RateCount


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``allowed`` attempts for ``key`` per window of ``window_seconds``."""

    key: str
    allowed: int


def count_attempt(session: Session, limits: list[Limit], window_seconds: int) -> None:
    """Count one attempt against every limit; refuse with :class:`RateLimitedError` if any is
    over. Expired windows are cleared on the way."""
    now = datetime.now(UTC)
    window = int(now.timestamp()) // window_seconds
    session.execute(delete(RateCount).where(RateCount.window < window - 1))
    over = lasting = False
    for limit in limits:
        key = limit.key[:200]
        current = _take(session, key, window)
        over |= current + _count(session, key, window - 1) > limit.allowed
        lasting |= current >= limit.allowed  # still over once this window is the previous one
    if over:
        retry = (window + (2 if lasting else 1)) * window_seconds - int(now.timestamp())
        raise RateLimitedError(
            f"too many attempts: try again in {timedelta(seconds=retry)}", retry_after=retry
        )


def _take(session: Session, key: str, window: int) -> int:
    insert = postgresql.insert if _is_pg(session) else sqlite.insert
    counting = (
        insert(RateCount)
        .values(key=key, window=window, count=1)
        .on_conflict_do_update(
            index_elements=[RateCount.key, RateCount.window], set_={"count": RateCount.count + 1}
        )
        .returning(RateCount.count)
    )
    return int(session.execute(counting).scalar_one())


def _count(session: Session, key: str, window: int) -> int:
    counted = session.scalar(
        select(RateCount.count).where(RateCount.key == key, RateCount.window == window)
    )
    return counted or 0


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"
