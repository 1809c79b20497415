"""Hypothesis strategies that build valid domain entities of every record kind."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from erms_desktop.domain import (
    Case,
    ConsentRecord,
    Contact,
    Document,
    Exchange,
    Feedback,
    Note,
    Offence,
    OutcomeItem,
    Participant,
    PartyFile,
    Referral,
    RiskAssessment,
    TimeEntry,
    WarningConfirmation,
)
from erms_desktop.domain.enums import (
    CaseStudyUse,
    CaseType,
    ClosureReason,
    ConsentAtReferral,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    Custody,
    DisputeType,
    ExchangeKind,
    ExpenseKind,
    JusticeStage,
    NoteStatus,
    OffenceFlag,
    OffenceType,
    OutcomeKind,
    ParticipantRole,
    ReferralSource,
    ReferralStatus,
    RiskKind,
    RiskOutcome,
    Satisfaction,
    Side,
    WorkflowStage,
)
from erms_desktop.domain.workflow import ALLOWED_TRANSITIONS, MEDIATION_TRANSITIONS

#: Keeps the default run fast on a shared two-core machine; the round-trip tests run more.
quick = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
brief = settings(max_examples=10, deadline=None)

E = TypeVar("E", bound=Enum)
Draw = Any  # hypothesis' draw callable

ids = st.uuids().map(str)
#: Any printable text: every field class refuses control characters (domain/textrules.py).
printable = st.characters(exclude_categories=("Cc", "Cs"))
texts = st.text(printable, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
optional_texts = st.text(printable, max_size=30)
days = st.dates(min_value=date(1995, 1, 1), max_value=date(2045, 12, 31))
gaps = st.integers(min_value=0, max_value=400).map(lambda n: timedelta(days=n))
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=zones
)


def enum(cls: type[E]) -> st.SearchStrategy[E]:
    return st.sampled_from(list(cls))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def items(strategy: st.SearchStrategy[str], size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(strategy, max_size=size, unique_by=lambda s: s.strip().casefold()).map(tuple)


def unique_ids(size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(ids, max_size=size, unique=True).map(tuple)


@st.composite
def referrals(draw: Draw) -> Referral:
    status = draw(enum(ReferralStatus))
    return Referral(
        id=draw(ids),
        source=draw(enum(ReferralSource)),
        received_on=draw(days),
        agency_reference=draw(optional_texts),
        consent_at_referral=draw(enum(ConsentAtReferral)),
        status=status,
        case_id=draw(ids) if status is ReferralStatus.ACCEPTED else None,
    )


offences = st.builds(
    Offence,
    type=enum(OffenceType),
    summary=texts,
    committed_on=maybe(days),
    flags=st.lists(enum(OffenceFlag), unique=True).map(tuple),
)


@st.composite
def cases(draw: Draw, stage: WorkflowStage | None = None) -> Case:
    """Either type of case: a mediation case has a dispute where the other has an offence."""
    mediation = draw(st.booleans()) and stage in (None, *MEDIATION_TRANSITIONS)
    table = MEDIATION_TRANSITIONS if mediation else ALLOWED_TRANSITIONS
    stage = stage or draw(st.sampled_from(sorted(table)))
    received = draw(days)
    allocated = received + draw(gaps) if draw(st.booleans()) else None
    closed = stage is WorkflowStage.CLOSURE
    return Case(
        id=draw(ids),
        service_reference=draw(texts),
        referral_id=draw(maybe(ids)),
        agency_reference=draw(optional_texts),
        case_type=CaseType.MEDIATION if mediation else CaseType.RESTORATIVE_JUSTICE,
        offence=None if mediation else draw(offences),
        justice_stage=None if mediation else draw(enum(JusticeStage)),
        dispute_type=draw(enum(DisputeType)) if mediation else None,
        dispute_summary=draw(optional_texts) if mediation else "",
        stage=stage,
        facilitator_ids=draw(unique_ids()),
        received_on=received,
        allocated_on=allocated,
        next_action=draw(optional_texts),
        next_action_due=draw(maybe(days)),
        closed_on=(allocated or received) + draw(gaps) if closed else None,
        closure_reason=draw(enum(ClosureReason)) if closed else None,
        on_hold=False if closed else draw(st.booleans()),
    )


party_files = st.builds(
    PartyFile,
    id=ids,
    case_id=ids,
    side=enum(Side),
    label=optional_texts,
    facilitator_ids=unique_ids(),
)

phones = st.from_regex(r"\A(07700 900|01632 960)[0-9]{3}\Z")
emails = st.from_regex(r"\A[a-z]{1,8}\.[a-z]{1,8}@example\.(org|com)\Z")


@st.composite
def participants(draw: Draw) -> Participant:
    names = draw(st.lists(optional_texts, min_size=3, max_size=3).filter(lambda n: any(
        part.strip() for part in n
    )))  # fmt: skip
    return Participant(
        id=draw(ids),
        party_file_id=draw(ids),
        role=draw(enum(ParticipantRole)),
        given_names=names[0],
        family_name=names[1],
        preferred_name=names[2],
        aliases=draw(items(texts)),
        date_of_birth=draw(maybe(days)),
        is_child=draw(st.booleans()),
        addresses=draw(items(texts, 2)),
        phones=draw(items(phones, 2)),
        emails=draw(items(emails, 2)),
        references=draw(items(texts, 2)),
        safe_contact=draw(optional_texts),
        vulnerability_notes=draw(optional_texts),
    )


confirmations = st.builds(
    WarningConfirmation, participant_id=ids, kind=texts, text=texts, confirmed_at=moments
)


@st.composite
def notes(draw: Draw, status: NoteStatus | None = None) -> Note:
    status = status or draw(enum(NoteStatus))
    created = draw(moments)
    final = status is NoteStatus.FINAL
    return Note(
        id=draw(ids),
        case_id=draw(ids),
        party_file_id=draw(ids),
        author_id=draw(ids),
        body=draw(texts if final else optional_texts),
        created_at=created,
        status=status,
        finalised_at=created + draw(gaps) if final else None,
        amends_note_id=draw(maybe(ids)),
        confirmations=tuple(draw(st.lists(confirmations, max_size=2))),
    )


@st.composite
def contacts(draw: Draw) -> Contact:
    kind = draw(enum(ContactKind))
    return Contact(
        id=draw(ids),
        case_id=draw(ids),
        kind=kind,
        mode=draw(enum(ContactMode)),
        held_on=draw(days),
        duration_minutes=draw(st.integers(0, 24 * 60)),
        party_file_id=None if kind is ContactKind.CONFERENCE else draw(maybe(ids)),
        attendee_ids=draw(unique_ids()),
        summary=draw(optional_texts),
    )


@st.composite
def consents(draw: Draw) -> ConsentRecord:
    scope = draw(enum(ConsentScope))
    decision = draw(enum(ConsentDecision))
    method = draw(enum(ConsentMethod))
    recorded = draw(days)
    needs_evidence = method is ConsentMethod.SIGNED_FORM and decision is ConsentDecision.GIVEN
    withdrawn = decision is ConsentDecision.GIVEN and draw(st.booleans())
    sharing = scope in (ConsentScope.SHARE_WITH_OTHER_PARTY, ConsentScope.SHARE_WITH_AGENCY)
    return ConsentRecord(
        id=draw(ids),
        case_id=draw(ids),
        party_file_id=draw(ids),
        participant_id=draw(ids),
        scope=scope,
        decision=decision,
        method=method,
        recorded_on=recorded,
        detail=draw(texts if sharing else optional_texts),
        evidence_document_id=draw(ids) if needs_evidence else draw(maybe(ids)),
        withdrawn_on=recorded + draw(gaps) if withdrawn else None,
    )


@st.composite
def risk_assessments(draw: Draw) -> RiskAssessment:
    outcome = draw(maybe(enum(RiskOutcome)))
    completed = draw(days) if outcome else None
    mitigations = draw(items(texts))
    if outcome is RiskOutcome.PROCEED_WITH_MITIGATIONS and not mitigations:
        mitigations = ("Meet at a neutral venue",)
    return RiskAssessment(
        id=draw(ids),
        case_id=draw(ids),
        kind=draw(enum(RiskKind)),
        assessor_id=draw(ids),
        party_file_id=draw(maybe(ids)),
        factors=draw(items(texts)),
        mitigations=mitigations,
        outcome=outcome,
        completed_on=completed,
        review_on=completed + draw(gaps) if completed and draw(st.booleans()) else None,
    )


@st.composite
def exchanges(draw: Draw) -> Exchange:
    kind = draw(enum(ExchangeKind))
    files = draw(st.lists(ids, min_size=2, max_size=2, unique=True))
    letter = kind is ExchangeKind.APOLOGY_LETTER
    return Exchange(
        id=draw(ids),
        case_id=draw(ids),
        kind=kind,
        from_party_file_id=files[0],
        to_party_file_id=files[1],
        content=draw(texts),
        consent_id=draw(ids),
        shared_by=draw(ids),
        shared_at=draw(moments),
        risk_assessment_id=draw(ids) if letter else draw(maybe(ids)),
        writer_agreed=True if letter else draw(st.booleans()),
        redactions=draw(items(texts)),
        custody=draw(enum(Custody)),
    )


outcome_items = st.builds(
    OutcomeItem,
    id=ids,
    case_id=ids,
    kind=enum(OutcomeKind),
    description=texts,
    responsible_party_file_id=ids,
    due_on=maybe(days),
    completed_on=maybe(days),
    monitored_by=maybe(texts),
)

documents = st.builds(
    Document,
    id=ids,
    case_id=ids,
    party_file_id=ids,
    filename=st.from_regex(r"\A[A-Za-z0-9 _-]{1,20}\.(pdf|txt|msg|docx)\Z"),
    media_type=st.sampled_from(["application/pdf", "text/plain", "application/vnd.ms-outlook"]),
    sha256=st.binary(max_size=64).map(lambda b: hashlib.sha256(b).hexdigest()),
    size_bytes=st.integers(0, 2**40),
    added_at=moments,
    description=optional_texts,
)


@st.composite
def time_entries(draw: Draw) -> TimeEntry:
    pence = draw(st.integers(0, 100_000))
    return TimeEntry(
        id=draw(ids),
        case_id=draw(ids),
        volunteer_id=draw(ids),
        worked_on=draw(days),
        activity=draw(texts),
        minutes=draw(st.integers(0, 24 * 60)),
        miles=draw(st.floats(0, 10_000, allow_nan=False, allow_infinity=False)),
        expense_kind=draw(enum(ExpenseKind)) if pence else draw(maybe(enum(ExpenseKind))),
        expense_pence=pence,
    )


@st.composite
def feedbacks(draw: Draw) -> Feedback:
    identified = draw(st.booleans())
    return Feedback(
        id=draw(ids),
        case_id=draw(ids),
        party_file_id=draw(ids),
        participant_id=draw(ids),
        recorded_on=draw(days),
        satisfaction=draw(enum(Satisfaction)),
        would_recommend=draw(st.booleans()),
        comments=draw(optional_texts),
        case_study=CaseStudyUse.IDENTIFIED
        if identified
        else draw(st.sampled_from([CaseStudyUse.NOT_AGREED, CaseStudyUse.ANONYMOUS])),
        written_permission_document_id=draw(ids) if identified else None,
    )


#: A strategy for every stored record kind, by its wire name.
ENTITIES: dict[str, st.SearchStrategy[Any]] = {
    "referral": referrals(),
    "case": cases(),
    "party_file": party_files,
    "participant": participants(),
    "note": notes(),
    "contact": contacts(),
    "consent": consents(),
    "risk_assessment": risk_assessments(),
    "exchange": exchanges(),
    "outcome_item": outcome_items,
    "document": documents,
    "time_entry": time_entries(),
    "feedback": feedbacks(),
}
any_entity = st.one_of(*ENTITIES.values())
