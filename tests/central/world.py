"""A small synthetic world for store tests: users, enrolled devices, signed-in sessions, and two
cases with both party files, participants, notes and case-level records."""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from erms_desktop.central import admin, auth, casework
from erms_desktop.central.api.deps import Database
from erms_desktop.domain import Contact, Note, Participant
from erms_desktop.domain.enums import ContactKind, ContactMode, ParticipantRole, Side
from erms_desktop.domain.records import Entity, kind_of, to_fields
from erms_desktop.protocol.messages import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    SCHEMA_VERSION,
    EnrolRequest,
    SignInRequest,
)

PASSWORD = "correct horse battery"
VERSIONS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA_VERSION)}


@dataclass
class CaseIds:
    referral: str
    case: str
    victim_file: str
    offender_file: str
    victim: str
    offender: str
    victim_note: str
    offender_note: str
    joint_contact: str


@dataclass
class Device:
    user_id: str
    device_id: str
    secret: str
    token: str
    next_seq: int = 1

    @property
    def headers(self) -> dict[str, str]:
        return {**VERSIONS, "Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    client: TestClient
    users: dict[str, str] = field(default_factory=dict)  # name -> user id
    devices: dict[str, Device] = field(default_factory=dict)
    cases: dict[str, CaseIds] = field(default_factory=dict)
    template: Path | None = None  # the SQLite file this world was built into, to copy

    def copy_onto(self, client: TestClient) -> World:
        """The same world for a client on a copy of the built database (fresh device counters)."""
        return World(client, dict(self.users), copy.deepcopy(self.devices), dict(self.cases))

    @property
    def store(self) -> Database:
        store: Database = self.client.app.state.store  # type: ignore[attr-defined]
        return store

    @classmethod
    def build(cls, client: TestClient) -> World:
        """Everything in one transaction through the service layer (the HTTP enrolment and
        sign-in paths have their own tests), which keeps each test's set-up short."""
        world = cls(client)
        settings = world.store.settings
        with world.store.unit() as s:
            for name, role in (
                ("alice", "volunteer"),
                ("bob", "volunteer"),
                ("carol", "volunteer"),
                ("sam", "staff"),
            ):
                world.users[name] = admin.create_user(s, settings, name, role, PASSWORD).id
            a = world.cases["a"] = world._add_case(
                s, "RJ-A", ("Harriet", "Quennell"), ("Desmond", "Okonkwo")
            )
            b = world.cases["b"] = world._add_case(
                s, "RJ-B", ("Philippa", "Marchbanks"), ("Tobias", "Wrenfield")
            )
            for name, case_id, file_id in (
                ("alice", a.case, None),
                ("bob", a.case, a.victim_file),
                ("carol", b.case, None),
            ):
                spec = casework.AllocationSpec(world.users[name], case_id, file_id)
                casework.allocate(s, spec)
            for name in world.users:
                code = admin.create_enrolment_code(s, settings, name, f"LAP-{name}")
                request = EnrolRequest(
                    code=code, username=name, password=PASSWORD, device_name="laptop"
                )
                enrolled = auth.enrol(s, request, settings, "test set-up")
                signed = auth.sign_in(
                    s,
                    SignInRequest(
                        device_id=enrolled.device_id,
                        device_secret=enrolled.device_secret,
                        username=name,
                        password=PASSWORD,
                    ),
                    settings,
                    "test set-up",
                )
                world.devices[name] = Device(
                    world.users[name], enrolled.device_id, enrolled.device_secret, signed.token
                )
        return world

    def add_user(self, name: str, role: str) -> None:
        with self.store.unit() as s:
            self.users[name] = admin.create_user(s, self.store.settings, name, role, PASSWORD).id

    def enrol(self, name: str, asset_tag: str | None = None) -> Device:
        return self.enrol_with(name, PASSWORD, asset_tag)

    def enrol_with(self, name: str, password: str, asset_tag: str | None = None) -> Device:
        with self.store.unit() as s:
            code = admin.create_enrolment_code(
                s, self.store.settings, name, asset_tag or f"LAP-{name}"
            )
        body = {"code": code, "username": name, "password": password, "device_name": "laptop"}
        enrolled = self.client.post("/v1/enrol", json=body, headers=VERSIONS)
        assert enrolled.status_code == 200, enrolled.text
        device_id, secret = enrolled.json()["device_id"], enrolled.json()["device_secret"]
        token = self.sign_in(name, device_id, secret, password)
        return Device(self.users[name], device_id, secret, token)

    def staff_laptop(self, name: str, password: str = PASSWORD) -> Device:
        """A staff member's laptop as enrolled before office sign-in existed (the service layer,
        as ``build`` does: the HTTP enrolment route now refuses staff accounts)."""
        with self.store.unit() as s:
            code = admin.create_enrolment_code(s, self.store.settings, name, f"LAP-{name}")
            request = EnrolRequest(code=code, username=name, password=password, device_name="x")
            enrolled = auth.enrol(s, request, self.store.settings, "test set-up")
        token = self.sign_in(name, enrolled.device_id, enrolled.device_secret, password)
        return Device(self.users[name], enrolled.device_id, enrolled.device_secret, token)

    def sign_in_office(self, name: str, password: str = PASSWORD) -> Device:
        """An office session for staff member ``name`` (office sign-in: no laptop)."""
        body = {"username": name, "password": password}
        answer = self.client.post("/v1/office/sign-in", json=body, headers=VERSIONS)
        assert answer.status_code == 200, answer.text
        return Device(self.users[name], "", "", answer.json()["token"])

    def sign_in_answer(self, name: str, **changes: str) -> httpx.Response:
        """Sign in with ``name``'s world laptop; ``changes`` replace parts of the request."""
        device = self.devices[name]
        body = {
            "device_id": device.device_id,
            "device_secret": device.secret,
            "username": name,
            "password": PASSWORD,
            **changes,
        }
        return self.client.post("/v1/sign-in", json=body, headers=VERSIONS)

    def sign_in(self, name: str, device_id: str, secret: str, password: str = PASSWORD) -> str:
        body = {
            "device_id": device_id,
            "device_secret": secret,
            "username": name,
            "password": password,
        }
        answer = self.client.post("/v1/sign-in", json=body, headers=VERSIONS)
        assert answer.status_code == 200, answer.text
        token: str = answer.json()["token"]
        return token

    def _add_case(
        self,
        s: Session,
        reference: str,
        victim_name: tuple[str, str],
        offender_name: tuple[str, str],
    ) -> CaseIds:
        referral = casework.create_referral(s, "essex_police", date(2026, 1, 5), "AG-1")
        case = casework.create_case_from_referral(
            s,
            referral.id,
            service_reference=reference,
            offence_type="burglary",
            offence_summary="Break-in at a garden shed",
            justice_stage="post_sentence",
        )
        files = {f.side: f.id for f in casework.party_files(s, case.id)}
        victim = Participant(
            id=str(uuid.uuid4()),
            party_file_id=files[Side.VICTIM],
            role=ParticipantRole.VICTIM,
            given_names=victim_name[0],
            family_name=victim_name[1],
            phones=("07700 900123",),
        )
        offender = Participant(
            id=str(uuid.uuid4()),
            party_file_id=files[Side.OFFENDER],
            role=ParticipantRole.OFFENDER,
            given_names=offender_name[0],
            family_name=offender_name[1],
        )
        notes = [
            Note(
                id=str(uuid.uuid4()),
                case_id=case.id,
                party_file_id=files[side],
                author_id=str(uuid.uuid4()),
                body="Phoned to arrange a first visit.",
                created_at=datetime(2026, 2, 1, 10, tzinfo=UTC),
            )
            for side in (Side.VICTIM, Side.OFFENDER)
        ]
        contact = Contact(
            id=str(uuid.uuid4()),
            case_id=case.id,
            kind=ContactKind.CONFERENCE,
            mode=ContactMode.VISIT,
            held_on=date(2026, 3, 1),
            duration_minutes=90,
        )
        for entity in (victim, offender, *notes, contact):
            casework.save_entity(s, entity)
        return CaseIds(
            referral.id,
            case.id,
            files[Side.VICTIM],
            files[Side.OFFENDER],
            victim.id,
            offender.id,
            notes[0].id,
            notes[1].id,
            contact.id,
        )

    def push(self, name: str, *mutations: dict[str, Any]) -> Any:
        """Push mutations numbered from the device's next seq; returns the response."""
        device = self.devices[name]
        numbered = []
        for m in mutations:
            numbered.append({"device_seq": device.next_seq, **m})
            device.next_seq += 1
        # ASCII JSON, as a laptop sends it: a lone surrogate travels as its \u escape.
        return self.client.post(
            "/v1/sync/push",
            content=json.dumps({"mutations": numbered}),
            headers={**device.headers, "Content-Type": "application/json"},
        )

    def pull_all(self, name: str, cursor: int = 0) -> tuple[list[dict[str, Any]], int]:
        changes: list[dict[str, Any]] = []
        while True:
            page = self.client.get(
                "/v1/sync/pull",
                params={"cursor": cursor, "limit": 50},
                headers=self.devices[name].headers,
            )
            assert page.status_code == 200, page.text
            body = page.json()
            changes.extend(body["changes"])
            cursor = body["cursor"]
            if not body["more"]:
                return changes, cursor


def new_note(case: CaseIds, file_id: str, body: str, author: str) -> dict[str, Any]:
    """A note-create mutation; ``author`` is the pushing user's id (the store insists)."""
    note = Note(
        id=str(uuid.uuid4()),
        case_id=case.case,
        party_file_id=file_id,
        author_id=author,
        body=body,
        created_at=datetime(2026, 4, 1, 9, tzinfo=UTC),
    )
    return create_of(note)


def create_of(entity: Entity) -> dict[str, Any]:
    """The create mutation (without its device_seq) that pushes a new entity."""
    return {
        "kind": kind_of(entity),
        "record_id": entity.id,
        "op": "create",
        "base_version": 0,
        "fields": to_fields(entity),
    }


def drop_audit_guards(world: World) -> None:
    """What an intruder with full database rights could do first: switch off the audit log's
    append-only triggers."""
    with world.store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
