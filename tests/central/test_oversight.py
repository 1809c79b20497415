"""Oversight on the store, on SQLite and PostgreSQL: the filtered case list, the read-only case
view (each party file apart, every read audited with the staff member, never the content), and
supervision notes (office-only: never pulled by a laptop, out of every volunteer's reach)."""

from __future__ import annotations

import dataclasses
import io
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from erms_desktop.central import casework, retention
from erms_desktop.central.cli import main
from erms_desktop.central.models import AuditEntry, SupervisionNote, User
from erms_desktop.domain import Case, ConsentRecord, Contact, RiskAssessment
from erms_desktop.domain.enums import (
    ClosureReason,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    RiskKind,
    RiskOutcome,
    WorkflowStage,
)
from tests.central.office import accept, office, take_in
from tests.central.world import World

TODAY = datetime.now(UTC).date()
NOTE = "Facilitator to revisit boundaries before the conference"


def _change_case(world: World, case_id: str, **changes: Any) -> None:
    with world.store.unit() as s:
        case = casework.load_entity(s, "case", case_id, Case)
        casework.save_entity(s, dataclasses.replace(case, **changes))


def _save(world: World, *entities: Any) -> None:
    with world.store.unit() as s:
        for entity in entities:
            casework.save_entity(s, entity)


def _arrange(world: World) -> str:
    """A: in assessment, next action overdue, only the victim consenting, last contact months
    ago. B: on hold, a risk review due, contact today. C: a new case nobody holds."""
    a, b = world.cases["a"], world.cases["b"]
    _change_case(
        world,
        a.case,
        stage=WorkflowStage.ASSESSMENT,
        next_action="Phone the victim",
        next_action_due=TODAY - timedelta(days=2),
    )
    _change_case(world, b.case, on_hold=True, hold_reason="Awaiting sentence", hold_review_on=TODAY)
    consent = ConsentRecord(
        id=str(uuid.uuid4()),
        case_id=a.case,
        party_file_id=a.victim_file,
        participant_id=a.victim,
        scope=ConsentScope.TAKE_PART,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.VERBAL,
        recorded_on=date(2026, 3, 2),
    )
    review = RiskAssessment(
        id=str(uuid.uuid4()),
        case_id=b.case,
        party_file_id=b.victim_file,
        kind=RiskKind.SECONDARY,
        assessor_id=world.users["carol"],
        outcome=RiskOutcome.PROCEED,
        completed_on=date(2026, 4, 1),
        review_on=TODAY - timedelta(days=1),
    )
    visit = Contact(
        id=str(uuid.uuid4()),
        case_id=b.case,
        party_file_id=b.victim_file,
        kind=ContactKind.FOLLOW_UP,
        mode=ContactMode.PHONE,
        held_on=TODAY,
        duration_minutes=20,
    )
    _save(world, consent, review, visit)
    opened = accept(world, take_in(world), service_reference="RJ-C")
    case_id: str = opened["case_id"]
    return case_id


def _listed(world: World, who: str = "sam", **params: Any) -> set[str]:
    answer = office(world, "GET", "/oversight/cases", who, params=params)
    assert answer.status_code == 200, answer.text
    return {c["service_reference"] for c in answer.json()}


def test_every_filter_picks_the_cases_that_need_it(world: World) -> None:
    _arrange(world)
    assert _listed(world) == {"RJ-A", "RJ-B", "RJ-C"}
    assert _listed(world, stage="assessment") == {"RJ-A"}
    assert _listed(world, on_hold="true") == {"RJ-B"}
    assert _listed(world, on_hold="false") == {"RJ-A", "RJ-C"}
    assert _listed(world, unallocated="true") == {"RJ-C"}
    assert _listed(world, overdue="true") == {"RJ-A"}
    assert _listed(world, risk_review_due="true") == {"RJ-B"}
    assert _listed(world, consent_missing="true") == {"RJ-A"}
    assert _listed(world, no_contact_days=30) == {"RJ-A", "RJ-C"}
    assert _listed(world, stage="assessment", on_hold="true") == set()
    rows = {c["service_reference"]: c for c in office(world, "GET", "/oversight/cases").json()}
    assert rows["RJ-A"]["overdue"] == ["next action"]
    assert rows["RJ-A"]["consent_missing"] == 1  # the offender; the victim consented
    assert rows["RJ-B"]["days_without_contact"] == 0
    assert rows["RJ-C"]["unallocated_files"] == 2
    assert "Quennell" not in json.dumps(rows)


@pytest.mark.parametrize(
    "params", [{"no_contact_days": 0}, {"stage": "nonsense"}, {"on_hold": "perhaps"}]
)
def test_bad_filters_are_refused_plainly(world: World, params: dict[str, Any]) -> None:
    answer = office(world, "GET", "/oversight/cases", params=params)
    assert answer.status_code == 422
    assert answer.json()["error"]["message"]


def test_the_case_view_keeps_each_file_apart_and_its_read_is_audited(world: World) -> None:
    a = world.cases["a"]
    answer = office(world, "GET", f"/oversight/cases/{a.case}")
    assert answer.status_code == 200, answer.text
    content = answer.json()
    assert content["case"]["record_id"] == a.case
    victim, offender = content["files"]
    assert (victim["side"], offender["side"]) == ("victim", "offender")
    assert victim["party_file_id"] == a.victim_file
    assert "Quennell" in json.dumps(victim)
    assert "Okonkwo" not in json.dumps(victim)
    assert "Okonkwo" in json.dumps(offender)
    assert "Quennell" not in json.dumps(offender)
    assert {r["record_id"] for r in victim["records"]} >= {a.victim, a.victim_note}
    assert {r["record_id"] for r in offender["records"]} >= {a.offender, a.offender_note}
    assert [r["record_id"] for r in content["case_level"]] == [a.joint_contact]
    with world.store.unit() as s:
        read = s.execute(
            select(AuditEntry, User.username)
            .join(User, User.id == AuditEntry.user_id)
            .where(AuditEntry.action == "read_case")
        ).all()
    assert [(entry.case_ids, name) for entry, name in read] == [(a.case, "sam")]
    entry = read[0][0]
    assert all(secret not in entry.target for secret in ("Quennell", "Okonkwo", "Phoned"))
    missing = office(world, "GET", f"/oversight/cases/{uuid.uuid4()}")
    assert missing.status_code == 404


def test_supervision_notes_stay_in_the_office(world: World) -> None:
    a = world.cases["a"]
    route = f"/oversight/cases/{a.case}/supervision-notes"
    _, alice_cursor = world.pull_all("alice")
    added = office(world, "POST", route, json={"body": NOTE})
    assert added.status_code == 201, added.text
    note_id = added.json()["note_id"]
    listed = office(world, "GET", route).json()
    assert [(n["body"], n["author"]) for n in listed] == [(NOTE, "sam")]
    for who in ("alice", "bob"):
        pulled, _ = world.pull_all(who)
        later, _ = world.pull_all(who, alice_cursor if who == "alice" else 0)
        assert NOTE not in json.dumps([*pulled, *later])
        assert note_id not in json.dumps(pulled)
        assert office(world, "GET", route, who).status_code == 403
        assert office(world, "POST", route, who, json={"body": "x"}).status_code == 403
    with world.store.unit() as s:
        entries = s.scalars(
            select(AuditEntry).where(
                AuditEntry.action.in_(("add_supervision_note", "read_supervision_notes"))
            )
        ).all()
    assert {(e.action, e.user_id, e.case_ids) for e in entries} == {
        ("add_supervision_note", world.users["sam"], a.case),
        ("read_supervision_notes", world.users["sam"], a.case),
    }
    assert all(NOTE not in e.target for e in entries)
    assert office(world, "POST", route, json={"body": "   "}).status_code == 422
    unknown = f"/oversight/cases/{uuid.uuid4()}/supervision-notes"
    assert office(world, "POST", unknown, json={"body": NOTE}).status_code == 404


def test_destroying_a_case_destroys_its_supervision_notes(world: World) -> None:
    a = world.cases["a"]
    route = f"/oversight/cases/{a.case}/supervision-notes"
    assert office(world, "POST", route, json={"body": NOTE}).status_code == 201
    with world.store.unit() as s:
        case = casework.load_entity(s, "case", a.case, Case)
        casework.save_entity(s, case.close(ClosureReason.COMPLETED, TODAY))
    with world.store.unit() as s:
        later = datetime.now(UTC) + timedelta(days=6 * 366 + 1)
        assert retention.run_retention(s, world.store.settings, now=later).cases_destroyed == 1
    with world.store.unit() as s:
        assert s.scalars(select(SupervisionNote)).all() == []


def test_the_command_line_lists_with_human_filters(
    world: World, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _arrange(world)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = ["oversight", "--db", db_url, "--as", "sam", "--stage", "Assessment", "--overdue"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "RJ-A" in out
    assert "RJ-B" not in out
    assert "next action overdue" in out
    assert main(["oversight", "--db", db_url, "--as", "sam", "--no-contact-days", "30"]) == 0
    out = capsys.readouterr().out
    assert "RJ-A" in out
    assert "RJ-C" in out
    assert "RJ-B" not in out
    assert main(["oversight", "--db", db_url, "--as", "sam", "--stage", "limbo"]) == 1
    assert "first contact" in capsys.readouterr().err
    assert main(["oversight", "--db", db_url, "--as", "sam", "--on-hold", "maybe"]) == 1
    assert "yes or no" in capsys.readouterr().err
    assert main(["oversight", "--db", db_url]) == 1  # must name the staff member


def test_an_office_session_without_a_laptop_reads_and_writes_supervision(world: World) -> None:
    a = world.cases["a"]
    world.devices["sam-office"] = world.sign_in_office("sam")
    route = f"/oversight/cases/{a.case}"
    assert office(world, "GET", route, "sam-office").status_code == 200
    added = office(world, "POST", f"{route}/supervision-notes", "sam-office", json={"body": NOTE})
    assert added.status_code == 201
    with world.store.unit() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(("read_case", "add_supervision_note")))
        ).all()
    assert {(e.action, e.user_id, e.device_id) for e in entries} == {
        ("read_case", world.users["sam"], None),
        ("add_supervision_note", world.users["sam"], None),
    }
