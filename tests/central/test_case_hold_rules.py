"""A case put on hold says why and when it is reviewed, on the store as in the app (the domain's
``check_header_change``); the reason is case-level text and names nobody."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.central.mutations import outcomes, stored_record, update_of
from tests.central.world import World

REVIEW = (datetime.now(UTC).date() + timedelta(days=14)).isoformat()


def _hold(world: World, **fields: object) -> dict[str, object]:
    case = stored_record(world, world.cases["a"].case)
    assert case is not None
    return update_of(case.id, "case", case.version, on_hold=True, **fields)


def test_a_hold_without_a_reason_or_review_date_is_refused(world: World) -> None:
    for fields in ({}, {"hold_reason": "Awaiting sentence"}, {"hold_review_on": REVIEW}):
        [(status, reason)] = outcomes(world.push("alice", _hold(world, **fields)))
        assert status == "rejected", fields
        assert reason is not None
    case = stored_record(world, world.cases["a"].case)
    assert case is not None
    assert case.fields["on_hold"] is False


def test_a_hold_reason_naming_a_party_is_refused_and_a_clean_one_applied(world: World) -> None:
    naming = _hold(world, hold_reason="Until Desmond Okonkwo is sentenced", hold_review_on=REVIEW)
    [(status, reason)] = outcomes(world.push("alice", naming))
    assert status == "rejected"
    assert reason is not None
    assert reason.startswith("separation:")
    clean = _hold(world, hold_reason="Awaiting sentence", hold_review_on=REVIEW)
    assert outcomes(world.push("alice", clean)) == [("applied", None)]
