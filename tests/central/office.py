"""Helpers for the office API tests: an intake form, and each office step as staff (Sam)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.central.world import World


def intake(**changes: Any) -> dict[str, Any]:
    """A referral with two people (synthetic names), one on each side."""
    return {
        "source": "essex_police",
        "received_on": "2026-04-03",
        "agency_reference": "EP/77",
        "offence_type": "criminal_damage",
        "offence_summary": "Windows of a community hall broken",
        "offence_date": "2026-03-20",
        "flags": ["hate_crime"],
        "people": [
            {"side": "victim", "given_names": "Imelda", "family_name": "Ravensworth"},
            {
                "side": "offender",
                "given_names": "Caspian",
                "family_name": "Thorneycroft",
                "is_child": True,
                "references": ["YOS-4411"],
            },
        ],
        "consent_at_referral": "not_yet_asked",
        "lawful_basis": "public_task",
        "equality": {"age_band": "under_18", "disability": "prefer not to say"},
        **changes,
    }


def office(world: World, method: str, url: str, who: str = "sam", **kw: Any) -> httpx.Response:
    return world.client.request(
        method, f"/v1/office{url}", headers=world.devices[who].headers, **kw
    )


def take_in(world: World, **changes: Any) -> str:
    answer = office(world, "POST", "/referrals", json=intake(**changes))
    assert answer.status_code == 201, answer.text
    referral_id: str = answer.json()["referral_id"]
    return referral_id


def accept(world: World, referral_id: str, **changes: Any) -> dict[str, Any]:
    body = {"service_reference": "RJ-77", "justice_stage": "pre_sentence", **changes}
    answer = office(world, "POST", f"/referrals/{referral_id}/accept", json=body)
    assert answer.status_code == 201, answer.text
    opened: dict[str, Any] = answer.json()
    return opened


def files_of(opened: dict[str, Any]) -> dict[str, str]:
    return {f["side"]: f["party_file_id"] for f in opened["files"]}


def assess(world: World, party_file_id: str, outcome: str = "proceed") -> httpx.Response:
    body = {"outcome": outcome, "completed_on": "2026-04-10", "factors": ["Lives nearby"]}
    if outcome == "proceed_with_mitigations":
        body["mitigations"] = ["Meet at the office"]
    return office(world, "POST", f"/files/{party_file_id}/initial-assessment", json=body)


def open_assessed_case(world: World) -> tuple[str, dict[str, str]]:
    """A case taken in, accepted, and both files assessed: ready to allocate."""
    opened = accept(world, take_in(world))
    files = files_of(opened)
    for file_id in files.values():
        assert assess(world, file_id).status_code == 201
    return opened["case_id"], files
