"""A generated year of synthetic referrals, cases, rejections and volunteer time for the
monthly report's tests, kept as plain values so a test can count from them directly."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from erms_desktop.central import casework
from erms_desktop.central.models import RejectionCount
from erms_desktop.domain.activity import TimeEntry
from erms_desktop.domain.case import Case, Offence, Referral
from erms_desktop.domain.enums import (
    ClosureReason,
    JusticeStage,
    OffenceType,
    ReferralSource,
    RejectionReason,
    WorkflowStage,
)

FIRST = date(2025, 4, 1)
SOURCES = [ReferralSource.ESSEX_POLICE, ReferralSource.PROBATION_SERVICE, ReferralSource.PRISON]
OPEN = [WorkflowStage.ALLOCATION, WorkflowStage.PREPARATION, WorkflowStage.DELIVERY]


@dataclass
class Year:
    referrals: list[Referral] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    rejections: dict[tuple[str, str], int] = field(default_factory=dict)
    time: list[TimeEntry] = field(default_factory=list)


def _case(rng: random.Random, referral: Referral, case_id: str) -> Case:
    received = referral.received_on
    allocated = received + timedelta(days=rng.randint(0, 40)) if rng.random() < 0.8 else None
    closed = None
    if allocated is not None and rng.random() < 0.5:
        closed = allocated + timedelta(days=rng.randint(1, 120))
    stage = WorkflowStage.CLOSURE if closed else rng.choice(OPEN)
    return Case(
        id=case_id,
        service_reference=f"RJ-{case_id[:6]}",
        referral_id=referral.id,
        agency_reference="",
        offence=Offence(type=OffenceType.THEFT, summary="Synthetic"),
        justice_stage=JusticeStage.OUT_OF_COURT,
        stage=stage,
        received_on=received,
        allocated_on=allocated,
        closed_on=closed,
        closure_reason=rng.choice(list(ClosureReason)[:3]) if closed else None,
    )


def generate(cases: int, seed: int = 19) -> Year:
    rng = random.Random(seed)
    year = Year()
    for _ in range(cases):
        received = FIRST + timedelta(days=rng.randint(0, 364))
        referral = Referral(id=str(uuid.uuid4()), source=rng.choice(SOURCES), received_on=received)
        if rng.random() < 0.1:  # still waiting for a decision
            year.referrals.append(referral)
            continue
        case_id = str(uuid.uuid4())
        year.referrals.append(referral.accept(case_id))
        case = _case(rng, referral, case_id)
        year.cases.append(case)
        for _ in range(rng.randint(0, 3)):
            worked = received + timedelta(days=rng.randint(0, 60))
            entry = TimeEntry(
                id=str(uuid.uuid4()),
                case_id=case_id,
                volunteer_id=str(uuid.uuid4()),
                worked_on=worked,
                activity="home visit",
                minutes=rng.randint(15, 240),
                miles=round(rng.uniform(0, 40), 1),
            )
            year.time.append(entry)
    for month in range(12):
        label = f"{2025 + (month + 3) // 12}-{(month + 3) % 12 + 1:02d}"
        for reason in rng.sample(list(RejectionReason), 2):
            year.rejections[(label, reason.value)] = rng.randint(1, 12)
    return year


def store(session: Session, year: Year) -> None:
    """Write the year through the service layer (rejection counts as the office keeps them)."""
    for case in year.cases:
        casework.save_entity(session, case)
    for referral in year.referrals:
        casework.save_entity(session, referral)
    for entry in year.time:
        casework.save_entity(session, entry)
    for (month, reason), count in year.rejections.items():
        session.add(RejectionCount(month=month, reason=reason, count=count))
