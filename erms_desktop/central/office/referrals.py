"""Referrals in the office: intake, listing, reading, rejecting (destroyed, counted) and
accepting (a case opened with its party files and the referred people in them).

The intake's details beyond the referral record live in ``referral_details`` and the equality
answers in ``equality_monitoring``: office-only tables no laptop pulls. A rejected referral
leaves only a count per month and reason.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit, casework
from erms_desktop.central.errors import InvalidInputError, NotFoundError
from erms_desktop.central.models import EqualityMonitoring, Record, ReferralDetail, RejectionCount
from erms_desktop.domain.case import Case, Referral
from erms_desktop.domain.enums import (
    POLICY_RULE_FLAGS,
    CaseType,
    ParticipantRole,
    RejectionReason,
    Side,
)
from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.parties import Participant
from erms_desktop.protocol.office import (
    Acceptance,
    CaseOpened,
    PartyFileOpened,
    ReferralIntake,
    ReferralSummary,
    ReferralView,
    ReferredPerson,
)

#: The board's policy rule, shown before a knife-crime or sexual-harm referral is accepted.
POLICY_RULE = (
    "Board policy: for knife crime and sexual offences, restorative justice runs alongside "
    "criminal proceedings, never instead of them. Accept only if the referral is not offered "
    "as an alternative to prosecution."
)


def take_in(session: Session, form: ReferralIntake, actor: audit.Actor) -> ReferralSummary:
    """Record a referral from the intake form; the equality answers are stored apart."""
    _check_intake(form)
    referral = casework.create_referral(
        session,
        form.source.value,
        form.received_on,
        form.agency_reference,
        consent=form.consent_at_referral.value,
        actor=actor,
    )
    details = form.model_dump(mode="json", exclude={"equality"})
    now = datetime.now(UTC)
    session.add(ReferralDetail(referral_id=referral.id, details=details, created_at=now))
    if form.equality is not None:
        answers = form.equality.model_dump(mode="json")
        session.add(EqualityMonitoring(referral_id=referral.id, **answers))
    return _summary(referral, form)


def _check_intake(form: ReferralIntake) -> None:
    if form.received_on > datetime.now(UTC).date():
        raise InvalidInputError("a referral cannot be received in the future")
    _check_type(form)
    if form.offence_date is not None and form.offence_date > form.received_on:
        raise InvalidInputError("the offence date falls after the referral was received")
    for person in form.people:
        if not (person.given_names.strip() or person.family_name.strip()):
            raise InvalidInputError("each person referred needs a given or family name")


def _check_type(form: ReferralIntake) -> None:
    """A restorative justice referral names an offence and victim and offender sides; a
    mediation referral a dispute type, no offence, and parties (Party A, Party B, ...)."""
    mediation = form.case_type is CaseType.MEDIATION
    if mediation:
        if form.dispute_type is None:
            raise InvalidInputError("a mediation referral needs its dispute type")
        if form.offence_type is not None or form.offence_summary is not None or form.flags:
            raise InvalidInputError("a mediation referral names a dispute, not an offence")
    else:
        if form.offence_type is None or form.offence_summary is None:
            raise InvalidInputError("a restorative justice referral needs the offence")
        if form.dispute_type is not None or form.dispute_summary is not None:
            raise InvalidInputError("a restorative justice referral has no dispute")
    if not all(person.side.fits(form.case_type) for person in form.people):
        kind = "a party (Party A, Party B, ...)" if mediation else "the victim or offender side"
        raise InvalidInputError(f"each person referred is on {kind}")
    if mediation and len({person.side for person in form.people}) < 2:
        raise InvalidInputError("a mediation referral names people from two or more parties")


def listed(session: Session, actor: audit.Actor) -> list[ReferralSummary]:
    """Every referral still held (received or accepted), oldest first."""
    rows = session.execute(
        select(Record, ReferralDetail)
        .join(ReferralDetail, ReferralDetail.referral_id == Record.id, isouter=True)
        .where(Record.kind == "referral", Record.deleted.is_(False))
    ).all()
    found = [_summary(_referral(r), _intake(d)) for r, d in rows]
    audit.record(session, actor, "list_referrals", f"{len(found)} referrals")
    return sorted(found, key=lambda s: (s.received_on, s.referral_id))


def view(session: Session, referral_id: str, actor: audit.Actor) -> ReferralView:
    referral, form = _load(session, referral_id)
    audit.record(session, actor, "read_referral", f"referral {referral_id}")
    return ReferralView(**_summary(referral, form).model_dump(), intake=form)


def reject(session: Session, referral_id: str, reason: RejectionReason, actor: audit.Actor) -> None:
    """Destroy the referral at once: record, details and equality answers; count it."""
    _load(session, referral_id)
    casework.reject_referral(session, referral_id, actor, why=reason.value)
    for table in (ReferralDetail, EqualityMonitoring):
        session.execute(delete(table).where(table.referral_id == referral_id))
    month = datetime.now(UTC).strftime("%Y-%m")
    count = session.get(RejectionCount, (month, reason.value))
    if count is None:
        session.add(RejectionCount(month=month, reason=reason.value, count=1))
    else:
        count.count += 1


def accept(
    session: Session, referral_id: str, acceptance: Acceptance, actor: audit.Actor
) -> CaseOpened:
    """Open the case with its party files and each referred person in their side's file.
    Refused for a knife-crime or sexual-harm referral unless the policy rule is acknowledged."""
    _, form = _load(session, referral_id)
    if set(form.flags) & POLICY_RULE_FLAGS and not acceptance.policy_acknowledged:
        raise InvalidInputError(f"acknowledge the policy rule to accept: {POLICY_RULE}")
    case = _open(session, referral_id, form, acceptance, actor)
    opened = []
    for party_file in casework.party_files(session, case.id):
        people = [p for p in form.people if p.side is party_file.side]
        ids = [_add_person(session, party_file.id, person, actor) for person in people]
        opened.append(
            PartyFileOpened(party_file_id=party_file.id, side=party_file.side, participant_ids=ids)
        )
    return CaseOpened(case_id=case.id, files=opened)


def _open(
    session: Session,
    referral_id: str,
    form: ReferralIntake,
    acceptance: Acceptance,
    actor: audit.Actor,
) -> Case:
    """Open the case of the referral's type: a mediation case with a file for each party up to
    the last one named (at least two), a restorative justice case with its two sides."""
    if form.case_type is CaseType.MEDIATION and form.dispute_type is not None:
        if acceptance.justice_stage is not None:
            raise InvalidInputError("a mediation case has no criminal justice stage")
        named = [Side.parties().index(person.side) + 1 for person in form.people]
        return casework.create_mediation_case_from_referral(
            session,
            referral_id,
            service_reference=acceptance.service_reference,
            dispute_type=form.dispute_type.value,
            dispute_summary=form.dispute_summary or "",
            parties=max(2, *named),
            actor=actor,
        )
    if form.offence_type is None or form.offence_summary is None:
        raise InvalidInputError("a restorative justice referral needs the offence")
    if acceptance.justice_stage is None:
        raise InvalidInputError("say where the case stands in the criminal justice system")
    return casework.create_case_from_referral(
        session,
        referral_id,
        service_reference=acceptance.service_reference,
        offence_type=form.offence_type.value,
        offence_summary=form.offence_summary,
        justice_stage=acceptance.justice_stage.value,
        offence_date=form.offence_date,
        flags=tuple(f.value for f in form.flags),
        actor=actor,
    )


_ROLES = {Side.VICTIM: ParticipantRole.VICTIM, Side.OFFENDER: ParticipantRole.OFFENDER}


def _add_person(
    session: Session, party_file_id: str, person: ReferredPerson, actor: audit.Actor
) -> str:
    role = _ROLES.get(person.side, ParticipantRole.PARTY)
    try:
        participant = Participant(
            id=str(uuid.uuid4()),
            party_file_id=party_file_id,
            role=role,
            given_names=person.given_names,
            family_name=person.family_name,
            date_of_birth=person.date_of_birth,
            is_child=person.is_child,
            addresses=tuple(person.addresses),
            phones=tuple(person.phones),
            emails=tuple(person.emails),
            references=tuple(person.references),
        )
    except DomainError as exc:
        raise InvalidInputError(f"a person referred: {exc}") from exc
    casework.save_entity(session, participant, actor)
    return participant.id


def _load(session: Session, referral_id: str) -> tuple[Referral, ReferralIntake]:
    record = session.get(Record, referral_id)
    detail = session.get(ReferralDetail, referral_id)
    if record is None or record.deleted or record.kind != "referral" or detail is None:
        raise NotFoundError(f"no referral {referral_id!r} taken in through the office")
    return _referral(record), ReferralIntake.model_validate(detail.details)


def _referral(record: Record) -> Referral:
    return casework.decoded("referral", record.fields, Referral)


def _intake(detail: ReferralDetail | None) -> ReferralIntake | None:
    return None if detail is None else ReferralIntake.model_validate(detail.details)


def _summary(referral: Referral, form: ReferralIntake | None) -> ReferralSummary:
    flags = list(form.flags) if form is not None else []
    return ReferralSummary(
        referral_id=referral.id,
        case_type=form.case_type if form is not None else CaseType.RESTORATIVE_JUSTICE,
        dispute_type=form.dispute_type if form is not None else None,
        source=referral.source,
        source_label=referral.source.label,
        received_on=referral.received_on,
        agency_reference=referral.agency_reference,
        status=referral.status,
        flags=flags,
        people=len(form.people) if form is not None else 0,
        policy_rule=POLICY_RULE if set(flags) & POLICY_RULE_FLAGS else None,
    )
