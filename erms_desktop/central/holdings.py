"""What each laptop holds: the cases and party files it has pulled records of and not yet been
told to remove. Kept up to date by every pull, so after a loss the office can say what was on
the laptop at its last contact (the breach summary) without guessing from allocations, which
may have changed since."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erms_desktop.central.models import DeviceHolding
from erms_desktop.protocol.messages import Change, RecordChange, ScopeExit


def note_pulled(session: Session, device_id: str, page: Sequence[Change]) -> None:
    """Add what this page brought to the laptop, and drop the cases it was told to remove."""
    if not page:
        return
    held = {
        (case_id, file_id)
        for case_id, file_id in session.execute(
            select(DeviceHolding.case_id, DeviceHolding.party_file_id).where(
                DeviceHolding.device_id == device_id
            )
        )
    }
    now = datetime.now(UTC)
    for change in page:
        if isinstance(change, ScopeExit):
            session.execute(
                delete(DeviceHolding).where(
                    DeviceHolding.device_id == device_id,
                    DeviceHolding.case_id == change.case_id,
                )
            )
            held = {h for h in held if h[0] != change.case_id}
        elif isinstance(change, RecordChange) and change.case_id is not None:
            key = (change.case_id, change.party_file_id or "")
            if key not in held:
                held.add(key)
                session.add(
                    DeviceHolding(
                        device_id=device_id, case_id=key[0], party_file_id=key[1], pulled_at=now
                    )
                )
    session.flush()


def held_by(session: Session, device_id: str) -> list[DeviceHolding]:
    return list(
        session.scalars(
            select(DeviceHolding)
            .where(DeviceHolding.device_id == device_id)
            .order_by(DeviceHolding.case_id, DeviceHolding.party_file_id)
        )
    )
