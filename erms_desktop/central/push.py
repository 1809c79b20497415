"""Applying a device's numbered mutations: at most once, in order, with field-level merging.

Each device_seq is answered exactly once and the answer kept: a repeat is ``skipped`` with the
original outcome, a gap refuses the whole batch (nothing applied). A mutation that cannot be made
is ``rejected`` with the reason - it still consumes its number, so the device's queue moves on and
the client keeps the mutation in its attention list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, authorship, rules
from erms_desktop.central.access import Grants, Principal, load_grants
from erms_desktop.central.auth import locked_own_row
from erms_desktop.central.errors import InvalidInputError, SequenceGapError
from erms_desktop.central.models import Device, DeviceMutation, Record
from erms_desktop.central.record_store import (
    RecordRefused,
    Scope,
    Staged,
    number_staged,
    scope_of,
    write,
)
from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.records import RECORD_KINDS, field_names, from_fields, to_fields
from erms_desktop.protocol.messages import (
    Mutation,
    MutationOp,
    MutationResult,
    MutationStatus,
    PushResponse,
)

_NOT_THERE = "no such record (it does not exist, was deleted, or is outside your cases)"
_NOT_YOURS = "the case or party file does not exist or is not allocated to you"
_ID_TAKEN = "this record id cannot be used; create the record with a new id"


def push(session: Session, principal: Principal, mutations: Sequence[Mutation]) -> PushResponse:
    seqs = [m.device_seq for m in mutations]
    if seqs != list(range(seqs[0], seqs[0] + len(seqs))):
        raise InvalidInputError("mutations must be in ascending, contiguous device_seq order")
    device = locked_own_row(session, Device, principal.laptop())
    expected = device.last_device_seq + 1
    if seqs[0] > expected:
        raise SequenceGapError(expected)
    answered = (
        {
            row.device_seq: row
            for row in session.scalars(
                select(DeviceMutation).where(
                    DeviceMutation.device_id == device.id,
                    DeviceMutation.device_seq < expected,
                    DeviceMutation.device_seq >= seqs[0],
                )
            )
        }
        if seqs[0] < expected
        else {}
    )
    staged: list[Staged] = []
    grants = load_grants(session, principal)
    actor = principal.actor
    results: list[MutationResult] = []
    answers: list[DeviceMutation] = []
    touched: set[str] = set()
    for mutation in mutations:
        if mutation.device_seq < expected:
            results.append(_skipped(mutation, answered.get(mutation.device_seq)))
            continue
        result, case_id = _apply(session, actor, principal, grants, mutation, staged)
        if case_id is not None:
            touched.add(case_id)
        answers.append(
            DeviceMutation(
                device_id=device.id,
                device_seq=mutation.device_seq,
                record_id=mutation.record_id,
                status=result.status.value,
                version=result.version,
                reason=result.reason,
            )
        )
        results.append(result)
    # Written together at the end: one statement each instead of one per mutation.
    session.add_all(answers)
    device.last_device_seq = max(device.last_device_seq, seqs[-1])
    device.last_sync_at = datetime.now(UTC)
    number_staged(session, actor, staged)
    what = " ".join(
        f"{r.device_seq}:{m.kind}:{r.record_id}:{r.status}"
        for m, r in zip(mutations, results, strict=True)
    )
    audit.record(session, actor, "push", what, touched)
    return PushResponse(results=results, last_device_seq=device.last_device_seq)


def apply_handed_over(
    session: Session, staff: Principal, author: Principal, mutation: Mutation
) -> MutationResult:
    """Apply one change handed over at a laptop's check-in through the very checks a push runs:
    the record says who made it (``author``, the laptop's volunteer), the staff member's grants
    decide where it may go (a case that left the volunteer's scope is still the office's), and
    the audit names the staff member. No device numbering: the item is applied once by its
    hand-over entry (central/checkin.py)."""
    staged: list[Staged] = []
    grants = load_grants(session, staff)
    result, case_id = _apply(session, staff.actor, author, grants, mutation, staged)
    number_staged(session, staff.actor, staged)
    what = f"{mutation.kind}:{result.record_id}:{result.status}"
    audit.record(session, staff.actor, "apply_handover", what, [case_id] if case_id else [])
    return result


def _skipped(mutation: Mutation, original: DeviceMutation | None) -> MutationResult:
    return MutationResult(
        device_seq=mutation.device_seq,
        record_id=mutation.record_id,
        status=MutationStatus.SKIPPED,
        reason="duplicate",
        version=original.version if original else None,
        original_status=MutationStatus(original.status) if original else None,
    )


def _apply(  # noqa: PLR0917 - one call site, all positional context
    session: Session,
    actor: audit.Actor,
    principal: Principal,
    grants: Grants,
    m: Mutation,
    staged: list[Staged],
) -> tuple[MutationResult, str | None]:
    existing = session.get(Record, m.record_id, with_for_update=True)
    try:
        if m.kind not in RECORD_KINDS:
            raise RecordRefused(f"unknown record kind {m.kind!r}")
        if m.op is MutationOp.CREATE:
            return _create(
                session,
                actor=actor,
                principal=principal,
                grants=grants,
                m=m,
                existing=existing,
                staged=staged,
            )
        # Missing, deleted, out of sight and of another kind all answer alike, so a refusal
        # never tells a record that exists but is not yours from one that does not exist.
        if (
            existing is None
            or existing.deleted
            or not grants.can_read(existing.kind, existing.case_id, existing.party_file_id)
            or existing.kind != m.kind
        ):
            raise RecordRefused(_NOT_THERE)
        if not grants.can_write(existing.kind, existing.case_id, existing.party_file_id):
            raise RecordRefused("you may not change this record")
        return _change(session, actor, principal, grants, m, existing, staged), existing.case_id
    except RecordRefused as refusal:
        case_id = existing.case_id if existing is not None else None
        return _result(m, MutationStatus.REJECTED, reason=str(refusal)), case_id


def _create(
    session: Session,
    *,
    actor: audit.Actor,
    principal: Principal,
    grants: Grants,
    m: Mutation,
    existing: Record | None,
    staged: list[Staged],
) -> tuple[MutationResult, str | None]:
    if m.base_version != 0:
        raise RecordRefused("a new record is based on version 0")
    if m.fields.get("id") != m.record_id:
        raise RecordRefused("the fields' id must equal record_id")
    fields = _canonical(m.kind, m.fields)
    scope = _writable_scope(session, grants, m.kind, m.record_id, fields)
    authorship.check_new(session, principal, m.kind, fields)
    rules.check(
        session, principal, grants, rules.Change(m.kind, scope, None, from_fields(m.kind, fields))
    )
    if existing is not None:
        # Checked last and answered alike for any record, seen or not: only a create that
        # would otherwise be applied can learn that its id is taken.
        raise RecordRefused(_ID_TAKEN)
    record = write(
        session,
        actor,
        None,
        kind=m.kind,
        record_id=m.record_id,
        scope=scope,
        fields=fields,
        staged=staged,
    )
    return _result(m, MutationStatus.APPLIED, version=record.version), scope[0]


def _change(  # noqa: PLR0917 - one call site
    session: Session,
    actor: audit.Actor,
    principal: Principal,
    grants: Grants,
    m: Mutation,
    existing: Record,
    staged: list[Staged],
) -> MutationResult:
    if m.base_version > existing.version:
        raise RecordRefused("base_version is newer than the store's record")
    if m.kind == "note" and existing.fields.get("status") == "final":
        raise RecordRefused("a final note never changes; add an amendment note instead")
    scope = (existing.case_id, existing.party_file_id)
    before = from_fields(m.kind, existing.fields)
    if m.op is MutationOp.DELETE:
        rules.check(session, principal, grants, rules.Change(m.kind, scope, before, None))
        if m.base_version < existing.version:
            return _conflict(m, existing, sorted(existing.fields))
        write(
            session,
            actor,
            existing,
            kind=m.kind,
            record_id=m.record_id,
            scope=scope,
            fields=None,
            staged=staged,
        )
        return _result(m, MutationStatus.APPLIED, version=existing.version)
    unknown = set(m.fields) - set(field_names(m.kind))
    if unknown:
        raise RecordRefused(f"unknown fields for {m.kind}: {sorted(unknown)}")
    if m.fields.get("id", m.record_id) != m.record_id:
        raise RecordRefused("a record's id never changes")
    both = [
        name
        for name, value in m.fields.items()
        if existing.field_versions.get(name, 0) > m.base_version
        and existing.fields.get(name) != value
    ]
    if both:
        return _conflict(m, existing, sorted(both))
    merged = _canonical(m.kind, {**existing.fields, **m.fields})
    authorship.check_unchanged(m.kind, existing.fields, merged)
    if _writable_scope(session, grants, m.kind, m.record_id, merged) != scope:
        raise RecordRefused("a record cannot move to another case or party file")
    after = from_fields(m.kind, merged)
    rules.check(session, principal, grants, rules.Change(m.kind, scope, before, after))
    if merged != existing.fields:
        write(
            session,
            actor,
            existing,
            kind=m.kind,
            record_id=m.record_id,
            scope=scope,
            fields=merged,
            staged=staged,
        )
    return _result(m, MutationStatus.APPLIED, version=existing.version)


def _canonical(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate through the domain model and re-encode, so stored fields are always well-formed."""
    try:
        return dict(to_fields(from_fields(kind, fields)))
    except DomainError as exc:
        raise RecordRefused(f"invalid {kind}: {exc}") from exc


def _writable_scope(
    session: Session, grants: Grants, kind: str, record_id: str, fields: dict[str, Any]
) -> Scope:
    """Where the record lives, if the pusher may write there. A case or file that does not
    exist and one that is not the pusher's answer alike."""
    try:
        scope = scope_of(session, kind, record_id, fields)
    except RecordRefused:
        raise RecordRefused(_NOT_YOURS) from None
    if not grants.can_write(kind, *scope):
        raise RecordRefused(_NOT_YOURS)
    return scope


def _conflict(m: Mutation, existing: Record, names: list[str]) -> MutationResult:
    return _result(
        m,
        MutationStatus.CONFLICT,
        version=existing.version,
        conflicting_fields=names,
        server_fields=dict(existing.fields),
    )


def _result(m: Mutation, status: MutationStatus, **extra: Any) -> MutationResult:
    return MutationResult(device_seq=m.device_seq, record_id=m.record_id, status=status, **extra)
