"""End to end: the erms-central command serving on uvicorn at 127.0.0.1, spoken to over real
HTTP with httpx - enrol, sign in, push, pull, attachment, digest, revocation and wipe."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

from erms_desktop.central import admin, casework
from erms_desktop.central.api.deps import Database
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain import Note
from erms_desktop.domain.records import to_fields
from tests.central.server import running_store
from tests.central.store_settings import write_settings_file
from tests.central.world import PASSWORD, VERSIONS


def _prepare(settings: CentralSettings) -> tuple[str, str, str]:
    database = Database.open(settings)
    try:
        with database.unit() as s:
            user = admin.create_user(s, settings, "vic", "volunteer", PASSWORD)
            code = admin.create_enrolment_code(s, settings, "vic", "LAP-E2E")
            referral = casework.create_referral(s, "self_referral", datetime.now(UTC).date())
            case = casework.create_case_from_referral(
                s,
                referral.id,
                service_reference="RJ-E2E",
                offence_type="criminal_damage",
                offence_summary="Graffiti on a garage door",
                justice_stage="out_of_court",
            )
            casework.allocate(s, casework.AllocationSpec(user.id, case.id))
            file_id = casework.party_files(s, case.id)[0].id
    finally:
        database.engine.dispose()
    return code, case.id, file_id


def _revoke(settings: CentralSettings, device_id: str) -> None:
    database = Database.open(settings)
    try:
        with database.unit() as s:
            admin.revoke_device(s, device_id)
    finally:
        database.engine.dispose()


def test_laptop_life_over_real_http(db_url: str, settings: CentralSettings, tmp_path: Path) -> None:
    code, case_id, file_id = _prepare(settings)
    with (
        running_store(db_url, settings_file=write_settings_file(tmp_path)) as base,
        httpx.Client(base_url=base, headers=VERSIONS, timeout=10) as http,
    ):
        assert http.get("/v1/health").json()["status"] == "ok"
        enrolled = http.post(
            "/v1/enrol",
            json={"code": code, "username": "vic", "password": PASSWORD, "device_name": "HP 840"},
        )
        assert enrolled.status_code == 200
        device = enrolled.json()
        signed_in = http.post(
            "/v1/sign-in",
            json={
                "device_id": device["device_id"],
                "device_secret": device["device_secret"],
                "username": "vic",
                "password": PASSWORD,
            },
        )
        http.headers["Authorization"] = f"Bearer {signed_in.json()['token']}"
        note = Note(
            id=str(uuid.uuid4()),
            case_id=case_id,
            party_file_id=file_id,
            author_id=device["user_id"],
            body="First visit arranged by phone.",
            created_at=datetime.now(UTC),
        )
        mutation = {
            "device_seq": 1,
            "kind": "note",
            "record_id": note.id,
            "op": "create",
            "base_version": 0,
            "fields": to_fields(note),
        }
        pushed = http.post("/v1/sync/push", json={"mutations": [mutation]})
        assert pushed.json()["results"][0]["status"] == "applied"
        pulled = http.get("/v1/sync/pull", params={"cursor": 0}).json()
        assert note.id in {c["id"] for c in pulled["changes"]}
        data = b"%PDF-1.7 signed consent form" * 100
        sha = hashlib.sha256(data).hexdigest()
        address = f"/v1/files/{file_id}/attachments/{sha}"
        http.post(address, json={"size": len(data), "media_type": "application/pdf"})
        http.put(f"{address}/chunks", params={"offset": 0}, content=data[:1000])
        done = http.put(f"{address}/chunks", params={"offset": 1000}, content=data[1000:])
        assert done.json()["complete"] is True
        digest = http.get("/v1/sync/digest", params={"case_id": case_id}).json()
        assert digest["cases"][0]["count"] == len(
            [c for c in pulled["changes"] if c["case_id"] == case_id and not c["deleted"]]
        )
        _revoke(settings, device["device_id"])
        refused = http.get("/v1/sync/pull", params={"cursor": pulled["cursor"]})
        assert refused.status_code == 403
        assert refused.json()["error"]["wipe"] is True
