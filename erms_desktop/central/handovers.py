"""Hand-over packages from laptop check-ins: stored opaque (encrypted to the organisation's
recovery key, which the store never holds), listed per case, and each item applied by a staff
member through the same validation as a push, or discarded. Every step is audited."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, checkin
from erms_desktop.central.access import Principal
from erms_desktop.central.errors import InvalidInputError, NotFoundError
from erms_desktop.central.models import HandoverItem, HandoverPackage
from erms_desktop.central.push import apply_handed_over
from erms_desktop.protocol.checkin import (
    CheckInStatus,
    HandoverDecision,
    HandoverEntry,
    HandoverKind,
    HandoverState,
    HandoverUpload,
)
from erms_desktop.protocol.checkin import (
    HandoverPackage as PackageMessage,
)
from erms_desktop.protocol.messages import Mutation, MutationStatus


def upload(
    session: Session, staff: Principal, device_id: str, package: HandoverUpload
) -> CheckInStatus:
    """Keep the package; a package id the store already holds is answered as before."""
    known = session.get(HandoverPackage, package.package_id)
    if known is not None:
        if known.device_id != device_id:
            raise InvalidInputError("this package id belongs to another laptop")
        return checkin.status(session, checkin.find(session, device_id))
    row = checkin.open_checkin(session, device_id)
    if len({item.item_id for item in package.items}) != len(package.items):
        raise InvalidInputError("every item of a hand-over package has its own id")
    session.add(
        HandoverPackage(
            id=package.package_id,
            device_id=device_id,
            label=package.label,
            blob=checkin.decode_blob(package.blob),
            uploaded_by=staff.user_id,
            uploaded_at=datetime.now(UTC),
        )
    )
    session.flush()
    session.add_all(
        HandoverItem(
            package_id=package.package_id,
            item_id=item.item_id,
            case_id=item.case_id,
            kind=item.kind.value,
            record_kind=item.record_kind,
            record_id=item.record_id,
            state=HandoverState.WAITING.value,
        )
        for item in package.items
    )
    cases = {item.case_id for item in package.items if item.case_id is not None}
    what = f"package {package.package_id} device {device_id} {len(package.items)} items"
    audit.record(session, staff.actor, "handover_upload", what, cases)
    return checkin.status(session, row)


def listing(session: Session, staff: Principal, case_id: str | None) -> list[HandoverEntry]:
    query = select(HandoverItem, HandoverPackage.device_id).join(
        HandoverPackage, HandoverPackage.id == HandoverItem.package_id
    )
    if case_id is not None:
        query = query.where(HandoverItem.case_id == case_id)
    rows = session.execute(query.order_by(HandoverPackage.uploaded_at, HandoverItem.item_id)).all()
    cases = {item.case_id for item, _ in rows if item.case_id is not None}
    audit.record(session, staff.actor, "list_handovers", f"{len(rows)} items", cases)
    return [_entry(item, device) for item, device in rows]


def package(session: Session, staff: Principal, package_id: str) -> PackageMessage:
    row = session.get(HandoverPackage, package_id)
    if row is None:
        raise NotFoundError("no such hand-over package")
    audit.record(session, staff.actor, "read_handover", f"package {package_id}")
    return PackageMessage(
        package_id=row.id, label=row.label, blob=base64.b64encode(row.blob).decode("ascii")
    )


def apply(
    session: Session, staff: Principal, package_id: str, item_id: str, mutation: Mutation
) -> HandoverDecision:
    """Apply the item's change as a push would; refused, the item stays waiting with the reason."""
    item, device_id = _item(session, package_id, item_id)
    if item.state != HandoverState.WAITING.value:
        return HandoverDecision(entry=_entry(item, device_id))
    if mutation.kind != item.record_kind or mutation.record_id != item.record_id:
        raise InvalidInputError("this change is not the handed-over item's record")
    author = checkin.volunteer_of(session, device_id)
    result = apply_handed_over(session, staff, author, mutation)
    if result.status is MutationStatus.APPLIED:
        _decide(item, staff, HandoverState.APPLIED, f"applied as version {result.version}")
    else:
        item.outcome = result.reason or result.status.value
    what = f"package {package_id} item {item_id} {result.status}"
    audit.record(session, staff.actor, "handover_decision", what, _cases(item))
    return HandoverDecision(entry=_entry(item, device_id), result=result)


def discard(session: Session, staff: Principal, package_id: str, item_id: str) -> HandoverDecision:
    item, device_id = _item(session, package_id, item_id)
    if item.state == HandoverState.WAITING.value:
        _decide(item, staff, HandoverState.DISCARDED, "discarded")
        what = f"package {package_id} item {item_id} discarded"
        audit.record(session, staff.actor, "handover_decision", what, _cases(item))
    return HandoverDecision(entry=_entry(item, device_id))


def _decide(item: HandoverItem, staff: Principal, state: HandoverState, outcome: str) -> None:
    item.state = state.value
    item.decided_by = staff.user_id
    item.decided_at = datetime.now(UTC)
    item.outcome = outcome


def _item(session: Session, package_id: str, item_id: str) -> tuple[HandoverItem, str]:
    item = session.get(HandoverItem, (package_id, item_id), with_for_update=True)
    row = session.get(HandoverPackage, package_id)
    if item is None or row is None:
        raise NotFoundError("no such hand-over item")
    return item, row.device_id


def _cases(item: HandoverItem) -> list[str]:
    return [item.case_id] if item.case_id else []


def _entry(item: HandoverItem, device_id: str) -> HandoverEntry:
    return HandoverEntry(
        package_id=item.package_id,
        device_id=device_id,
        item_id=item.item_id,
        case_id=item.case_id,
        kind=HandoverKind(item.kind),
        record_kind=item.record_kind,
        state=HandoverState(item.state),
        decided_by=item.decided_by,
        decided_at=item.decided_at,
        outcome=item.outcome,
    )
