"""Issue 14, point 6 on the store: feedback is given by a participant of its own file, its
comments are checked for separation like a note, and an identified case study names written
permission that is a document of the same file."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

from erms_desktop.domain import Feedback
from erms_desktop.domain.enums import CaseStudyUse, Satisfaction
from tests.central.mutations import outcomes
from tests.central.world import CaseIds, World, create_of


def _feedback(case: CaseIds, **changes: object) -> Feedback:
    feedback = Feedback(
        id=str(uuid.uuid4()),
        case_id=case.case,
        party_file_id=case.victim_file,
        participant_id=case.victim,
        recorded_on=datetime.now(UTC).date(),
        satisfaction=Satisfaction.SATISFIED,
        would_recommend=True,
        comments="It helped me to stop worrying.",
    )
    return dataclasses.replace(feedback, **changes)


def test_feedback_is_checked_on_the_store(world: World) -> None:
    a = world.cases["a"]
    attempts = [
        _feedback(a, participant_id=a.offender),
        _feedback(a, comments="Meeting Desmond Okonkwo was hard."),  # the other side's name
        _feedback(
            a, case_study=CaseStudyUse.IDENTIFIED, written_permission_document_id=a.offender_note
        ),
        _feedback(a, case_study=CaseStudyUse.ANONYMOUS),
    ]
    results = outcomes(world.push("alice", *map(create_of, attempts)))
    assert results[0] == ("rejected", "feedback is given by a participant of its own party file")
    assert results[1][0] == "rejected"
    assert (results[1][1] or "").startswith("separation:")
    assert results[2] == (
        "rejected",
        "the written permission is a document of the same party file",
    )
    assert results[3] == ("applied", None)
