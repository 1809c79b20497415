"""The synthetic demo dataset: deterministic, valid by the domain's own rules, complete enough to
demonstrate every stage, and never naming one side in the other side's notes."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import date

import pytest

from erms_desktop.demo.account import DEMO_MANAGER_USERNAME
from erms_desktop.demo.data import (
    DEMO_CO_FACILITATOR_ID,
    DEMO_MANAGER_ID,
    DEMO_STAFF_ID,
    DEMO_VOLUNTEER_ID,
    DemoDataset,
    generate_demo_data,
)
from erms_desktop.demo.text import DRAFT_NOTE, EXCHANGE_CONTENT, STAGE_NOTES
from erms_desktop.demo.vocabulary import ALIASES, FAMILY_NAMES, GIVEN_NAMES, TOWNS
from erms_desktop.domain import Participant
from erms_desktop.domain.enums import (
    CaseType,
    ClosureReason,
    ConsentDecision,
    Custody,
    DisputeType,
    ParticipantRole,
    ReferralSource,
    ReferralStatus,
    Side,
    UserRole,
)
from erms_desktop.domain.enums import WorkflowStage as S
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.integrity import find_problems
from erms_desktop.domain.records import RECORD_KINDS, from_fields, kind_of, to_fields
from erms_desktop.domain.separation import SeparationChecker, has_blocking
from erms_desktop.domain.workflow import ALLOWED_TRANSITIONS

DATASET = generate_demo_data()
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}\b")


def _wire(dataset: DemoDataset) -> list[tuple[str, dict[str, object]]]:
    return [(kind_of(e), to_fields(e)) for e in dataset.entities()]  # type: ignore[misc]


def test_the_same_seed_gives_the_same_dataset() -> None:
    again = generate_demo_data()
    assert again == DATASET
    assert _wire(again) == _wire(DATASET)


def test_different_seeds_give_different_datasets() -> None:
    other = generate_demo_data(seed=99)
    assert {e.id for e in other.entities()}.isdisjoint(e.id for e in DATASET.entities())
    names = {p.display_name for p in DATASET.participants}
    assert names != {p.display_name for p in other.participants}


def test_generation_leaves_no_global_state() -> None:
    import random

    random.seed(1)
    expected = random.random()
    random.seed(1)
    generate_demo_data(seed=5)
    assert random.random() == expected  # the module-level generator was not used


def test_every_record_is_valid_and_round_trips_through_the_codec() -> None:
    for entity in DATASET.entities():
        kind = kind_of(entity)
        wire = json.loads(json.dumps(to_fields(entity)))
        assert from_fields(kind, wire) == entity  # rebuilding re-runs every check
    assert find_problems(DATASET.entities()) == []


def test_every_kind_is_present_and_ids_are_unique_uuid4() -> None:
    counts = Counter(kind_of(e) for e in DATASET.entities())
    assert set(counts) == set(RECORD_KINDS)
    ids = [e.id for e in DATASET.entities()]
    assert len(ids) == len(set(ids))
    assert all(uuid.UUID(i).version == 4 for i in ids)


def test_entities_come_in_dependency_order() -> None:
    seen: set[str] = set()
    for entity in DATASET.entities():
        for name in ("case_id", "party_file_id", "amends_note_id", "consent_id", "referral_id"):
            ref = getattr(entity, name, None)
            if ref is not None and kind_of(entity) != "referral":
                assert ref in seen, (kind_of(entity), name)
        seen.add(entity.id)
    order = [kind_of(e) for e in DATASET.entities()]
    assert order.index("referral") < order.index("case") < order.index("party_file")
    assert order.index("party_file") < order.index("participant") < order.index("note")


RJ_CASES = [c for c in DATASET.cases if c.case_type is CaseType.RESTORATIVE_JUSTICE]
MEDIATION_CASES = [c for c in DATASET.cases if c.case_type is CaseType.MEDIATION]


def test_cases_cover_every_stage_and_the_notable_endings() -> None:
    stages = {case.stage for case in RJ_CASES}
    assert stages == set(ALLOWED_TRANSITIONS)
    assert {case.stage for case in MEDIATION_CASES} == {S.JOINT_MEETING, S.OUTCOME_AGREEMENT}
    reasons = {case.closure_reason for case in DATASET.cases}
    assert {ClosureReason.COMPLETED, ClosureReason.CONSENT_REFUSED} <= reasons
    assert any(case.on_hold for case in DATASET.cases)
    statuses = Counter(r.status for r in DATASET.referrals)
    assert statuses[ReferralStatus.REJECTED] == 1
    assert statuses[ReferralStatus.ACCEPTED] == len(DATASET.cases)


def test_both_party_files_of_every_case_have_people() -> None:
    for case in RJ_CASES:
        files = [f for f in DATASET.party_files if f.case_id == case.id]
        assert {f.side for f in files} == {Side.VICTIM, Side.OFFENDER}
        for party_file in files:
            people = [p for p in DATASET.participants if p.party_file_id == party_file.id]
            main = (
                ParticipantRole.VICTIM
                if party_file.side is Side.VICTIM
                else ParticipantRole.OFFENDER
            )
            assert any(p.role is main for p in people)
    children = [p for p in DATASET.participants if p.is_child]
    assert children
    for child in children:
        adults = [p for p in DATASET.participants if p.party_file_id == child.party_file_id]
        assert any(p.role is ParticipantRole.PARENT_OR_APPROPRIATE_ADULT for p in adults)
    assert any(p.role is ParticipantRole.SUPPORTER for p in DATASET.participants)
    assert any(
        len([f for f in DATASET.party_files if f.case_id == c.id]) == 3 for c in DATASET.cases
    )


def test_the_records_show_drafts_amendments_consent_risk_and_custody() -> None:
    assert any(not n.is_final for n in DATASET.notes)
    assert any(n.amends_note_id for n in DATASET.notes)
    assert any(c.withdrawn_on for c in DATASET.consents)
    assert any(c.decision is ConsentDecision.REFUSED for c in DATASET.consents)
    assert {e.custody for e in DATASET.exchanges} >= {
        Custody.HELD,
        Custody.DELIVERED,
        Custody.DESTROYED,
    }
    assert any(r.outcome is None for r in DATASET.risk_assessments)
    assert any(i.completed_on is None for i in DATASET.outcome_items)
    assert any(c.is_joint for c in DATASET.contacts)
    assert any(t.miles > 0 for t in DATASET.time_entries)
    for document in DATASET.documents:
        content = DATASET.document_contents[document.sha256]
        assert hashlib.sha256(content).hexdigest() == document.sha256
        assert len(content) == document.size_bytes


def _identifiers(person: Participant) -> Iterable[str]:
    """What the separation engine looks for, in the forms notes might carry them."""
    yield from (person.given_names, person.family_name, person.preferred_name, *person.aliases)
    yield from person.emails
    yield from person.references
    for phone in person.phones:
        yield phone
        yield phone.replace(" ", "")
    for address in person.addresses:
        yield address.split(",")[0]
        yield from POSTCODE.findall(address)
    if person.date_of_birth:
        dob = person.date_of_birth
        yield from (dob.isoformat(), dob.strftime("%d/%m/%Y"), f"{dob.day} {dob:%B %Y}")


def _mentions(text: str, identifier: str) -> bool:
    if not identifier.strip():
        return False
    pattern = r"(?<![\w])" + re.escape(identifier.casefold()) + r"(?![\w])"
    return re.search(pattern, text.casefold()) is not None


def test_notes_mention_only_people_of_their_own_file() -> None:
    files = {f.id: f for f in DATASET.party_files}
    checked = 0
    for note in DATASET.notes:
        own_file = files[note.party_file_id]
        own = [p for p in DATASET.participants if p.party_file_id == own_file.id]
        others = [
            p
            for p in DATASET.participants
            if files[p.party_file_id].case_id == note.case_id
            and files[p.party_file_id].side is not own_file.side
        ]
        assert others
        for person in others:
            for identifier in _identifiers(person):
                assert not _mentions(note.body, identifier), (note.body, identifier)
        assert any(_mentions(note.body, p.given_names) or _mentions(note.body, p.preferred_name)
                   for p in own)  # fmt: skip
        checked += 1
    assert checked == len(DATASET.notes) > 50


def test_exchanged_content_names_nobody() -> None:
    for exchange in DATASET.exchanges:
        for person in DATASET.participants:
            for identifier in _identifiers(person):
                assert not _mentions(exchange.content, identifier)


def test_no_demo_name_is_also_a_word_in_the_note_text() -> None:
    """So a note can never mention someone by accident ("May", "Will", "Hope", ...)."""
    templates = [DRAFT_NOTE, *EXCHANGE_CONTENT.values()]
    templates += [text for by_stage in STAGE_NOTES.values() for text in by_stage.values()]
    words = {w.casefold() for t in templates for w in re.findall(r"[A-Za-z]+", t)}
    names = {n.casefold() for n in (*GIVEN_NAMES, *FAMILY_NAMES, *ALIASES)}
    assert not words & names


def test_contact_details_are_the_reserved_fictional_ones() -> None:
    towns = [town for town, _ in TOWNS]
    for person in DATASET.participants:
        for phone in person.phones:
            assert re.fullmatch(r"07700 900\d{3}|01632 960\d{3}", phone), phone
        for email in person.emails:
            assert email.endswith(("@example.org", "@example.com")), email
        for address in person.addresses:
            assert any(f", {town}, " in address for town in towns), address
            assert POSTCODE.search(address), address
    phones = [phone for person in DATASET.participants for phone in person.phones]
    assert len(phones) == len(set(phones))


def test_users_and_allocations() -> None:
    assert {u.id for u in DATASET.users} == {
        DEMO_VOLUNTEER_ID,
        DEMO_CO_FACILITATOR_ID,
        DEMO_STAFF_ID,
        DEMO_MANAGER_ID,
    }
    assert {u.role for u in DATASET.users} == {UserRole.VOLUNTEER, UserRole.STAFF, UserRole.ADMIN}
    [manager] = [u for u in DATASET.users if u.role is UserRole.ADMIN]  # the service manager
    assert manager.username == DEMO_MANAGER_USERNAME
    for case in DATASET.cases:
        allocated = {a.user_id for a in DATASET.allocations if a.case_id == case.id}
        assert allocated == set(case.facilitator_ids)
        assert not {DEMO_STAFF_ID, DEMO_MANAGER_ID} & allocated
    mine = DATASET.cases_of(DEMO_VOLUNTEER_ID)
    assert 0 < len(mine) < len(DATASET.cases)  # the volunteer does not see every case
    assert len(DATASET.cases_of(DEMO_CO_FACILITATOR_ID)) > len(mine)
    assert generate_demo_data(seed=3).users == DATASET.users  # stable across seeds


def test_dates_never_run_past_today() -> None:
    today = date(2026, 3, 2)
    for note in DATASET.notes:
        assert note.created_at.date() <= today
    for contact in DATASET.contacts:
        assert contact.held_on <= today
    for case in DATASET.cases:
        assert case.received_on is not None
        assert case.received_on <= today


@pytest.mark.parametrize("count", [1, 50])
def test_the_size_scales_for_benchmarks(count: int) -> None:
    dataset = generate_demo_data(seed=count, case_count=count)
    assert len(dataset.cases) == count + len(MEDIATION_CASES)  # the two mediation cases besides
    assert find_problems(dataset.entities()) == []


@pytest.mark.parametrize("count", [0, -1, 10_000])
def test_an_impossible_size_is_refused(count: int) -> None:
    with pytest.raises(InvalidValueError):
        generate_demo_data(case_count=count)


def test_the_separation_checker_passes_every_demo_note() -> None:
    """The real checker, run as the editor runs it: no finding from the other side, while the
    same note checked against its own file's people is caught (so the check has teeth)."""
    files = {f.id: f for f in DATASET.party_files}
    for note in DATASET.notes:
        own_file = files[note.party_file_id]
        in_case = [
            p for p in DATASET.participants if files[p.party_file_id].case_id == note.case_id
        ]
        others = [p for p in in_case if files[p.party_file_id].side is not own_file.side]
        own = [p for p in in_case if p.party_file_id == own_file.id]
        assert SeparationChecker(others).check(note.body) == []
        assert has_blocking(SeparationChecker(own).check(note.body))


def test_the_demo_uses_every_casework_feature() -> None:
    """Participants with full details, cases on hold, overdue items and a closed case whose
    participants gave feedback: what a new volunteer should meet in the demo."""
    from erms_desktop.demo.caseload import demo_caseload
    from erms_desktop.domain.enums import RiskKind

    people = DATASET.participants
    assert any(p.safe_contact and p.vulnerability_notes and p.access_needs for p in people)
    assert all(p.present_adult for p in people if p.is_child)
    assert any(case.on_hold and case.hold_review_on for case in DATASET.cases)
    closed = {c.id for c in DATASET.cases if c.closure_reason is ClosureReason.COMPLETED}
    assert closed & {f.case_id for f in DATASET.feedback}
    assert any(r.kind is RiskKind.SECONDARY and r.review_on for r in DATASET.risk_assessments)
    submitted = [t for t in DATASET.time_entries if t.submitted_on]
    assert submitted  # earlier months are submitted, the last two and this one still open
    assert all(t.submitted_on <= date(2026, 3, 2) for t in submitted if t.submitted_on)
    assert any(t.worked_on >= date(2026, 1, 1) and not t.submitted_on for t in DATASET.time_entries)
    alerts = Counter(a for row in demo_caseload().cases for a in row.alerts)
    assert alerts["next action overdue"] >= 3
    assert alerts["risk review due"] >= 1
    assert alerts["on-hold review overdue"] >= 1
    assert sum(alerts.values()) < len(demo_caseload().cases) / 3  # a few, not every case


def test_the_two_mediation_cases_label_nobody_victim_or_offender() -> None:
    """Issue 18, point 6: a two-party boundary dispute and a three-household noise dispute, each
    household a party file of its own; nobody is a victim or an offender; the joint meeting names
    nobody; the agreement is signed by every party; the exchange cites its source's consent."""
    by_dispute = {case.dispute_type: case for case in MEDIATION_CASES}
    assert set(by_dispute) == {DisputeType.BOUNDARIES, DisputeType.NOISE}
    for dispute, households in ((DisputeType.BOUNDARIES, 2), (DisputeType.NOISE, 3)):
        case = by_dispute[dispute]
        assert case.offence is None
        assert case.justice_stage is None
        files = [f for f in DATASET.party_files if f.case_id == case.id]
        assert [f.side for f in files] == list(Side.parties()[:households])
        people = [p for p in DATASET.participants if p.party_file_id in {f.id for f in files}]
        assert {p.role for p in people} == {ParticipantRole.PARTY}
        meetings = [c for c in DATASET.contacts if c.case_id == case.id and c.is_joint]
        assert meetings
        assert SeparationChecker(people).check(meetings[0].summary) == []
        exchange = next(e for e in DATASET.exchanges if e.case_id == case.id)
        consent = next(c for c in DATASET.consents if c.id == exchange.consent_id)
        assert consent.party_file_id == exchange.from_party_file_id
    agreement = [
        o for o in DATASET.outcome_items if o.case_id == by_dispute[DisputeType.BOUNDARIES].id
    ]
    assert agreement
    signers = {f.id for f in DATASET.party_files if f.case_id == agreement[0].case_id}
    assert all(set(item.signed_by_party_file_ids) == signers for item in agreement)
    sources = {r.source for r in DATASET.referrals if r.case_id in {c.id for c in MEDIATION_CASES}}
    assert sources == {ReferralSource.HOUSING_ASSOCIATION, ReferralSource.COMMUNITY_SAFETY_TEAM}
