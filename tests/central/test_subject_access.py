"""Subject access from the office API and the command line: a person found by name, other
name, date of birth or reference across every case (with the count of destroyed referrals,
which hold nothing); the bundle of everything held about a victim carries no identifier of the
offender; each answer is recorded with its date and who answered; erasure tombstones the
person's records, which the next pull carries to laptops. Administrators only, on SQLite and
PostgreSQL."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from erms_desktop.central import casework
from erms_desktop.central.models import AuditEntry, Record, RejectionCount
from erms_desktop.domain import Note, Participant
from erms_desktop.domain.case import Case
from tests.central.test_cli import run  # noqa: F401 - the command-line fixture
from tests.central.test_report_pdf import pdf_text
from tests.central.world import Device, World

OFFENDER_IDENTIFIERS = (
    "Desmond",
    "Okonkwo",
    "Dez",
    "07700 900456",
    "12 Larkspur Road",
    "14/02/1990",
)


@pytest.fixture
def dpo(world: World) -> Device:
    world.add_user("dora", "admin")
    return world.sign_in_office("dora")


@pytest.fixture
def case_a(world: World) -> World:
    """Case A's offender with other names and identifiers, and victim-side text that names him
    (as an imported paper record might): what the redaction must catch."""
    a = world.cases["a"]
    with world.store.unit() as s:
        offender = casework.load_entity(s, "participant", a.offender, Participant)
        casework.save_entity(
            s,
            dataclasses.replace(
                offender,
                aliases=("Dez",),
                phones=("07700 900456",),
                addresses=("12 Larkspur Road, Colchester",),
                date_of_birth=date(1990, 2, 14),
                references=("PNC-77/123",),
            ),
        )
        victim = casework.load_entity(s, "participant", a.victim, Participant)
        casework.save_entity(s, dataclasses.replace(victim, aliases=("Hattie",)))
        case = casework.load_entity(s, "case", a.case, Case)
        offence = dataclasses.replace(case.offence, summary="Desmond Okonkwo broke into the shed")
        casework.save_entity(s, dataclasses.replace(case, offence=offence))
        casework.save_entity(
            s,
            Note(
                id=str(uuid.uuid4()),
                case_id=a.case,
                party_file_id=a.victim_file,
                author_id=world.users["sam"],
                body="Harriet said Dez (Desmond Okonkwo, born 14/02/1990) lives at 12 Larkspur "
                "Road and rang her from 07700 900456; his reference is PNC-77/123.",
                created_at=datetime(2026, 2, 2, 10, tzinfo=UTC),
            ),
        )
        s.add(RejectionCount(month="2026-01", reason="out_of_area", count=3))
    return world


def _search(world: World, dpo: Device, **query: object) -> dict:  # type: ignore[type-arg]
    answer = world.client.post("/v1/office/subject-access/search", json=query, headers=dpo.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_find_a_person_by_name_other_name_birth_date_or_reference(
    case_a: World, dpo: Device
) -> None:
    world, a = case_a, case_a.cases["a"]
    found = _search(world, dpo, name="harriet QUENNELL")
    assert [m["participant_id"] for m in found["matches"]] == [a.victim]
    assert found["matches"][0]["side"] == "victim"
    assert found["destroyed_referrals"] == 3
    assert [m["participant_id"] for m in _search(world, dpo, name="Hattie")["matches"]] == [
        a.victim
    ]
    born = _search(world, dpo, date_of_birth="1990-02-14")
    assert [m["participant_id"] for m in born["matches"]] == [a.offender]
    assert [
        m["participant_id"] for m in _search(world, dpo, reference="pnc-77/123")["matches"]
    ] == [a.offender]
    both = _search(world, dpo, reference="RJ-A")
    assert {m["participant_id"] for m in both["matches"]} == {a.victim, a.offender}
    assert _search(world, dpo, name="Nobody Atall")["matches"] == []
    empty = world.client.post("/v1/office/subject-access/search", json={}, headers=dpo.headers)
    assert empty.status_code == 422
    with world.store.unit() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "subject_access_search")
        ).all()
    assert len(actions) == 6


def test_a_victims_bundle_holds_no_identifier_of_the_offender(case_a: World, dpo: Device) -> None:
    world, a = case_a, case_a.cases["a"]
    answer = world.client.post(
        "/v1/office/subject-access/bundle",
        json={"participant_id": a.victim, "received_on": "2026-11-02"},
        headers=dpo.headers,
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.content)
    flat = " ".join(text.split())
    assert "Harriet" in flat
    assert "Phoned to arrange a first visit." in flat  # her own file's notes
    assert "[the other party]" in flat
    for identifier in (*OFFENDER_IDENTIFIERS, "PNC-77/123", a.offender, a.offender_file):
        assert identifier not in flat, identifier
    assert "Request received: 02/11/2026" in flat
    assert "by dora" in flat
    requests = world.client.get("/v1/office/subject-access/requests", headers=dpo.headers)
    assert requests.json()[0]["participant_id"] == a.victim
    assert requests.json()[0]["received_on"] == "2026-11-02"
    assert requests.json()[0]["answered_by"] == "dora"


def test_erasure_tombstones_the_persons_records_and_pulls_carry_it(
    case_a: World, dpo: Device
) -> None:
    world, a = case_a, case_a.cases["a"]
    _, cursor = world.pull_all("alice")
    erased = world.client.post(
        "/v1/office/subject-access/erase",
        json={"participant_id": a.victim, "ground": "consent_withdrawn"},
        headers=dpo.headers,
    )
    assert erased.status_code == 200, erased.text
    assert erased.json()["records_tombstoned"] >= 3  # the person and the file's two notes
    changes, _ = world.pull_all("alice", cursor)
    gone = {c["id"] for c in changes if c["type"] == "record" and c["deleted"]}
    assert {a.victim, a.victim_note} <= gone
    assert a.offender not in gone
    with world.store.unit() as s:
        offender_file = s.scalars(
            select(Record).where(Record.party_file_id == a.offender_file, Record.deleted.is_(False))
        ).all()
    assert len(offender_file) >= 3  # the other party's file is untouched
    again = world.client.post(
        "/v1/office/subject-access/erase",
        json={"participant_id": a.victim, "ground": "consent_withdrawn"},
        headers=dpo.headers,
    )
    assert again.status_code == 404


def test_subject_access_is_for_administrators_only(case_a: World) -> None:
    for name in ("sam", "alice"):
        headers = case_a.devices[name].headers
        for path, body in (
            ("/v1/office/subject-access/search", {"name": "Harriet"}),
            (
                "/v1/office/subject-access/erase",
                {"participant_id": str(uuid.uuid4()), "ground": "consent_withdrawn"},
            ),
        ):
            assert case_a.client.post(path, json=body, headers=headers).status_code == 403


def test_command_line_subject_access_and_erasure(  # type: ignore[no-untyped-def]
    case_a: World,
    dpo: Device,
    run,  # noqa: F811
    tmp_path: Path,
) -> None:
    a = case_a.cases["a"]
    code, out, err = run("subject-access", "--name", "Harriet Quennell", "--as", "sam")
    assert code == 1
    assert "administrator" in err
    code, out, err = run("subject-access", "--name", "Harriet Quennell", "--as", "dora")
    assert code == 0, err
    assert a.victim in out
    assert "3 rejected referrals were destroyed" in out
    target = tmp_path / "bundle.pdf"
    code, out, err = run(
        "subject-access",
        "--export",
        a.victim,
        "--received-on",
        "02/11/2026",
        "--pdf",
        str(target),
        "--as",
        "dora",
    )
    assert code == 0, err
    flat = " ".join(pdf_text(target.read_bytes()).split())
    assert not any(identifier in flat for identifier in OFFENDER_IDENTIFIERS)
    code, _, err = run("erase-person", a.victim, "--ground", "consent_withdrawn", "--as", "dora")
    assert code == 1
    assert "--confirm" in err
    code, out, err = run(
        "erase-person", a.victim, "--ground", "consent_withdrawn", "--confirm", "--as", "dora"
    )
    assert code == 0, err
    assert "tombstoned" in out
