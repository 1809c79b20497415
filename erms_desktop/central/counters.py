"""Global counters kept in one table and advanced under a row lock.

``UPDATE ... RETURNING`` takes the row lock (PostgreSQL) or the database write lock (SQLite)
and holds it to commit, so numbers are handed out in commit order: a pull never sees seq 11
committed while seq 10 is still in flight, and the audit chain never forks.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from erms_desktop.central.models import Counter

SEQ = "seq"
AUDIT = "audit"
TOMBSTONE_FLOOR = "tombstone_floor"
GENESIS_HASH = "0" * 64


def take(session: Session, name: str, count: int = 1) -> int:
    """Advance a counter by ``count`` and return the first of the numbers taken."""
    new_value = session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + count)
        .returning(Counter.value)
    ).scalar_one()
    return int(new_value) - count + 1


def read(session: Session, *names: str) -> dict[str, int]:
    """Several counters in one round trip."""
    rows = session.execute(select(Counter.name, Counter.value).where(Counter.name.in_(names)))
    return {name: int(value) for name, value in rows}


def current(session: Session, name: str) -> int:
    return int(session.execute(select(Counter.value).where(Counter.name == name)).scalar_one())


def set_value(session: Session, name: str, value: int) -> None:
    session.execute(update(Counter).where(Counter.name == name).values(value=value))
