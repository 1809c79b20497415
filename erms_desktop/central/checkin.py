"""Checking a returned laptop in, on the store's side (docs/security-model.md).

A staff member starts the check-in for the laptop's device; the laptop's final sync runs with a
device session the staff member vouches for; the laptop uploads what it could not sync as an
opaque hand-over package; once the laptop has shown everything is accounted for, the check-in is
*accounted*: the device is retired (its sessions end, it can never sign in again) and the receipt
is stored and named in the audit chain. The laptop then crypto-shreds its vault and the check-in
is *complete* (the receipt gains "local data destroyed" with the method).

Every step is idempotent (see protocol/checkin.py): a check-in interrupted anywhere is resumed by
repeating its steps. Each function runs in the caller's transaction and leaves an audit entry.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central import pull as pulling
from erms_desktop.central.access import Principal, load_grants
from erms_desktop.central.errors import InvalidInputError, NotFoundError
from erms_desktop.central.models import (
    CheckIn,
    Device,
    HandoverPackage,
    Record,
    SessionToken,
    User,
)
from erms_desktop.central.passwords import new_secret, same_digest, secret_digest
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.checkin import (
    AccountedRequest,
    CheckInStatus,
    CheckInStep,
    Receipt,
    RecordVersion,
    StoreDigests,
    file_digests,
)

_NO_CHECKIN = "start the check-in for this laptop first"


def start(session: Session, staff: Principal, device_id: str) -> CheckInStatus:
    """Open the check-in, or answer the one already open (a resumed check-in)."""
    device = _device(session, device_id)
    row = session.get(CheckIn, device.id, with_for_update=True)
    if row is None:
        if device.revoked_at is not None:
            raise InvalidInputError(
                "this laptop was revoked: its data cannot be synced any more; "
                "its last contact is in the laptop's record"
            )
        row = CheckIn(
            device_id=device.id,
            staff_user_id=staff.user_id,
            step=CheckInStep.OPEN.value,
            started_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        audit.record(session, staff.actor, "checkin_start", f"device {device.id}")
    else:
        audit.record(session, staff.actor, "checkin_resume", f"device {device.id} {row.step}")
    return status(session, row)


def status(session: Session, row: CheckIn) -> CheckInStatus:
    device = _device(session, row.device_id)
    packages = session.scalars(
        select(HandoverPackage.id)
        .where(HandoverPackage.device_id == row.device_id)
        .order_by(HandoverPackage.uploaded_at)
    ).all()
    return CheckInStatus(
        device_id=device.id,
        asset_tag=device.asset_tag,
        volunteer=username(session, device.user_id),
        staff=username(session, row.staff_user_id),
        step=CheckInStep(row.step),
        started_at=row.started_at,
        packages=list(packages),
    )


def device_session(
    session: Session, staff: Principal, device_id: str, secret: str, settings: CentralSettings
) -> str:
    """A session for the laptop's own device credentials while its check-in is open, so the
    final sync runs as the volunteer's laptop even when the volunteer is not there."""
    row = open_checkin(session, device_id)
    device = _device(session, row.device_id)
    if device.revoked_at is not None:  # revoked meanwhile: its sync would be told to wipe
        raise InvalidInputError(
            "this laptop was revoked during its check-in: its data cannot be synced any more"
        )
    if not same_digest(device.secret_hash, secret_digest(secret)):
        audit.record(session, staff.actor, "checkin_bad_device_secret", f"device {device.id}")
        raise InvalidInputError("this is not the laptop the check-in was started for")
    token = new_secret()
    now = datetime.now(UTC)
    session.add(
        SessionToken(
            token_hash=secret_digest(token),
            user_id=device.user_id,
            device_id=device.id,
            created_at=now,
            expires_at=now + timedelta(minutes=settings.session_minutes),
            password_only=False,
        )
    )
    audit.record(session, staff.actor, "checkin_device_session", f"device {device.id}")
    return token


def store_digests(
    session: Session, staff: Principal, device_id: str, handed_over: list[str]
) -> StoreDigests:
    """The store's digests over the volunteer's cases, and its versions of the records the
    laptop hands over (live ones only)."""
    find(session, device_id)
    volunteer = volunteer_of(session, device_id)
    grants = load_grants(session, volunteer)
    records = session.scalars(
        select(Record).where(
            Record.id.in_(handed_over),
            Record.deleted.is_(False),
            Record.case_id.is_not(None),
            grants.visible(),
        )
    ).all()
    in_files = session.execute(
        select(Record.case_id, Record.party_file_id, Record.kind, Record.id, Record.version).where(
            Record.deleted.is_(False), Record.case_id.is_not(None), grants.visible()
        )
    ).all()
    audit.record(session, staff.actor, "checkin_digest", f"device {device_id}")
    return StoreDigests(
        cases=pulling.digests(session, volunteer, None),
        files=file_digests((str(c), f, k, i, v) for c, f, k, i, v in in_files),
        handed_over=[
            RecordVersion(
                record_id=r.id,
                kind=r.kind,
                case_id=str(r.case_id),
                party_file_id=r.party_file_id,
                version=r.version,
            )
            for r in records
        ],
    )


def account(
    session: Session, staff: Principal, device_id: str, request: AccountedRequest
) -> Receipt:
    """Everything the laptop held is on the store: retire the device and keep the receipt."""
    row = find(session, device_id)
    if row.step != CheckInStep.OPEN.value and row.receipt is not None:
        return Receipt.model_validate(row.receipt)
    mismatched = [check.case_id for check in request.cases if not check.matched]
    if mismatched:
        raise InvalidInputError(
            f"{len(mismatched)} case(s) do not match the store: a check-in is accounted for "
            "only when every case matches"
        )
    state = status(session, row)
    now = datetime.now(UTC)
    receipt = Receipt(
        device_id=state.device_id,
        asset_tag=state.asset_tag,
        volunteer=state.volunteer,
        staff=username(session, staff.user_id),
        accounted_at=now,
        cases=request.cases,
        items_handed_over=request.items_handed_over,
        packages=state.packages,
        local_data_destroyed=False,
        destruction_method=None,
        completed_at=None,
    )
    device = _device(session, device_id)
    if device.revoked_at is None:
        device.revoked_at = now
    session.execute(delete(SessionToken).where(SessionToken.device_id == device.id))
    row.step = CheckInStep.ACCOUNTED.value
    row.receipt = receipt.model_dump(mode="json")
    cases = [check.case_id for check in request.cases]
    what = f"device {device.id} retired; {len(cases)} cases; {request.items_handed_over} items"
    audit.record(session, staff.actor, "checkin_accounted", what, cases)
    return receipt


def complete(session: Session, staff: Principal, device_id: str, method: str) -> Receipt:
    """The laptop destroyed its local data: the receipt says so, with the method."""
    row = find(session, device_id)
    if row.receipt is None:
        raise InvalidInputError("the laptop's data is not accounted for yet: nothing may be wiped")
    if row.step == CheckInStep.COMPLETE.value:
        return Receipt.model_validate(row.receipt)
    done = Receipt.model_validate(row.receipt).model_copy(
        update={
            "local_data_destroyed": True,
            "destruction_method": method,
            "completed_at": datetime.now(UTC),
        }
    )
    row.receipt = done.model_dump(mode="json")
    row.step = CheckInStep.COMPLETE.value
    audit.record(
        session, staff.actor, "checkin_complete", f"device {device_id} local data destroyed"
    )
    return done


def receipt(session: Session, staff: Principal, device_id: str) -> Receipt:
    row = find(session, device_id)
    if row.receipt is None:
        raise NotFoundError("this check-in has no receipt yet")
    audit.record(session, staff.actor, "read_checkin_receipt", f"device {device_id}")
    return Receipt.model_validate(row.receipt)


def open_checkin(session: Session, device_id: str) -> CheckIn:
    """The check-in, refused unless it is still open (the laptop may still change the store)."""
    row = find(session, device_id)
    if row.step != CheckInStep.OPEN.value:
        raise InvalidInputError("this check-in is already accounted for")
    return row


def find(session: Session, device_id: str) -> CheckIn:
    row = session.get(CheckIn, device_id, with_for_update=True)
    if row is None:
        raise NotFoundError(_NO_CHECKIN)
    return row


def _device(session: Session, device_id: str) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFoundError(f"no device {device_id!r}")
    return device


def username(session: Session, user_id: str) -> str:
    user = session.get(User, user_id)
    return user.username if user is not None else user_id


def volunteer_of(session: Session, device_id: str) -> Principal:
    """The laptop's volunteer, as the author of the work it hands over."""
    device = _device(session, device_id)
    user = session.get(User, device.user_id)
    role = UserRole(user.role) if user is not None else UserRole.VOLUNTEER
    return Principal(user_id=device.user_id, role=role, device_id=device.id)


def decode_blob(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInputError("the hand-over package is not valid base64") from exc
