"""Walk every route in the OpenAPI schema as every kind of caller against every kind of target,
and prove nothing leaks: no response to a caller carries an id, a name or attachment bytes from
outside their scope, no forbidden change happens, and only health, enrolment and sign-in
answer without a session.

The table of calls is checked against the schema, so a new route without calls fails here.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from erms_desktop.central import admin, casework
from erms_desktop.central.models import Device as DeviceRow
from erms_desktop.central.models import Record
from erms_desktop.domain import Document
from erms_desktop.protocol.office_people import LAPTOP_TERMS_VERSION
from tests.central.office import intake
from tests.central.world import VERSIONS, World

OPEN_ROUTES = {
    ("GET", "/v1/health"),
    ("POST", "/v1/enrol"),
    ("POST", "/v1/sign-in"),
    ("POST", "/v1/office/sign-in"),
}
SECRET_BYTES = b"Letter of apology, held in custody."
SECRET_SHA = hashlib.sha256(SECRET_BYTES).hexdigest()
Call = tuple[str, str, dict[str, Any]]
_FILE_ROUTE = "/v1/files/{party_file_id}/attachments/{sha256}"


def _record_ids(world: World) -> list[str]:
    with world.store.unit() as s:
        return list(s.scalars(select(Record.id)))


def _dpo_calls(
    world: World, records: list[str], case_ids: list[str]
) -> dict[tuple[str, str], list[Call]]:
    """The data protection officer's routes, aimed at every case, record, user and laptop."""
    laptops = [d.device_id for d in world.devices.values() if d.device_id]
    searches = [
        *({"kind": "case", "subject": c} for c in case_ids),
        *({"kind": "record", "subject": r} for r in records[:6]),
        *({"kind": "user", "subject": name} for name in world.users),
        *({"kind": "device", "subject": d} for d in laptops),
    ]
    people = [c.victim for c in world.cases.values()] + [str(uuid.uuid4())]
    return {
        ("POST", "/v1/office/audit/search"): [
            ("POST", "/v1/office/audit/search", {"json": body}) for body in searches
        ],
        ("POST", "/v1/office/audit/search/{fmt}"): [
            ("POST", f"/v1/office/audit/search/{fmt}", {"json": searches[0]})
            for fmt in ("pdf", "csv")
        ],
        ("GET", "/v1/office/audit/laptops/{device_id}"): [
            ("GET", f"/v1/office/audit/laptops/{d}", {}) for d in laptops
        ],
        ("GET", "/v1/office/audit/laptops/{device_id}/{fmt}"): [
            ("GET", f"/v1/office/audit/laptops/{laptops[0]}/{fmt}", {}) for fmt in ("pdf", "csv")
        ],
        ("POST", "/v1/office/subject-access/search"): [
            ("POST", "/v1/office/subject-access/search", {"json": {"name": name}})
            for name in ("Harriet Quennell", "Tobias Wrenfield")
        ],
        ("POST", "/v1/office/subject-access/bundle"): [
            (
                "POST",
                "/v1/office/subject-access/bundle",
                {"json": {"participant_id": p, "received_on": "2026-11-02"}},
            )
            for p in people
        ],
        ("GET", "/v1/office/subject-access/requests"): [
            ("GET", "/v1/office/subject-access/requests", {})
        ],
        ("POST", "/v1/office/subject-access/erase"): [
            (
                "POST",
                "/v1/office/subject-access/erase",
                {"json": {"participant_id": p, "ground": "consent_withdrawn"}},
            )
            for p in people
        ],
    }


def _calls(world: World, spare_device: str) -> dict[tuple[str, str], list[Call]]:
    """Every route with requests aimed at every kind of target."""
    records = [*_record_ids(world), str(uuid.uuid4())]
    case_ids = [c.case for c in world.cases.values()] + [str(uuid.uuid4())]
    versions = {"stale": 0}
    sign_in = {
        "device_id": world.devices["alice"].device_id,
        "device_secret": "wrong",
        "username": "alice",
        "password": "not the password",
    }
    deletes = [
        {"kind": "note", "record_id": r, "op": "delete", "base_version": versions["stale"]}
        for r in records
    ]
    files = [f for c in world.cases.values() for f in (c.victim_file, c.offender_file)]
    pairs = [
        {"party_file_id": file_id, "sha256": sha}
        for file_id in [*files, str(uuid.uuid4())]
        for sha in (SECRET_SHA, "f" * 64)
    ]
    addresses = [f"/v1/files/{p['party_file_id']}/attachments/{p['sha256']}" for p in pairs]
    return {
        ("GET", "/v1/health"): [("GET", "/v1/health", {})],
        ("POST", "/v1/enrol"): [
            (
                "POST",
                "/v1/enrol",
                {
                    "json": {
                        "code": "AAAA-BBBB-CCCC",
                        "username": "alice",
                        "password": "x" * 12,
                        "device_name": "x",
                    }
                },
            )
        ],
        ("POST", "/v1/sign-in"): [("POST", "/v1/sign-in", {"json": sign_in})],
        ("POST", "/v1/office/sign-in"): [
            (
                "POST",
                "/v1/office/sign-in",
                {"json": {"username": "alice", "password": "not the password"}},
            )
        ],
        ("POST", "/v1/office/sign-out"): [("POST", "/v1/office/sign-out", {})],
        ("POST", "/v1/password"): [
            (
                "POST",
                "/v1/password",
                {"json": {"current_password": "wrong password", "new_password": "n" * 20}},
            )
        ],
        ("GET", "/v1/sync/pull"): [("GET", "/v1/sync/pull", {"params": {"cursor": 0}})],
        ("POST", "/v1/sync/push"): [("POST", "/v1/sync/push", {"json": {"mutations": deletes}})],
        ("POST", "/v1/sync/held-removal"): [
            (
                "POST",
                "/v1/sync/held-removal",
                {"json": {"case_ids": case_ids[-1:], "would_remove": 3, "local_total": 4}},
            )
        ],
        ("GET", "/v1/sync/digest"): [("GET", "/v1/sync/digest", {})]
        + [("GET", "/v1/sync/digest", {"params": {"case_id": c}}) for c in case_ids],
        ("POST", _FILE_ROUTE): [
            (
                "POST",
                address,
                {"json": {"size": len(SECRET_BYTES), "media_type": "text/plain"}},
            )
            for address in addresses
        ],
        ("GET", _FILE_ROUTE): [("GET", address, {}) for address in addresses],
        ("PUT", f"{_FILE_ROUTE}/chunks"): [
            ("PUT", f"{address}/chunks", {"params": {"offset": 0}, "content": b"tampered"})
            for address in addresses
        ],
        ("GET", f"{_FILE_ROUTE}/content"): [
            ("GET", f"{address}/content", {}) for address in addresses
        ],
        # Each address alone, then all of them in one batch.
        ("POST", "/v1/attachments/batch"): [
            ("POST", "/v1/attachments/batch", {"json": {"attachments": batch}})
            for batch in [*([pair] for pair in pairs), pairs]
        ],
        ("GET", "/v1/cases"): [("GET", "/v1/cases", {})],
        ("GET", "/v1/records/{record_id}"): [("GET", f"/v1/records/{r}", {}) for r in records],
        ("GET", "/v1/office/devices"): [("GET", "/v1/office/devices", {})],
        ("POST", "/v1/office/devices/{device_id}/revoke"): [
            ("POST", f"/v1/office/devices/{d}/revoke", {}) for d in (spare_device, "nope")
        ],
        **_office_calls(world, records, case_ids, files),
        **_people_calls(world, spare_device),
    }


def _people_calls(world: World, spare_device: str) -> dict[tuple[str, str], list[Call]]:
    """People and laptops: every route aimed at real people and laptops and made-up ones."""
    users = [*world.users.values(), str(uuid.uuid4())]
    laptops = [spare_device, str(uuid.uuid4())]
    issue = {
        "asset_tag": "LAP-WALK",
        "user_id": world.users["alice"],
        "terms_version": LAPTOP_TERMS_VERSION,
        "terms_accepted": True,
    }
    person = "/v1/office/people/{user_id}"
    laptop = "/v1/office/laptops/{device_id}"
    return {
        ("POST", "/v1/office/people"): [
            ("POST", "/v1/office/people", {"json": {"username": "mallory", "role": role}})
            for role in ("volunteer", "staff")
        ],
        ("POST", f"{person}/reset-password"): [
            ("POST", f"/v1/office/people/{u}/reset-password", {}) for u in users
        ],
        ("POST", f"{person}/disable"): [
            ("POST", f"/v1/office/people/{u}/disable", {}) for u in users
        ],
        ("GET", f"{person}/time"): [("GET", f"/v1/office/people/{u}/time", {}) for u in users],
        ("POST", "/v1/office/laptops"): [("POST", "/v1/office/laptops", {"json": issue})],
        ("GET", "/v1/office/laptops"): [("GET", "/v1/office/laptops", {})],
        ("POST", f"{laptop}/revoke"): [
            ("POST", f"/v1/office/laptops/{d}/revoke", {}) for d in laptops
        ],
        ("GET", f"{laptop}/breach-summary"): [
            ("GET", f"/v1/office/laptops/{d}/breach-summary", {}) for d in laptops
        ],
    }


def _office_calls(
    world: World, records: list[str], case_ids: list[str], files: list[str]
) -> dict[tuple[str, str], list[Call]]:
    """The office API, each route aimed at real and made-up targets with well-formed bodies."""
    referrals = [c.referral for c in world.cases.values()] + records[-1:]
    users = [*world.users.values(), str(uuid.uuid4())]
    alice, carol = world.users["alice"], world.users["carol"]
    assessment = {"outcome": "proceed", "completed_on": "2026-04-10"}
    acceptance = {
        "service_reference": "RJ-X",
        "justice_stage": "pre_sentence",
        "policy_acknowledged": True,
    }
    change = {"from_user_id": alice, "to_user_id": carol, "reason": "workload"}
    leave = {"user_id": alice, "reason": "workload"}
    referral_route = "/v1/office/referrals/{referral_id}"
    case_route = "/v1/office/cases/{case_id}"
    return {
        ("POST", "/v1/office/referrals"): [("POST", "/v1/office/referrals", {"json": intake()})],
        ("GET", "/v1/office/referrals"): [("GET", "/v1/office/referrals", {})],
        ("GET", referral_route): [("GET", f"/v1/office/referrals/{r}", {}) for r in referrals],
        ("POST", f"{referral_route}/reject"): [
            ("POST", f"/v1/office/referrals/{r}/reject", {"json": {"reason": "other"}})
            for r in referrals
        ],
        ("POST", f"{referral_route}/accept"): [
            ("POST", f"/v1/office/referrals/{r}/accept", {"json": acceptance}) for r in referrals
        ],
        ("GET", "/v1/office/cases"): [("GET", "/v1/office/cases", {})],
        ("GET", "/v1/office/users"): [("GET", "/v1/office/users", {})],
        ("GET", "/v1/office/held-removals"): [("GET", "/v1/office/held-removals", {})],
        ("GET", "/v1/office/reports/monthly/{month}"): [
            ("GET", "/v1/office/reports/monthly/2026-03", {})
        ],
        ("GET", "/v1/office/reports/monthly/{month}/{fmt}"): [
            ("GET", f"/v1/office/reports/monthly/2026-03/{fmt}", {}) for fmt in ("pdf", "csv")
        ],
        **_dpo_calls(world, records, case_ids),
        ("GET", "/v1/office/retention/inactive-cases"): [
            ("GET", "/v1/office/retention/inactive-cases", {})
        ],
        ("POST", "/v1/office/files/{party_file_id}/initial-assessment"): [
            ("POST", f"/v1/office/files/{f}/initial-assessment", {"json": assessment})
            for f in files
        ],
        ("POST", f"{case_route}/allocations"): [
            ("POST", f"/v1/office/cases/{c}/allocations", {"json": {"user_ids": [carol]}})
            for c in case_ids
        ],
        ("POST", f"{case_route}/reallocate"): [
            ("POST", f"/v1/office/cases/{c}/reallocate", {"json": change}) for c in case_ids
        ],
        ("POST", f"{case_route}/deallocate"): [
            ("POST", f"/v1/office/cases/{c}/deallocate", {"json": leave}) for c in case_ids
        ],
        ("GET", "/v1/office/users/{user_id}/caseload"): [
            ("GET", f"/v1/office/users/{u}/caseload", {}) for u in users
        ],
        ("GET", f"{case_route}/files"): [
            ("GET", f"/v1/office/cases/{c}/files", {}) for c in case_ids
        ],
        **_oversight_calls(case_ids),
        **_checkin_calls(world, case_ids),
    }


def _oversight_calls(case_ids: list[str]) -> dict[tuple[str, str], list[Call]]:
    route = "/v1/office/oversight/cases"
    note = {"json": {"body": "Supervision: check the plan"}}
    return {
        ("GET", route): [("GET", route, {}), ("GET", route, {"params": {"overdue": "true"}})],
        ("GET", f"{route}/{{case_id}}"): [("GET", f"{route}/{c}", {}) for c in case_ids],
        ("GET", f"{route}/{{case_id}}/supervision-notes"): [
            ("GET", f"{route}/{c}/supervision-notes", {}) for c in case_ids
        ],
        ("POST", f"{route}/{{case_id}}/supervision-notes"): [
            ("POST", f"{route}/{c}/supervision-notes", note) for c in case_ids
        ],
    }


def _checkin_calls(world: World, case_ids: list[str]) -> dict[tuple[str, str], list[Call]]:
    """Checking a laptop in and its hand-overs (staff only), aimed at every laptop."""
    devices = [d.device_id for d in world.devices.values() if d.device_id] + [str(uuid.uuid4())]
    device = "/v1/office/checkin/devices/{device_id}"
    item = "/v1/office/checkin/handovers/{package_id}/items/{item_id}"
    package = str(uuid.uuid4())
    note = {"kind": "note", "record_id": package, "op": "delete", "base_version": 0}
    posts: dict[str, dict[str, Any]] = {
        "": {},
        "/device-session": {"json": {"device_secret": "not it"}},
        "/digest": {"json": {"handed_over": case_ids}},
        "/handover": {"json": {"package_id": package, "label": "x", "blob": "eA==", "items": []}},
        "/accounted": {"json": {"cases": [], "items_handed_over": 0}},
        "/complete": {"json": {"destruction_method": "crypto-shred"}},
    }
    calls: dict[tuple[str, str], list[Call]] = {
        ("POST", f"{device}{tail}"): [
            ("POST", f"/v1/office/checkin/devices/{d}{tail}", body) for d in devices
        ]
        for tail, body in posts.items()
    }
    for tail in ("/receipt", "/contents"):
        calls[("GET", f"{device}{tail}")] = [
            ("GET", f"/v1/office/checkin/devices/{d}{tail}", {}) for d in devices
        ]
    return {
        **calls,
        ("GET", "/v1/office/checkin/handovers"): [
            ("GET", "/v1/office/checkin/handovers", {"params": {"case_id": c}}) for c in case_ids
        ],
        ("GET", "/v1/office/checkin/handovers/{package_id}"): [
            ("GET", f"/v1/office/checkin/handovers/{package}", {})
        ],
        ("POST", f"{item}/apply"): [
            (
                "POST",
                f"/v1/office/checkin/handovers/{package}/items/draft:1/apply",
                {"json": {"mutation": {**note, "device_seq": 1}}},
            )
        ],
        ("POST", f"{item}/discard"): [
            ("POST", f"/v1/office/checkin/handovers/{package}/items/draft:1/discard", {})
        ],
    }


def _forbidden(world: World, who: str) -> set[str]:
    """Strings that must never appear in a response to ``who``."""
    a, b = world.cases["a"], world.cases["b"]
    a_all = {
        a.case,
        a.victim_file,
        a.offender_file,
        a.victim,
        a.offender,
        a.victim_note,
        a.offender_note,
        a.joint_contact,
        "Quennell",
        "Okonkwo",
        a.referral,
    }
    b_all = {
        b.case,
        b.victim_file,
        b.offender_file,
        b.victim,
        b.offender,
        b.victim_note,
        b.offender_note,
        b.joint_contact,
        "Marchbanks",
        "Wrenfield",
        b.referral,
    }
    others = {d.device_id for n, d in world.devices.items() if n != who and d.device_id}
    secret = SECRET_BYTES.decode()
    return {
        # The case header names its referral's id, but the referral record stays staff-only
        # (test_pull checks that volunteers never receive a referral).
        "alice": b_all | others,
        "bob": b_all | others | {a.offender_file, a.offender, a.offender_note, "Okonkwo", secret},
        "carol": a_all | others | {secret},
        "sam": set(),
        "anonymous": a_all
        | b_all
        | others
        | {world.devices[who].device_id if who in world.devices else "", secret} - {""},
    }[who]


def _setup_attachment(world: World) -> str:
    """Alice uploads a letter kept in case A's offender file (which Bob may not see)."""
    a = world.cases["a"]
    headers = world.devices["alice"].headers
    start = {"size": len(SECRET_BYTES), "media_type": "text/plain"}
    address = f"/v1/files/{a.offender_file}/attachments/{SECRET_SHA}"
    assert world.client.post(address, json=start, headers=headers).status_code == 200
    done = world.client.put(
        f"{address}/chunks",
        params={"offset": 0},
        content=SECRET_BYTES,
        headers=headers,
    )
    assert done.json()["complete"] is True
    document_id = str(uuid.uuid4())
    with world.store.unit() as s:
        casework.save_entity(
            s,
            Document(
                id=document_id,
                case_id=a.case,
                party_file_id=a.offender_file,
                filename="letter.txt",
                media_type="text/plain",
                sha256=SECRET_SHA,
                size_bytes=len(SECRET_BYTES),
                added_at=datetime(2026, 5, 1, tzinfo=UTC),
            ),
        )
    return document_id


def _snapshot(world: World) -> dict[str, tuple[int, bool]]:
    with world.store.unit() as s:
        return {r.id: (r.version, r.deleted) for r in s.scalars(select(Record))}


def test_every_route_as_every_caller_leaks_nothing(world: World) -> None:
    letter_id = _setup_attachment(world)
    spare = world.enrol("alice", "LAP-SPARE")
    world.add_user("ada", "admin")
    world.devices["ada"] = world.sign_in_office("ada")  # office sign-in: staff have no laptop
    calls = _calls(world, spare.device_id)
    schema_routes = {
        (method.upper(), path)
        for path, item in world.client.get("/openapi.json").json()["paths"].items()
        for method in item
    }
    assert set(calls) == schema_routes, "every route in the schema needs calls in the walk"
    before = _snapshot(world)
    headers_for: dict[str, Callable[[], dict[str, str]]] = {
        "anonymous": lambda: dict(VERSIONS),
        **{n: (lambda n=n: world.devices[n].headers) for n in ("alice", "bob", "carol")},
    }
    for who, headers in headers_for.items():
        forbidden = _forbidden(world, who) | ({letter_id} if who in ("bob", "carol") else set())
        for route, requests in calls.items():
            for method, url, kwargs in requests:
                answer = world.client.request(method, url, headers=headers(), **kwargs)
                assert answer.status_code < 500, (who, method, url, answer.text)
                if who == "anonymous" and route not in OPEN_ROUTES:
                    assert answer.status_code == 401, (method, url)
                office_route = route[1].startswith("/v1/office/") and route not in OPEN_ROUTES
                if who != "anonymous" and office_route:
                    assert answer.status_code == 403, (who, method, url)  # staff only
                leaked = [f for f in forbidden if f in answer.text]
                assert not leaked, (who, method, url, leaked)
                target = url.rsplit("/", 1)[1]
                if who != "anonymous" and "/v1/records/" in url and target in forbidden:
                    assert answer.status_code == 404
    assert _snapshot(world) == before, "no caller changed any record"
    with world.store.unit() as s:
        assert s.get(DeviceRow, spare.device_id).revoked_at is None  # type: ignore[union-attr]
    for staff in ("sam", "ada"):
        listed = world.client.get("/v1/office/devices", headers=world.devices[staff].headers)
        assert spare.device_id in listed.text
        record = world.client.get(
            f"/v1/records/{world.cases['b'].offender_note}", headers=world.devices[staff].headers
        )
        assert record.status_code == 200
        letter = world.client.get(
            f"/v1/files/{world.cases['a'].offender_file}/attachments/{SECRET_SHA}/content",
            headers=world.devices[staff].headers,
        )
        both = {"party_file_id": world.cases["a"].offender_file, "sha256": SECRET_SHA}
        batch = world.client.post(
            "/v1/attachments/batch",
            json={"attachments": [both]},
            headers=world.devices[staff].headers,
        )
        if staff == "sam":  # a staff laptop enrolled before office sign-in existed
            assert letter.content == SECRET_BYTES
            assert batch.content.endswith(SECRET_BYTES)
        else:  # attachments travel to laptops only: an office session is refused
            assert letter.status_code == batch.status_code == 403


@pytest.mark.parametrize("caller", ["revoked", "expired"])
def test_revoked_or_expired_sessions_get_nothing_anywhere(world: World, caller: str) -> None:
    device = world.devices["alice"]
    with world.store.unit() as s:
        if caller == "revoked":
            admin.revoke_device(s, device.device_id)
        else:
            from sqlalchemy import update

            from erms_desktop.central.models import SessionToken

            s.execute(update(SessionToken).values(expires_at=datetime(2000, 1, 1, tzinfo=UTC)))
    calls = _calls(world, world.devices["bob"].device_id)
    forbidden = _forbidden(world, "anonymous")
    for route, requests in calls.items():
        for method, url, kwargs in requests:
            answer = world.client.request(method, url, headers=device.headers, **kwargs)
            if route in OPEN_ROUTES:
                continue
            expected = 403 if caller == "revoked" else 401
            assert answer.status_code == expected, (method, url, answer.text)
            assert answer.json()["error"]["wipe"] is (caller == "revoked")
            assert not [f for f in forbidden if f in answer.text]


def test_staff_and_administrators_reach_the_office_lists(world: World) -> None:
    world.add_user("ada", "admin")
    world.devices["ada"] = world.sign_in_office("ada")
    for who in ("sam", "ada"):
        for route in ("referrals", "cases", "users", "devices"):
            answer = world.client.get(f"/v1/office/{route}", headers=world.devices[who].headers)
            assert answer.status_code == 200, (who, route, answer.text)


def test_an_office_session_reaches_no_laptop_route(world: World) -> None:
    """The other half of the route x role matrix: staff signed in at the office reach none of
    the laptop's routes (sync and attachments, found by their tags in the schema), so they can
    neither pull case data onto an office machine nor push a note as anyone."""
    world.add_user("ada", "admin")
    staff = {n: world.sign_in_office(n) for n in ("sam", "ada")}
    laptop_routes = {
        (method.upper(), path)
        for path, item in world.client.get("/openapi.json").json()["paths"].items()
        for method, operation in item.items()
        if {"sync", "attachments"} & set(operation.get("tags", []))
    }
    assert len(laptop_routes) >= 7
    calls = _calls(world, world.devices["bob"].device_id)
    a = world.cases["a"]
    as_alice = {
        "device_seq": 1,
        "kind": "note",
        "record_id": str(uuid.uuid4()),
        "op": "create",
        "base_version": 0,
        "fields": {
            "case_id": a.case,
            "party_file_id": a.victim_file,
            "author_id": world.users["alice"],
        },
    }
    calls[("POST", "/v1/sync/push")] = [
        ("POST", "/v1/sync/push", {"json": {"mutations": [as_alice]}})
    ]
    before = _snapshot(world)
    for session in staff.values():
        for route in laptop_routes:
            for method, url, kwargs in calls[route]:
                answer = world.client.request(method, url, headers=session.headers, **kwargs)
                assert answer.status_code == 403, (method, url, answer.text)
                assert "laptop" in answer.json()["error"]["message"]
    assert _snapshot(world) == before
