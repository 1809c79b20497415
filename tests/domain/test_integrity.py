"""Cross-record rules: each broken link in an otherwise consistent dataset is reported."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta

import pytest

from erms_desktop.demo.data import generate_demo_data
from erms_desktop.domain import Contact
from erms_desktop.domain.enums import (
    ConsentDecision,
    ConsentScope,
    ContactKind,
    ExchangeKind,
    ParticipantRole,
    ReferralStatus,
    RiskKind,
)
from erms_desktop.domain.integrity import find_problems
from erms_desktop.domain.records import Entity

DATASET = generate_demo_data(seed=11)
RECORDS = list(DATASET.entities())
FILES = {f.id: f for f in DATASET.party_files}


def _other_side_file(party_file_id: str) -> str:
    mine = FILES[party_file_id]
    return next(
        f.id for f in DATASET.party_files if f.case_id == mine.case_id and f.side is not mine.side
    )


def _other_case_file(party_file_id: str) -> str:
    mine = FILES[party_file_id]
    return next(f.id for f in DATASET.party_files if f.case_id != mine.case_id)


def _other_side_person(contact: Contact) -> str:
    assert contact.party_file_id is not None
    other = _other_side_file(contact.party_file_id)
    return next(p.id for p in DATASET.participants if p.party_file_id == other)


def _swap(old: Entity, **changes: object) -> list[Entity]:
    new = dataclasses.replace(old, **changes)  # type: ignore[type-var]
    return [new if e is old else e for e in RECORDS]


def _without(record_id: str | None) -> list[Entity]:
    return [e for e in RECORDS if e.id != record_id]


NOTE = next(n for n in DATASET.notes if n.is_final and n.amends_note_id is None)
AMENDMENT = next(n for n in DATASET.notes if n.amends_note_id)
VICTIM = next(p for p in DATASET.participants if p.role is ParticipantRole.VICTIM)
EXCHANGE = next(e for e in DATASET.exchanges if e.kind is ExchangeKind.SHUTTLE_MESSAGE)
SHARE = next(c for c in DATASET.consents if c.id == EXCHANGE.consent_id)
RECEIVER_CONSENT = next(c for c in DATASET.consents if c.party_file_id == EXCHANGE.to_party_file_id)
LETTER = next(e for e in DATASET.exchanges if e.kind is ExchangeKind.APOLOGY_LETTER)
SIGNED = next(c for c in DATASET.consents if c.evidence_document_id)
OPEN_CASE = next(c for c in DATASET.cases if not c.is_closed and c.stage.value == "preparation")
FORM = next(
    c
    for c in DATASET.consents
    if c.scope is ConsentScope.CONFIDENTIALITY_FORM and c.case_id == OPEN_CASE.id
)
INITIAL = next(r for r in DATASET.risk_assessments if r.kind is RiskKind.INITIAL)
MEETING = next(c for c in DATASET.contacts if c.kind is ContactKind.PREPARATION_MEETING)
SECONDARY = next(
    r
    for r in DATASET.risk_assessments
    if r.kind is RiskKind.SECONDARY and r.party_file_id == MEETING.party_file_id
)
CONFERENCE = next(c for c in DATASET.contacts if c.kind is ContactKind.CONFERENCE)
CONFERENCE_SHARE = next(
    c
    for c in DATASET.consents
    if c.case_id == CONFERENCE.case_id and c.scope is ConsentScope.SHARE_WITH_OTHER_PARTY
)
REFERRAL = next(r for r in DATASET.referrals if r.status is ReferralStatus.ACCEPTED)

BREAKAGES: list[tuple[str, Callable[[], list[Entity]], str]] = [
    (
        "note filed in another case's party file",
        lambda: _swap(NOTE, party_file_id=_other_case_file(NOTE.party_file_id)),
        "not in its case",
    ),
    (
        "amendment filed on the other side",
        lambda: _swap(AMENDMENT, party_file_id=_other_side_file(AMENDMENT.party_file_id)),
        "party file of the note it corrects",
    ),
    ("amended note missing", lambda: _without(AMENDMENT.amends_note_id), "not there"),
    (
        "victim moved into an offender file",
        lambda: _swap(VICTIM, party_file_id=_other_side_file(VICTIM.party_file_id)),
        "cannot sit",
    ),
    (
        "consent withdrawn before the exchange",
        lambda: _swap(SHARE, withdrawn_on=SHARE.recorded_on),
        "live consent",
    ),
    (
        "exchange citing the receiving side's consent",
        lambda: _swap(EXCHANGE, consent_id=RECEIVER_CONSENT.id),
        "party the content comes from",
    ),
    (
        "apology letter without its assessment",
        lambda: _swap(LETTER, risk_assessment_id=SHARE.id),
        "letter-sharing",
    ),
    (
        "consent form refused on an open case",
        lambda: _swap(FORM, decision=ConsentDecision.REFUSED, evidence_document_id=None),
        "not closed",
    ),
    (
        "signed form whose scan is missing",
        lambda: _without(SIGNED.evidence_document_id),
        "evidence",
    ),
    (
        "accepted referral pointing at another case",
        lambda: _swap(REFERRAL, case_id=OPEN_CASE.id),
        "another case",
    ),
    (
        "two records with one id",
        lambda: [*RECORDS, dataclasses.replace(VICTIM, given_names="Copy")],
        "share an id",
    ),
    ("a file without its case", lambda: _without(DATASET.party_files[0].case_id), "not there"),
    (
        "the other side's victim at a preparation meeting",
        lambda: _swap(MEETING, attendee_ids=(*MEETING.attendee_ids, _other_side_person(MEETING))),
        "attendee from outside",
    ),
    (
        "joint meeting recorded after one party withdrew consent to share",
        lambda: _swap(CONFERENCE_SHARE, withdrawn_on=CONFERENCE.held_on),
        "consent to share",
    ),
    (
        "allocated without an initial risk assessment",
        lambda: _without(INITIAL.id),
        "initial risk assessment",
    ),
    (
        "meeting before the secondary risk assessment",
        lambda: _swap(SECONDARY, completed_on=MEETING.held_on + timedelta(days=1)),
        "secondary risk assessment",
    ),
]


def test_the_demo_data_is_consistent() -> None:
    assert find_problems(RECORDS) == []


@pytest.mark.parametrize(("name", "broken", "message"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_each_broken_link_is_reported(
    name: str, broken: Callable[[], list[Entity]], message: str
) -> None:
    problems = find_problems(broken())
    assert problems, name
    assert any(message in problem for problem in problems), problems
