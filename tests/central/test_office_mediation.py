"""Issue 18, points 1 and 5, through the office API: a mediation referral (case type first, a
dispute type instead of an offence, referred by a council's community safety team) opens a
case with a file for each party and nobody in it a victim or an offender; the intake refuses a
mix of the two types; the monthly report counts mediation apart from restorative justice."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from erms_desktop.central import casework
from erms_desktop.central.models import Record
from erms_desktop.domain import Case
from erms_desktop.domain.enums import CaseType, DisputeType, WorkflowStage
from erms_desktop.protocol.office_reports import MonthlyReport
from tests.central.office import accept, assess, files_of, intake, office, take_in
from tests.central.test_cli import run_sqlite  # noqa: F401 - the command-line fixture
from tests.central.world import World

HOUSEHOLDS = [
    {"side": "party_a", "given_names": "Rosalind", "family_name": "Featherby"},
    {"side": "party_b", "given_names": "Augustin", "family_name": "Pellowe"},
    {"side": "party_c", "given_names": "Marguerite", "family_name": "Oyelaran"},
]


def mediation(**changes: Any) -> dict[str, Any]:
    form = intake(
        case_type="mediation",
        dispute_type="noise",
        source="council_community_safety_team",
        people=HOUSEHOLDS,
    )
    for name in ("offence_type", "offence_summary", "offence_date", "flags"):
        form.pop(name)
    return {**form, **changes}


def test_a_mediation_referral_opens_a_file_for_each_party(world: World) -> None:
    described = mediation(dispute_summary="Music late at night through shared walls")
    answer = office(world, "POST", "/referrals", json=described)
    assert answer.status_code == 201, answer.text
    referral_id = answer.json()["referral_id"]
    assert (answer.json()["case_type"], answer.json()["dispute_type"]) == ("mediation", "noise")
    listed = office(world, "GET", "/referrals").json()
    assert next(r for r in listed if r["referral_id"] == referral_id)["case_type"] == "mediation"
    view = office(world, "GET", f"/referrals/{referral_id}").json()
    assert view["source_label"] == "A council's community safety team"
    assert view["intake"]["case_type"] == "mediation"
    assert view["intake"]["dispute_type"] == "noise"
    refused = office(
        world,
        "POST",
        f"/referrals/{referral_id}/accept",
        json={"service_reference": "MED-1", "justice_stage": "pre_sentence"},
    )
    assert refused.status_code == 422
    assert "no criminal justice stage" in refused.text
    opened = accept(world, referral_id, service_reference="MED-1", justice_stage=None)
    files = files_of(opened)
    assert set(files) == {"party_a", "party_b", "party_c"}
    with world.store.unit() as s:
        case = s.get(Record, opened["case_id"])
        assert case is not None
        assert case.fields["case_type"] == "mediation"
        assert case.fields["dispute_type"] == "noise"
        assert case.fields["dispute_summary"] == "Music late at night through shared walls"
        assert case.fields["offence"] is None
        assert case.fields["justice_stage"] is None
        for side, file_id in files.items():
            person = next(
                f
                for f in opened["files"]
                if f["party_file_id"] == file_id  # one person referred per household
            )
            [participant_id] = person["participant_ids"]
            record = s.get(Record, participant_id)
            assert record is not None
            assert record.fields["role"] == "party"
            given = next(h["given_names"] for h in HOUSEHOLDS if h["side"] == side)
            assert record.fields["given_names"] == given
    for file_id in files.values():
        assert assess(world, file_id).status_code == 201
    allocated = office(
        world,
        "POST",
        f"/cases/{opened['case_id']}/allocations",
        json={"user_ids": [world.users["alice"]]},
    )
    assert allocated.status_code in (200, 201, 204), allocated.text
    with world.store.unit() as s:
        record = s.get(Record, opened["case_id"])
        assert record is not None
        assert record.fields["stage"] == "referral"  # mediation has no allocation stage
    cases = {c["case_id"]: c for c in office(world, "GET", "/cases").json()}
    assert cases[opened["case_id"]]["case_type"] == "mediation"
    assert {c["case_type"] for c in cases.values()} == {"mediation", "restorative_justice"}


@pytest.mark.parametrize(
    "changes",
    [
        {"dispute_type": None},
        {"offence_type": "criminal_damage", "offence_summary": "A fence"},
        {"flags": ["hate_crime"]},
        {"people": [{"side": "victim", "given_names": "Imelda"}]},
        {"case_type": "restorative_justice"},  # with parties and a dispute type
        {"dispute_type": "fireworks"},
        {"people": HOUSEHOLDS[:1]},  # one party: nothing to mediate
        {"people": [HOUSEHOLDS[0], {**HOUSEHOLDS[0], "given_names": "Ivo"}]},  # one household
    ],
)
def test_a_referral_mixing_the_two_types_is_refused(world: World, changes: dict) -> None:  # type: ignore[type-arg]
    before = len(office(world, "GET", "/referrals").json())
    answer = office(world, "POST", "/referrals", json=mediation(**changes))
    assert answer.status_code in (400, 422), answer.text
    assert len(office(world, "GET", "/referrals").json()) == before


def test_a_restorative_justice_referral_is_taken_in_as_before(world: World) -> None:
    opened = accept(world, take_in(world))
    assert set(files_of(opened)) == {"victim", "offender"}
    answer = office(world, "POST", "/referrals", json=intake(dispute_type="noise"))
    assert answer.status_code in (400, 422)
    answer = office(world, "POST", "/referrals", json=intake(dispute_summary="A hedge"))
    assert answer.status_code in (400, 422)


def _mediation_cases(world: World) -> None:
    """Five noise disputes at their joint meeting and six boundary disputes at individual visits,
    all received in February 2026 (the world's two restorative justice cases came in January)."""
    with world.store.unit() as s:
        for count, dispute, stage in (
            (5, DisputeType.NOISE, WorkflowStage.JOINT_MEETING),
            (6, DisputeType.BOUNDARIES, WorkflowStage.INDIVIDUAL_VISITS),
        ):
            for _ in range(count):
                case_id = str(uuid.uuid4())
                casework.save_entity(
                    s,
                    Case(
                        id=case_id,
                        service_reference=f"MED-{case_id[:6]}",
                        referral_id=None,
                        agency_reference="",
                        case_type=CaseType.MEDIATION,
                        dispute_type=dispute,
                        stage=stage,
                        received_on=date(2026, 2, 10),
                    ),
                )


def test_the_monthly_report_counts_mediation_apart(world: World) -> None:
    _mediation_cases(world)
    answer = office(world, "GET", "/reports/monthly/2026-02")
    assert answer.status_code == 200, answer.text
    tables = {t.measure: t for t in MonthlyReport.model_validate(answer.json()).tables}

    def row(measure: str, month: str = "2026-02") -> dict[str, str]:
        table = tables[measure]
        found = next(r for r in table.rows if r[0] == month)
        return dict(zip(table.columns, found, strict=True))

    assert row("cases_by_type") == {
        "month": "2026-02",
        "restorative_justice": "0",
        "mediation": "11",
        "total": "11",
    }
    assert row("cases_by_type", "2026-01")["restorative_justice"] == "<5"
    assert row("mediation_cases_by_dispute_type")["noise"] == "5"
    assert row("mediation_cases_by_dispute_type")["boundaries"] == "6"
    by_stage = row("open_mediation_cases_by_stage")
    assert (by_stage["individual_visits"], by_stage["joint_meeting"]) == ("6", "5")
    assert by_stage["total"] == "11"
    assert "joint_meeting" not in tables["open_cases_by_stage"].columns
    assert "individual_visits" not in tables["open_cases_by_stage"].columns
    assert row("open_cases_by_stage")["total"] == "2"  # the world's two RJ cases, no mediation


def test_the_office_command_line_takes_a_mediation_referral_in(run_sqlite) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    run = run_sqlite
    assert run("create-user", "stan", "--role", "staff", stdin="a long password 2\n")[0] == 0
    code, out, err = run(
        *("create-referral", "--case-type", "mediation", "--dispute-type", "boundaries"),
        *("--source", "Housing association", "--received-on", "02/03/2026"),
        *("--summary", "Where the fence between two gardens should stand"),
        *("--person", "party_a:Rosalind Featherby", "--person", "party_b:Augustin Pellowe"),
        *("--lawful-basis", "public_task", "--as", "stan"),
    )
    assert code == 0, err
    referral_id = out.strip()
    code, out, err = run(
        *("accept-referral", referral_id, "--service-reference", "MED-9", "--as", "stan")
    )
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["party_a", "party_b"]
    code, _, err = run(
        *("create-referral", "--case-type", "mediation", "--source", "Housing association"),
        *("--received-on", "02/03/2026", "--person", "victim:Imelda Ravensworth"),
        *("--dispute-type", "noise", "--lawful-basis", "public_task", "--as", "stan"),
    )
    assert code != 0
    assert "each person referred is on a party" in err
