"""A synthetic demo dataset: invented people and cases for demo mode, tests and benchmarks.

``generate_demo_data(seed)`` is deterministic: it draws everything, record ids included, from one
``random.Random(seed)`` and keeps no global state, so a seed always gives the same dataset. Dates
are relative to ``today`` (a fixed day unless given). Nobody in it is real: names are random
combinations of ordinary given and family names, streets are invented, phone numbers are in
Ofcom's drama ranges and emails use example domains.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from erms_desktop.demo.account import DEMO_MANAGER_USERNAME, DEMO_OFFICE_USERNAME
from erms_desktop.demo.cases import build_case
from erms_desktop.demo.mediation import build_mediation_cases
from erms_desktop.demo.people import IdentitySource
from erms_desktop.demo.story import RecordSink
from erms_desktop.domain.activity import Contact, Document, OutcomeItem, TimeEntry
from erms_desktop.domain.case import Case, Referral
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.enums import ConsentAtReferral, ReferralSource, UserRole
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.exchange import Exchange
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.notes import Note
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.domain.records import Entity
from erms_desktop.domain.risk import RiskAssessment

DEFAULT_SEED = 2026
DEFAULT_CASE_COUNT = 12
MAX_CASE_COUNT = 150
#: The day the demo dataset is dated from unless the caller gives another.
DEMO_TODAY = date(2026, 3, 2)

DEMO_VOLUNTEER_ID = "6f1c2b8e-4a57-4d0e-9b3a-1c5e7d9f2a01"
DEMO_CO_FACILITATOR_ID = "a83d5e21-7c94-4f6b-8e12-3b4c5d6e7f02"
DEMO_STAFF_ID = "c2e4f6a8-1b3d-4e5f-a7b9-d1e3f5a7b903"
DEMO_MANAGER_ID = "e4a6c8d0-2f4b-4c6d-8e0a-b2c4d6e8fa04"


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoUser:
    """A user of the demo: stable id and username, so demo sign-in and tests can name them."""

    id: str
    username: str
    display_name: str
    role: UserRole


@dataclass(frozen=True, slots=True, kw_only=True)
class Allocation:
    """A facilitator allocated to a case (both party files unless the file says otherwise)."""

    case_id: str
    user_id: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        id=DEMO_VOLUNTEER_ID,
        username="demo.volunteer",
        display_name="Demo Volunteer",
        role=UserRole.VOLUNTEER,
    ),
    DemoUser(
        id=DEMO_CO_FACILITATOR_ID,
        username="demo.cofacilitator",
        display_name="Demo Co-facilitator",
        role=UserRole.VOLUNTEER,
    ),
    DemoUser(
        id=DEMO_STAFF_ID,
        username=DEMO_OFFICE_USERNAME,
        display_name="Demo Staff",
        role=UserRole.STAFF,
    ),
    DemoUser(
        id=DEMO_MANAGER_ID,
        username=DEMO_MANAGER_USERNAME,
        display_name="Demo Service Manager",
        role=UserRole.ADMIN,
    ),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoDataset:
    """Every demo record by kind, with the users and who is allocated to which case."""

    seed: int
    users: tuple[DemoUser, ...]
    allocations: tuple[Allocation, ...]
    referrals: tuple[Referral, ...]
    cases: tuple[Case, ...]
    party_files: tuple[PartyFile, ...]
    participants: tuple[Participant, ...]
    documents: tuple[Document, ...]
    consents: tuple[ConsentRecord, ...]
    risk_assessments: tuple[RiskAssessment, ...]
    notes: tuple[Note, ...]
    contacts: tuple[Contact, ...]
    exchanges: tuple[Exchange, ...]
    outcome_items: tuple[OutcomeItem, ...]
    time_entries: tuple[TimeEntry, ...]
    feedback: tuple[Feedback, ...]
    #: The bytes of each document, by SHA-256, for demo mode to put in the vault.
    document_contents: Mapping[str, bytes]

    def entities(self) -> Iterator[Entity]:
        """Every record, each after the records it refers to (an amendment after its note)."""
        yield from self.referrals
        yield from self.cases
        yield from self.party_files
        yield from self.participants
        yield from self.documents
        yield from self.consents
        yield from self.risk_assessments
        yield from self.notes
        yield from self.contacts
        yield from self.exchanges
        yield from self.outcome_items
        yield from self.time_entries
        yield from self.feedback

    def cases_of(self, user_id: str) -> tuple[Case, ...]:
        """The cases allocated to one facilitator, as a volunteer's laptop would hold them."""
        allocated = {a.case_id for a in self.allocations if a.user_id == user_id}
        return tuple(case for case in self.cases if case.id in allocated)


def generate_demo_data(
    seed: int = DEFAULT_SEED, *, case_count: int = DEFAULT_CASE_COUNT, today: date = DEMO_TODAY
) -> DemoDataset:
    """Build the demo dataset: ``case_count`` restorative justice cases (cycling through every
    workflow stage and the notable endings), a rejected and a newly received referral, and the
    two mediation cases (a boundary dispute and a three-household noise dispute)."""
    if not 1 <= case_count <= MAX_CASE_COUNT:
        raise InvalidValueError(f"the demo holds 1 to {MAX_CASE_COUNT} cases, not {case_count}")
    ids = IdentitySource(random.Random(seed))  # noqa: S311 - repeatable demo data, not secrets
    sink = RecordSink()
    for index in range(case_count):
        # Every fourth case goes to the co-facilitator alone, so the demo volunteer's view shows
        # that volunteers see only their own cases.
        alone = index % 4 == 3
        team = (DEMO_CO_FACILITATOR_ID,) if alone else (DEMO_VOLUNTEER_ID, DEMO_CO_FACILITATOR_ID)
        build_case(ids, sink, index=index, today=today, facilitators=team, staff_id=DEMO_STAFF_ID)
    _add_open_referrals(ids, sink, today)
    build_mediation_cases(
        ids,
        sink,
        today=today,
        facilitators=(DEMO_VOLUNTEER_ID, DEMO_CO_FACILITATOR_ID),
        staff_id=DEMO_STAFF_ID,
    )
    allocations = tuple(
        Allocation(case_id=case.id, user_id=user_id)
        for case in sink.cases
        for user_id in case.facilitator_ids
    )
    return DemoDataset(
        seed=seed,
        users=DEMO_USERS,
        allocations=allocations,
        referrals=tuple(sink.referrals),
        cases=tuple(sink.cases),
        party_files=tuple(sink.party_files),
        participants=tuple(sink.participants),
        documents=tuple(sink.documents),
        consents=tuple(sink.consents),
        risk_assessments=tuple(sink.risk_assessments),
        notes=tuple(sink.notes),
        contacts=tuple(sink.contacts),
        exchanges=tuple(sink.exchanges),
        outcome_items=tuple(sink.outcome_items),
        time_entries=tuple(_submitted(entry, today) for entry in sink.time_entries),
        feedback=tuple(sink.feedback),
        document_contents=dict(sink.document_contents),
    )


def _submitted(entry: TimeEntry, today: date) -> TimeEntry:
    """Time worked three or more months ago was submitted early in the month after; the last two
    months' and this month's are still open, so the demo volunteer can correct and submit them."""
    open_from = today.replace(day=1)
    for _ in range(2):
        open_from = (open_from - timedelta(days=1)).replace(day=1)
    if entry.worked_on >= open_from:
        return entry
    following = (entry.worked_on.replace(day=28) + timedelta(days=4)).replace(day=3)
    return dataclasses.replace(entry, submitted_on=following)


def _add_open_referrals(ids: IdentitySource, sink: RecordSink, today: date) -> None:
    """A referral rejected as unsuitable (the retention job destroys it) and one just received."""
    rejected = Referral(
        id=ids.new_id(),
        source=ReferralSource.HARLOW_COUNCIL,
        received_on=today - timedelta(days=5),
        agency_reference=f"HAR/{today.year % 100:02d}/{ids.rng.randint(1, 99999):05d}",
        consent_at_referral=ConsentAtReferral.DECLINED,
    ).reject()
    received = Referral(
        id=ids.new_id(),
        source=ReferralSource.VICTIM_SUPPORT,
        received_on=today - timedelta(days=1),
        agency_reference=f"VIC/{today.year % 100:02d}/{ids.rng.randint(1, 99999):05d}",
    )
    sink.referrals.extend((rejected, received))
