"""What each laptop holds: the cases and party files it has pulled records of and not yet been
told to remove. Kept up to date by every pull, so after a loss (the breach summary), a return
(check-in) or a DPO's question (audit search) the office gets the one answer to "what was on
this laptop at its last contact", without guessing from allocations or the audit, which may
have changed since.

A case leaves a laptop's holdings when the laptop pulls its scope exit (deallocation, closure,
retention) or the case's tombstone (erasure); a party file, when it pulls the file's tombstone.
What a laptop pulled before the store kept this table (a store upgraded with laptops already
enrolled) is not in it: such a laptop is re-enrolled, whose first pull records everything."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from erms_desktop.central.models import DeviceHolding, table
from erms_desktop.central.office import describe
from erms_desktop.protocol.messages import Change, RecordChange, ScopeExit
from erms_desktop.protocol.office_people import HeldCase, HeldFile

_HOLDINGS = table(DeviceHolding)
# Built once on the table (see counters.py): every pull page runs them.
_HELD = select(_HOLDINGS.c.case_id, _HOLDINGS.c.party_file_id).where(
    _HOLDINGS.c.device_id == bindparam("device")
)
_TOUCH = (
    update(_HOLDINGS)
    .where(
        _HOLDINGS.c.device_id == bindparam("device"),
        _HOLDINGS.c.case_id == bindparam("case"),
        _HOLDINGS.c.party_file_id == bindparam("file"),
    )
    .values(pulled_at=bindparam("now"))
)
_ADD = insert(_HOLDINGS)


def note_pulled(session: Session, device_id: str, page: Sequence[Change]) -> None:
    """Add what this page brought to the laptop, and drop what it was told to remove."""
    if not page:
        return
    held = {(str(c), str(f)) for c, f in session.execute(_HELD, {"device": device_id})}
    touched: set[tuple[str, str]] = set()  # held already: pulled again now
    added: set[tuple[str, str]] = set()  # new on the laptop
    for change in page:
        if isinstance(change, ScopeExit) or (
            isinstance(change, RecordChange) and change.kind == "case" and change.deleted
        ):
            case_id = change.case_id if isinstance(change, ScopeExit) else change.id
            _drop(session, device_id, case_id)
            held = {key for key in held if key[0] != case_id}
            touched = {key for key in touched if key[0] != case_id}
            added = {key for key in added if key[0] != case_id}
        elif isinstance(change, RecordChange) and change.kind == "party_file" and change.deleted:
            key = (change.case_id or "", change.id)
            _drop(session, device_id, *key)
            for keys in (held, touched, added):
                keys.discard(key)
        elif isinstance(change, RecordChange) and change.case_id is not None:
            key = (change.case_id, change.party_file_id or "")
            if key in held:
                touched.add(key)
            elif not change.deleted:  # a tombstone brings nothing onto the laptop
                added.add(key)
    now = datetime.now(UTC)
    if touched:
        session.execute(
            _TOUCH, [{"device": device_id, "case": c, "file": f, "now": now} for c, f in touched]
        )
    if added:
        session.execute(
            _ADD,
            [
                {"device_id": device_id, "case_id": c, "party_file_id": f, "pulled_at": now}
                for c, f in added
            ],
        )


def _drop(session: Session, device_id: str, case_id: str, party_file_id: str | None = None) -> None:
    query = delete(DeviceHolding).where(
        DeviceHolding.device_id == device_id, DeviceHolding.case_id == case_id
    )
    if party_file_id is not None:
        query = query.where(DeviceHolding.party_file_id == party_file_id)
    session.execute(query)


def held_cases(session: Session, device_id: str) -> list[HeldCase]:
    """What the laptop held at its last contact, by service reference: each case, whether its
    case-level records were on it, its party files (by side, never a name) and when it last
    pulled records of the case."""
    held = list(session.scalars(select(DeviceHolding).where(DeviceHolding.device_id == device_id)))
    by_case: dict[str, list[DeviceHolding]] = defaultdict(list)
    for holding in held:
        by_case[holding.case_id].append(holding)
    refs = describe.references(session, by_case)
    sides = describe.sides(session, [h.party_file_id for h in held])
    cases = [
        HeldCase(
            case_id=case_id,
            service_reference=refs[case_id],
            case_records=any(not h.party_file_id for h in rows),
            party_files=[
                HeldFile(party_file_id=f, side=sides.get(f))
                for f in sorted(h.party_file_id for h in rows if h.party_file_id)
            ],
            last_pulled=max(h.pulled_at for h in rows),
        )
        for case_id, rows in by_case.items()
    ]
    return sorted(cases, key=lambda c: (c.service_reference, c.case_id))
