"""The office API's referrals: intake, listing, reading, rejecting and accepting, audited with
the staff member, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from erms_desktop.central.models import (
    AuditEntry,
    EqualityMonitoring,
    Record,
    ReferralDetail,
    RejectionCount,
)
from tests.central.office import accept, files_of, intake, office, take_in
from tests.central.world import World


def _audited(world: World, action: str) -> list[AuditEntry]:
    with world.store.unit() as s:
        found = select(AuditEntry).where(AuditEntry.action == action)
        return list(s.scalars(found.order_by(AuditEntry.position)))


def test_a_referral_taken_in_is_listed_and_read_with_each_step_audited(world: World) -> None:
    referral_id = take_in(world)
    listed = office(world, "GET", "/referrals").json()
    mine = next(r for r in listed if r["referral_id"] == referral_id)
    assert mine["source_label"] == "Essex Police"
    assert mine["people"] == 2
    assert mine["policy_rule"] is None
    view = office(world, "GET", f"/referrals/{referral_id}").json()
    assert view["intake"]["people"][1]["is_child"] is True
    assert view["intake"]["lawful_basis"] == "public_task"
    assert "equality" not in view["intake"] or view["intake"]["equality"] is None
    sam = world.users["sam"]
    for action in ("create_referral", "list_referrals", "read_referral"):
        assert [e.user_id for e in _audited(world, action)][-1] == sam
    with world.store.unit() as s:
        detail = s.get(ReferralDetail, referral_id)
        assert detail is not None
        assert "equality" not in detail.details  # kept apart from the referral's content
        answers = s.get(EqualityMonitoring, referral_id)
        assert answers is not None
        assert answers.age_band == "under_18"


def test_rejecting_destroys_the_referral_and_leaves_only_an_anonymous_count(world: World) -> None:
    referral_id = take_in(world)
    answer = office(
        world, "POST", f"/referrals/{referral_id}/reject", json={"reason": "out_of_area"}
    )
    assert answer.status_code == 204, answer.text
    assert office(world, "GET", f"/referrals/{referral_id}").status_code == 404
    assert referral_id not in office(world, "GET", "/referrals").text
    with world.store.unit() as s:
        record = s.get(Record, referral_id)
        assert record is not None
        assert record.deleted
        assert record.fields == {}
        assert s.get(ReferralDetail, referral_id) is None
        assert s.get(EqualityMonitoring, referral_id) is None
        counts = list(s.scalars(select(RejectionCount)))
        assert [(c.reason, c.count) for c in counts] == [("out_of_area", 1)]
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "reject_referral")).one()
        assert entry.target == f"referral {referral_id} (out_of_area)"
    again = office(world, "POST", f"/referrals/{referral_id}/reject", json={"reason": "other"})
    assert again.status_code == 404


def test_accepting_opens_a_case_with_each_person_in_their_side_s_file(world: World) -> None:
    opened = accept(world, take_in(world))
    files = files_of(opened)
    assert set(files) == {"victim", "offender"}
    with world.store.unit() as s:
        case = s.get(Record, opened["case_id"])
        assert case is not None
        assert case.fields["offence"]["flags"] == ["hate_crime"]
        people = {
            r.party_file_id: r.fields
            for r in s.scalars(select(Record).where(Record.kind == "participant"))
            if r.case_id == opened["case_id"]
        }
    assert people[files["victim"]]["family_name"] == "Ravensworth"
    assert people[files["offender"]]["is_child"] is True
    listed = office(world, "GET", "/referrals").json()
    assert (
        next(r for r in listed if r["referral_id"] == case.fields["referral_id"])["status"]
        == "accepted"
    )


@pytest.mark.parametrize("flag", ["knife_crime", "sexual_harm"])
def test_knife_crime_and_sexual_harm_need_the_policy_rule_acknowledged(
    world: World, flag: str
) -> None:
    referral_id = take_in(world, flags=[flag])
    summary = office(world, "GET", f"/referrals/{referral_id}").json()
    assert "criminal proceedings" in summary["policy_rule"]
    cases_before = len(office(world, "GET", "/cases").json())
    body = {"service_reference": "RJ-5", "justice_stage": "pre_sentence"}
    refused = office(world, "POST", f"/referrals/{referral_id}/accept", json=body)
    assert refused.status_code == 422
    assert "policy rule" in refused.json()["error"]["message"]
    assert len(office(world, "GET", "/cases").json()) == cases_before
    assert accept(world, referral_id, policy_acknowledged=True)["case_id"]


@pytest.mark.parametrize(
    "changes",
    [
        {"source": "the moon"},
        {"people": []},
        {"people": [{"side": "victim"}]},
        {"lawful_basis": "legitimate_interests"},
        {"received_on": "03/04/2026"},
        {"offence_summary": "Broken\x00window"},
        {"received_on": "2999-01-01"},
        {"offence_date": "2026-05-01"},
        {"people": [{"side": "victim", "given_names": "Ann\x1bBell"}]},
    ],
)
def test_bad_intake_is_refused_and_changes_nothing(world: World, changes: dict) -> None:  # type: ignore[type-arg]
    before = len(office(world, "GET", "/referrals").json())
    answer = office(world, "POST", "/referrals", json=intake(**changes))
    assert answer.status_code in (400, 422), answer.text
    assert len(office(world, "GET", "/referrals").json()) == before


def test_equality_answers_and_intake_details_never_reach_a_laptop(world: World) -> None:
    opened = accept(world, take_in(world, equality={"gender": "Synthetic-Gender-Answer"}))
    for who in ("sam", "alice"):
        changes, _ = world.pull_all(who)
        text = str(changes)
        assert "Synthetic-Gender-Answer" not in text
        assert "public_task" not in text  # the lawful basis stays with the office's details
    assert opened["case_id"] in str(world.pull_all("sam")[0])
