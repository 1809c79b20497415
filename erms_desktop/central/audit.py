"""The audit log: append-only and hash-chained.

Each entry's hash covers the previous entry's hash and the entry's own canonical content, and
the counter row holds the position and hash of the newest entry. Editing, removing, inserting
or reordering a row, or cutting the tail off, breaks :func:`verify`. Entries hold ids and actions
only, never personal data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from erms_desktop.central import counters
from erms_desktop.central.errors import AuditChainError
from erms_desktop.central.models import AuditEntry, Counter


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a signed-in user on a device, or an operator at the admin CLI."""

    user_id: str | None
    device_id: str | None


OPERATOR = Actor(user_id=None, device_id=None)


def _entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    content = json.dumps(
        [
            entry.position,
            entry.at.astimezone(UTC).isoformat(),
            entry.user_id,
            entry.device_id,
            entry.action,
            entry.target,
            entry.case_ids,
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()


def record(
    session: Session, actor: Actor, action: str, target: str, case_ids: Iterable[str] = ()
) -> None:
    """Append one entry. Call it last in the transaction: the chain head stays locked to commit."""
    position, prev_hash = session.execute(
        update(Counter)
        .where(Counter.name == counters.AUDIT)
        .values(value=Counter.value + 1)
        .returning(Counter.value, Counter.text)
    ).one()
    entry = AuditEntry(
        position=position,
        at=datetime.now(UTC).replace(microsecond=0),
        user_id=actor.user_id,
        device_id=actor.device_id,
        action=action,
        target=target,
        case_ids=",".join(sorted(set(case_ids))),
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = _entry_hash(prev_hash, entry)
    session.add(entry)
    session.execute(update(Counter).where(Counter.name == counters.AUDIT).values(text=entry.hash))


def verify(session: Session) -> int:
    """Walk the whole chain; return the number of entries or raise :class:`AuditChainError`."""
    prev = counters.GENESIS_HASH
    expected_position = 1
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.position)):
        if entry.position != expected_position:
            raise AuditChainError(f"audit entry {expected_position} is missing")
        if entry.prev_hash != prev or _entry_hash(prev, entry) != entry.hash:
            raise AuditChainError(f"audit entry {entry.position} has been altered")
        prev = entry.hash
        expected_position += 1
    head = session.get(Counter, counters.AUDIT)
    if head is None or head.value != expected_position - 1 or head.text != prev:
        raise AuditChainError("the newest audit entries have been removed")
    return expected_position - 1
