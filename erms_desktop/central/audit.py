"""The audit log: append-only and chained with a keyed hash.

Each entry's hash is an HMAC (key from the settings, never in the database) over the previous
entry's hash and the entry's own canonical content; the counter row holds the position and hash
of the newest entry, and signed checkpoints outside the database (audit_seal.py) hold the head
as it was. Editing, removing, inserting or reordering a row, recomputing the chain without the
key, or cutting the tail off and rewinding the counter, breaks :func:`verify`. Entries hold ids,
actions and client addresses only, never personal data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from erms_desktop.central import counters
from erms_desktop.central.audit_seal import AuditSeal, note_entry, seal_of
from erms_desktop.central.errors import AuditChainError
from erms_desktop.central.models import AuditEntry, Counter, table


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a signed-in user on a device, or a staff member at the admin CLI; with
    the client's address when the action came over the network."""

    user_id: str | None
    device_id: str | None
    address: str | None = None


OPERATOR = Actor(user_id=None, device_id=None)
#: ``session.info`` key: who :data:`OPERATOR` stands for in this session (the staff member
#: named by the admin command line's ``--as``), so every entry of a command names them.
OPERATOR_INFO = "audit_operator"


def _entry_hash(seal: AuditSeal, prev_hash: str, entry: AuditEntry) -> str:
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
    return seal.mac(prev_hash + content)


# Built once, on the tables (see counters.py): every push and pull appends an entry.
_COUNTERS, _ENTRIES = table(Counter), table(AuditEntry)
_ADVANCE = (
    update(_COUNTERS)
    .where(_COUNTERS.c.name == counters.AUDIT)
    .values(value=_COUNTERS.c.value + 1)
    .returning(_COUNTERS.c.value, _COUNTERS.c.text)
)
_SET_HEAD = (
    update(_COUNTERS).where(_COUNTERS.c.name == counters.AUDIT).values(text=bindparam("head"))
)
_APPEND = insert(_ENTRIES)
_COLUMNS = tuple(column.name for column in _ENTRIES.columns)


def record(
    session: Session, actor: Actor, action: str, target: str, case_ids: Iterable[str] = ()
) -> None:
    """Append one entry. Call it last in the transaction: the chain head stays locked to commit."""
    seal = seal_of(session)
    if actor == OPERATOR:
        actor = session.info.get(OPERATOR_INFO, OPERATOR)
    position, prev_hash = session.execute(_ADVANCE).one()
    entry = AuditEntry(
        position=position,
        at=datetime.now(UTC).replace(microsecond=0),
        user_id=actor.user_id,
        device_id=actor.device_id,
        action=action,
        target=target if actor.address is None else f"{target} from {actor.address}",
        case_ids=",".join(sorted(set(case_ids))),
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = _entry_hash(seal, prev_hash, entry)
    session.execute(_APPEND, {name: getattr(entry, name) for name in _COLUMNS})
    note_entry(session, position, entry.hash)
    session.execute(_SET_HEAD, {"head": entry.hash})


def verify(session: Session) -> int:
    """Walk the whole chain against the key and the latest signed checkpoint; return the number
    of entries or raise :class:`AuditChainError`."""
    seal = seal_of(session)
    checkpoint = seal.latest()
    prev = counters.GENESIS_HASH
    expected_position = 1
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.position)):
        if entry.position != expected_position:
            raise AuditChainError(f"audit entry {expected_position} is missing")
        if entry.prev_hash != prev or _entry_hash(seal, prev, entry) != entry.hash:
            hint = " (or this is not the store's audit key)" if entry.position == 1 else ""
            raise AuditChainError(f"audit entry {entry.position} has been altered{hint}")
        if checkpoint and entry.position == checkpoint.position and entry.hash != checkpoint.hash:
            raise AuditChainError(f"audit entry {entry.position} differs from its checkpoint")
        prev = entry.hash
        expected_position += 1
    count = expected_position - 1
    head = session.get(Counter, counters.AUDIT)
    if head is None or head.value != count or head.text != prev:
        raise AuditChainError("the newest audit entries have been removed")
    if checkpoint is not None and checkpoint.position > count:
        raise AuditChainError(
            f"the newest audit entries have been removed: the log ends at {count}, "
            f"a checkpoint saw {checkpoint.position}"
        )
    return count
