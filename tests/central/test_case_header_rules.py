"""Finding 1: the case header moves only as the workflow table allows, with honest dates, and a
volunteer closes only their own case, for a facilitator's reason, within the offline lease (for
a refused consent form only with the refusal on the store) - so a laptop can no longer have
retention destroy a live case by backdating its closure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from erms_desktop.central.retention import run_retention
from erms_desktop.domain.enums import ConsentDecision, ConsentScope
from tests.central.mutations import consent_of, outcomes, stored_record, update_of
from tests.central.world import World, create_of

TODAY = datetime.now(UTC).date()


def _header(world: World, **fields: object) -> dict[str, object]:
    case = stored_record(world, world.cases["a"].case)
    assert case is not None
    return update_of(case.id, "case", case.version, **fields)


def _closure(reason: str, on: str) -> dict[str, object]:
    return {"stage": "closure", "closure_reason": reason, "closed_on": on}


_reopened = {"stage": "assessment", "closure_reason": None, "closed_on": None}


def test_a_backdated_closure_by_a_volunteer_is_refused_and_retention_keeps_the_case(
    world: World,
) -> None:
    attack = _header(
        world,
        received_on="2015-01-05",
        allocated_on="2015-02-01",
        **_closure("completed", "2016-01-01"),
    )
    [(status, reason)] = outcomes(world.push("alice", attack))
    assert status == "rejected"
    assert reason
    with world.store.unit() as s:
        run_retention(s, world.store.settings)
    case = stored_record(world, world.cases["a"].case)
    assert case is not None
    assert not case.deleted
    assert case.fields["stage"] == "allocation"
    note = stored_record(world, world.cases["a"].victim_note)
    assert note is not None
    assert not note.deleted


def test_dates_are_neither_in_the_future_nor_before_the_referral_even_for_staff(
    world: World,
) -> None:
    before_referral = _header(
        world,
        received_on="2015-01-05",
        allocated_on="2015-02-01",
        **_closure("completed", "2016-01-01"),
    )
    future = _header(world, **_closure("completed", (TODAY + timedelta(days=9)).isoformat()))
    results = outcomes(world.push("sam", before_referral, future))
    assert results[0] == ("rejected", "the case's received_on is before its referral was received")
    assert results[1] == ("rejected", "the case's closed_on is in the future")


def test_stage_moves_follow_the_workflow_table(world: World) -> None:
    assert outcomes(world.push("alice", _header(world, stage="delivery")))[0][0] == "rejected"
    assert outcomes(world.push("alice", _header(world, stage="first_contact"))) == [
        ("applied", None)
    ]
    closed = _header(world, **_closure("completed", TODAY.isoformat()))
    assert outcomes(world.push("sam", closed)) == [("applied", None)]
    [(status, reason)] = outcomes(world.push("sam", _header(world, **_reopened)))
    assert (status, reason) == ("rejected", "a case cannot move from closure to assessment")


def test_a_volunteer_leaves_office_fields_and_office_closures_alone(world: World) -> None:
    attempts = [
        _header(world, received_on="2026-01-06"),
        _header(world, allocated_on=TODAY.isoformat(), facilitator_ids=[]),
        _header(world, **_closure("safeguarding_concern", TODAY.isoformat())),
        _header(world, **_closure("consent_refused", TODAY.isoformat())),
    ]
    for attempt in attempts:
        [(status, reason)] = outcomes(world.push("alice", attempt))
        assert status == "rejected", attempt
        assert reason
    case = stored_record(world, world.cases["a"].case)
    assert case is not None
    assert case.version == 2
    assert outcomes(world.push("sam", attempts[2])) == [("applied", None)]


def test_a_volunteer_closes_a_case_when_the_consent_form_is_refused(world: World) -> None:
    """The app's record_form_refusal: the refusal and the closed case, pushed together."""
    a = world.cases["a"]
    refusal = consent_of(
        a,
        scope=ConsentScope.CONFIDENTIALITY_FORM,
        decision=ConsentDecision.REFUSED,
        recorded_on=TODAY,
        detail="",
    )
    closed = _header(world, **_closure("consent_refused", TODAY.isoformat()))
    assert outcomes(world.push("alice", create_of(refusal), closed)) == [
        ("applied", None),
        ("applied", None),
    ]
    [(status, _)] = outcomes(world.push("alice", _header(world, next_action="Reopen it")))
    assert status == "rejected"


def test_a_volunteer_closes_their_case_for_a_facilitators_reason(world: World) -> None:
    """Completed, withdrawn, not suitable, no contact: the volunteer's decision (dated within
    the offline lease, see the backdating test); a safeguarding closure stays the office's."""
    [(status, reason)] = outcomes(
        world.push("alice", _header(world, **_closure("safeguarding_concern", TODAY.isoformat())))
    )
    assert (status, reason) == ("rejected", "only the office closes a case for that reason")
    closed = _header(world, **_closure("unable_to_make_contact", TODAY.isoformat()))
    assert outcomes(world.push("alice", closed)) == [("applied", None)]
    case = stored_record(world, world.cases["a"].case)
    assert case is not None
    assert case.fields["closure_reason"] == "unable_to_make_contact"
