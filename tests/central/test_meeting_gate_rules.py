"""Issue 14, point 5: the store runs the domain's meeting gates on every pushed contact, over
every party file of the case as the store holds it - so a laptop that skipped them, or cannot
see the other side's risk assessment, is refused."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

from erms_desktop.domain import Contact, RiskAssessment
from erms_desktop.domain.enums import ContactKind, ContactMode, RiskKind, RiskOutcome
from tests.central.mutations import outcomes
from tests.central.world import CaseIds, World, create_of

TODAY = datetime.now(UTC).date()
NO_RISK = (
    "a meeting or conference needs a completed secondary risk assessment for each party present"
)


def _conference(case: CaseIds, **changes: object) -> Contact:
    contact = Contact(
        id=str(uuid.uuid4()),
        case_id=case.case,
        kind=ContactKind.CONFERENCE,
        mode=ContactMode.VISIT,
        held_on=TODAY,
        duration_minutes=90,
        attendee_ids=(case.victim, case.offender),
    )
    return dataclasses.replace(contact, **changes)


def _secondary(case: CaseIds, file_id: str, assessor: str) -> RiskAssessment:
    return RiskAssessment(
        id=str(uuid.uuid4()),
        case_id=case.case,
        party_file_id=file_id,
        kind=RiskKind.SECONDARY,
        assessor_id=assessor,
        completed_on=TODAY - timedelta(days=3),
        outcome=RiskOutcome.PROCEED,
    )


def test_a_conference_without_each_partys_secondary_assessment_is_refused(world: World) -> None:
    a = world.cases["a"]
    victim_only = _secondary(a, a.victim_file, world.users["alice"])
    assert outcomes(world.push("alice", create_of(victim_only))) == [("applied", None)]
    [(status, reason)] = outcomes(world.push("alice", create_of(_conference(a))))
    assert (status, reason) == ("rejected", NO_RISK)
    offender = _secondary(a, a.offender_file, world.users["alice"])
    assert outcomes(world.push("alice", create_of(offender), create_of(_conference(a)))) == [
        ("applied", None),
        ("applied", None),
    ]


def test_the_store_judges_with_the_side_a_volunteer_cannot_see(world: World) -> None:
    """Bob holds only the victim file: the offender's missing assessment still refuses his
    meeting, and the refusal names nothing from the offender's file."""
    a = world.cases["a"]
    assert (
        outcomes(world.push("sam", create_of(_secondary(a, a.victim_file, world.users["sam"]))))[0][
            0
        ]
        == "applied"
    )
    [(status, reason)] = outcomes(world.push("bob", create_of(_conference(a))))
    assert (status, reason) == ("rejected", NO_RISK)


def test_a_phone_or_video_meeting_records_its_precautions(world: World) -> None:
    a = world.cases["a"]
    risks = [_secondary(a, f, world.users["sam"]) for f in (a.victim_file, a.offender_file)]
    assert outcomes(world.push("sam", *map(create_of, risks)))[0][0] == "applied"
    bare = _conference(a, mode=ContactMode.VIDEO)
    [(status, reason)] = outcomes(world.push("alice", create_of(bare)))
    assert status == "rejected"
    assert reason is not None
    assert "reminded not to record" in reason
    careful = dataclasses.replace(
        bare, reminded_not_to_record=True, private_location_confirmed=True
    )
    assert outcomes(world.push("alice", create_of(careful))) == [("applied", None)]
