"""A laptop kept the cases a pull would have removed (the volunteer chose "keep them and tell
the office"): the store records the report in the audit log, where the office reads it back.
The log is the right home: it is append-only, names the user and device, and holds ids and
counts only."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.access import Principal
from erms_desktop.central.models import AuditEntry
from erms_desktop.protocol.held_removal import HeldRemovalNotice, HeldRemovalReport

ACTION = "held_removal_kept"
LISTED = "held_removals_listed"
MAX_LISTED = 500


def report(session: Session, principal: Principal, kept: HeldRemovalReport) -> None:
    """Record a laptop's report; only an enrolled laptop holds cases to keep."""
    principal.laptop()
    actor = principal.actor
    detail = f"kept {kept.would_remove} of {kept.local_total} records the office's changes remove"
    audit.record(session, actor, ACTION, detail, kept.case_ids)


def notices(session: Session, actor: audit.Actor) -> list[HeldRemovalNotice]:
    """The latest reports, newest first (reading them is audited too)."""
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == ACTION)
        .order_by(AuditEntry.position.desc())
        .limit(MAX_LISTED)
    ).all()
    found = [
        HeldRemovalNotice(
            reported_at=row.at,
            user_id=row.user_id,
            device_id=row.device_id,
            case_ids=tuple(c for c in row.case_ids.split(",") if c),
            detail=row.target,
        )
        for row in rows
    ]
    audit.record(session, actor, LISTED, f"{len(found)} reports")
    return found
