"""Refused reads look like absent ones: for every GET route with a target, a record, case,
party file or attachment the caller may not see answers exactly as one that does not exist."""

from __future__ import annotations

import hashlib
import uuid

from tests.central.world import World

LETTER = b"Signed agreement, offender file."
SHA = hashlib.sha256(LETTER).hexdigest()


def _answer(world: World, name: str, path: str, **params: str) -> tuple[int, object]:
    got = world.client.get(path, params=params, headers=world.devices[name].headers)
    return got.status_code, got.json()


def test_what_bob_may_not_see_answers_like_what_does_not_exist(world: World) -> None:
    a, b = world.cases["a"], world.cases["b"]
    # alice (case a) uploads into the offender file, which bob (victim file only) may not see.
    address = f"/v1/files/{a.offender_file}/attachments/{SHA}"
    start = {"size": len(LETTER), "media_type": "application/pdf"}
    world.client.post(address, json=start, headers=world.devices["alice"].headers)
    world.client.put(
        f"{address}/chunks",
        params={"offset": 0},
        content=LETTER,
        headers=world.devices["alice"].headers,
    )
    nowhere = str(uuid.uuid4())
    pairs = [
        (f"/v1/records/{a.offender_note}", f"/v1/records/{nowhere}", {}),
        (f"/v1/records/{b.case}", f"/v1/records/{nowhere}", {}),
        ("/v1/sync/digest", "/v1/sync/digest", {"case_id": b.case}),
        (address, f"/v1/files/{nowhere}/attachments/{SHA}", {}),
        (f"{address}/content", f"/v1/files/{nowhere}/attachments/{SHA}/content", {}),
    ]
    for hidden, absent, params in pairs:
        refused = _answer(world, "bob", hidden, **params)
        missing_params = {"case_id": nowhere} if params else {}
        assert refused == _answer(world, "bob", absent, **missing_params), hidden
        assert refused[0] in (200, 404)
