"""Operator case work: referrals, cases, allocation, and loading a whole dataset (demo mode).

Allocation is what authorisation reads (see access.py). Granting access re-sends the case's
records to the new holder's devices; taking it away sends a scope-exit event (and re-sends what
is still in scope, for a user who keeps a party-file allocation).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from erms_desktop.central import audit, counters
from erms_desktop.central.errors import AlreadyExistsError, InvalidInputError, NotFoundError
from erms_desktop.central.models import Allocation, Record, ScopeEvent
from erms_desktop.central.record_store import (
    RecordRefused,
    create_many,
    resend_case,
    scope_of,
    write,
)
from erms_desktop.domain.case import Case, Offence, Referral
from erms_desktop.domain.enums import (
    CaseType,
    ConsentAtReferral,
    DisputeType,
    JusticeStage,
    OffenceFlag,
    OffenceType,
    ReferralSource,
    Side,
)
from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.parties import PartyFile
from erms_desktop.domain.records import E, Entity, Fields, from_fields, kind_of, to_fields
from erms_desktop.protocol.messages import ScopeExitReason


@dataclass(frozen=True, slots=True)
class AllocationSpec:
    """Allocate ``case_id`` (or just ``party_file_id`` within it) to ``user_id``."""

    user_id: str
    case_id: str
    party_file_id: str | None = None


def save_entity(session: Session, entity: Entity, actor: audit.Actor = audit.OPERATOR) -> None:
    """Create or replace one record from a domain entity."""
    kind, fields = kind_of(entity), dict(to_fields(entity))
    existing = session.get(Record, entity.id)
    if existing is not None and existing.kind != kind:
        raise AlreadyExistsError(f"record {entity.id} exists with another kind")
    try:
        scope = scope_of(session, kind, entity.id, fields)
    except RecordRefused as exc:
        raise InvalidInputError(f"{kind} {entity.id}: {exc}") from exc
    write(session, actor, existing, kind=kind, record_id=entity.id, scope=scope, fields=fields)


def load_entity(session: Session, kind: str, record_id: str, cls: type[E]) -> E:
    record = session.get(Record, record_id)
    if record is None or record.deleted or record.kind != kind:
        raise NotFoundError(f"no {kind} {record_id!r}")
    return decoded(kind, record.fields, cls)


def decoded(kind: str, fields: Fields, cls: type[E]) -> E:
    """A stored record as its class; one that decodes as anything else is refused outright."""
    entity = from_fields(kind, fields)
    if not isinstance(entity, cls):
        raise InvalidInputError(f"the stored {kind} record is not a {cls.__name__}")
    return entity


def create_referral(
    session: Session,
    source: str,
    received_on: date,
    agency_reference: str = "",
    *,
    consent: str = ConsentAtReferral.NOT_YET_ASKED.value,
    actor: audit.Actor = audit.OPERATOR,
) -> Referral:
    try:
        referral = Referral(
            id=str(uuid.uuid4()),
            source=ReferralSource(source),
            received_on=received_on,
            agency_reference=agency_reference,
            consent_at_referral=ConsentAtReferral(consent),
        )
    except (ValueError, DomainError) as exc:
        raise InvalidInputError(f"invalid referral: {exc}") from exc
    save_entity(session, referral, actor)
    audit.record(session, actor, "create_referral", f"referral {referral.id}")
    return referral


def reject_referral(
    session: Session, referral_id: str, actor: audit.Actor = audit.OPERATOR, *, why: str = ""
) -> None:
    """Rejected referrals are destroyed at once: the record becomes a tombstone."""
    referral = load_entity(session, "referral", referral_id, Referral)
    try:
        referral.reject()
    except DomainError as exc:
        raise InvalidInputError(str(exc)) from exc
    record = session.get(Record, referral_id)
    write(
        session,
        actor,
        record,
        kind="referral",
        record_id=referral_id,
        scope=(None, None),
        fields=None,
    )
    because = f" ({why})" if why else ""
    audit.record(session, actor, "reject_referral", f"referral {referral_id}{because}")


def create_case_from_referral(
    session: Session,
    referral_id: str,
    *,
    service_reference: str,
    offence_type: str,
    offence_summary: str,
    justice_stage: str,
    offence_date: date | None = None,
    flags: tuple[str, ...] = (),
    actor: audit.Actor = audit.OPERATOR,
) -> Case:
    """Accept the referral, open its restorative justice case, and give it one victim and one
    offender file."""

    def build(referral: Referral) -> Case:
        return Case(
            id=str(uuid.uuid4()),
            service_reference=service_reference,
            referral_id=referral.id,
            agency_reference=referral.agency_reference,
            offence=Offence(
                type=OffenceType(offence_type),
                summary=offence_summary,
                committed_on=offence_date,
                flags=tuple(OffenceFlag(f) for f in flags),
            ),
            justice_stage=JusticeStage(justice_stage),
            received_on=referral.received_on,
        )

    return _open_case(session, referral_id, build, (Side.VICTIM, Side.OFFENDER), actor)


def create_mediation_case_from_referral(
    session: Session,
    referral_id: str,
    *,
    service_reference: str,
    dispute_type: str,
    dispute_summary: str = "",
    parties: int = 2,
    actor: audit.Actor = audit.OPERATOR,
) -> Case:
    """Accept the referral and open a mediation case with one file per party (Party A, Party
    B, ...): nobody in it is recorded as a victim or an offender."""
    sides = Side.parties()
    if not 2 <= parties <= len(sides):
        raise InvalidInputError(f"a mediation case has 2 to {len(sides)} parties, not {parties}")

    def build(referral: Referral) -> Case:
        return Case(
            id=str(uuid.uuid4()),
            service_reference=service_reference,
            referral_id=referral.id,
            agency_reference=referral.agency_reference,
            case_type=CaseType.MEDIATION,
            dispute_type=DisputeType(dispute_type),
            dispute_summary=dispute_summary,
            received_on=referral.received_on,
        )

    return _open_case(session, referral_id, build, sides[:parties], actor)


def _open_case(
    session: Session,
    referral_id: str,
    build: Callable[[Referral], Case],
    sides: tuple[Side, ...],
    actor: audit.Actor,
) -> Case:
    referral = load_entity(session, "referral", referral_id, Referral)
    try:
        case = build(referral)
        accepted = referral.accept(case.id)
    except (ValueError, DomainError) as exc:
        raise InvalidInputError(f"cannot open the case: {exc}") from exc
    save_entity(session, case, actor)
    save_entity(session, accepted, actor)
    for side in sides:
        save_entity(session, PartyFile(id=str(uuid.uuid4()), case_id=case.id, side=side), actor)
    audit.record(session, actor, "create_case", f"case {case.id}", [case.id])
    return case


def party_files(session: Session, case_id: str) -> list[PartyFile]:
    rows = session.scalars(
        select(Record).where(
            Record.case_id == case_id, Record.kind == "party_file", Record.deleted.is_(False)
        )
    )
    return [entity for r in rows if isinstance(entity := from_fields(r.kind, r.fields), PartyFile)]


def allocate(session: Session, spec: AllocationSpec, actor: audit.Actor = audit.OPERATOR) -> None:
    """Add one allocation. The office's checks (an initial risk assessment of each file, at
    most two facilitators, volunteers only) come first in office/allocation.py, which the API
    and the commands call; this step alone serves dataset loading and test set-ups."""
    case = load_entity(session, "case", spec.case_id, Case)
    if case.is_closed:
        raise InvalidInputError("a closed case cannot be allocated")
    if spec.party_file_id is not None and spec.party_file_id not in {
        f.id for f in party_files(session, spec.case_id)
    }:
        raise NotFoundError(f"no party file {spec.party_file_id!r} in that case")
    exists = session.scalar(
        select(Allocation.id).where(
            Allocation.user_id == spec.user_id,
            Allocation.case_id == spec.case_id,
            Allocation.party_file_id.is_(None)
            if spec.party_file_id is None
            else Allocation.party_file_id == spec.party_file_id,
        )
    )
    if exists is not None:
        raise AlreadyExistsError("that allocation already exists")
    _allocate_quietly(session, spec)
    if spec.party_file_id is None and spec.user_id not in case.facilitator_ids:
        today = datetime.now(UTC).date()
        save_entity(session, case.allocate((*case.facilitator_ids, spec.user_id), today), actor)
    resend_case(session, [spec.case_id])
    target = f"user {spec.user_id} file {spec.party_file_id or 'all'}"
    audit.record(session, actor, "allocate", target, [spec.case_id])


def deallocate(
    session: Session,
    user_id: str,
    case_id: str,
    reason: ScopeExitReason = ScopeExitReason.DEALLOCATED,
    *,
    actor: audit.Actor = audit.OPERATOR,
    why: str = "",
) -> None:
    """Take every allocation of the case from the user and tell their devices; ``why`` is the
    office's reason code, kept in the audit entry."""
    mine = (Allocation.user_id == user_id) & (Allocation.case_id == case_id)
    if session.scalar(select(Allocation.id).where(mine).limit(1)) is None:
        raise NotFoundError("that user has no allocation in that case")
    session.execute(delete(Allocation).where(mine))
    session.add(
        ScopeEvent(
            seq=counters.take(session, counters.SEQ),
            user_id=user_id,
            case_id=case_id,
            reason=reason.value,
            at=datetime.now(UTC),
        )
    )
    case_record = session.get(Record, case_id)
    if case_record is not None and not case_record.deleted:
        case = decoded("case", case_record.fields, Case)
        if user_id in case.facilitator_ids:
            kept = tuple(f for f in case.facilitator_ids if f != user_id)
            save_entity(session, dataclasses.replace(case, facilitator_ids=kept), actor)
    because = f", {why}" if why else ""
    audit.record(session, actor, "deallocate", f"user {user_id} ({reason}{because})", [case_id])


def load_dataset(
    session: Session, entities: Iterable[Entity], allocations: Iterable[AllocationSpec] = ()
) -> int:
    """Load a whole dataset (the synthetic demo data) from domain entities, parents first, into
    a store that holds none of its records yet."""
    order = ["referral", "case", "party_file", "participant", "consent", "risk_assessment"]
    pending = sorted(
        entities, key=lambda e: order.index(kind_of(e)) if kind_of(e) in order else len(order)
    )
    try:
        count = create_many(
            session, audit.OPERATOR, ((kind_of(e), e.id, dict(to_fields(e))) for e in pending)
        )
    except RecordRefused as exc:
        raise InvalidInputError(f"dataset refused: {exc}") from exc
    except IntegrityError as exc:
        raise AlreadyExistsError("the store already holds records of this dataset") from exc
    for spec in allocations:
        _allocate_quietly(session, spec)
    audit.record(session, audit.OPERATOR, "load_dataset", f"{count} records")
    return count


def _allocate_quietly(session: Session, spec: AllocationSpec) -> None:
    """Add the allocation row alone: no facilitator update, resend or audit entry (the caller
    does those it needs)."""
    session.add(
        Allocation(
            user_id=spec.user_id,
            case_id=spec.case_id,
            party_file_id=spec.party_file_id,
            allocated_at=datetime.now(UTC),
        )
    )
