"""Attachments: resumable, offset-checked, hash-verified and size-limited uploads."""

from __future__ import annotations

import hashlib

from tests.central.world import World

DATA = bytes(range(256)) * 40  # 10 KiB
SHA = hashlib.sha256(DATA).hexdigest()


def _start(world: World, name: str, sha: str = SHA, size: int = len(DATA)) -> dict[str, object]:
    answer = world.client.post(
        f"/v1/attachments/{sha}",
        headers=world.devices[name].headers,
        json={"size": size, "media_type": "application/pdf"},
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


def _chunk(world: World, name: str, offset: int, data: bytes, sha: str = SHA) -> object:
    return world.client.put(
        f"/v1/attachments/{sha}/chunks",
        params={"offset": offset},
        content=data,
        headers=world.devices[name].headers,
    )


def test_interrupted_upload_resumes_at_the_offset_the_store_reports(world: World) -> None:
    assert _start(world, "alice")["received"] == 0
    assert _chunk(world, "alice", 0, DATA[:4000]).json()["received"] == 4000  # type: ignore[attr-defined]
    # The laptop went offline; on reconnect it asks where to carry on.
    assert _start(world, "alice")["received"] == 4000
    wrong = _chunk(world, "alice", 0, DATA[:4000])
    assert wrong.status_code == 409  # type: ignore[attr-defined]
    done = _chunk(world, "alice", 4000, DATA[4000:])
    assert done.json()["complete"] is True  # type: ignore[attr-defined]
    download = world.client.get(
        f"/v1/attachments/{SHA}/content", headers=world.devices["alice"].headers
    )
    assert download.content == DATA
    assert download.headers["content-type"] == "application/pdf"


def test_content_that_does_not_match_its_hash_is_refused_and_restarts(world: World) -> None:
    _start(world, "alice")
    corrupt = DATA[:-1] + b"\x00"
    answer = _chunk(world, "alice", 0, corrupt)
    assert answer.status_code == 422  # type: ignore[attr-defined]
    status = world.client.get(f"/v1/attachments/{SHA}", headers=world.devices["alice"].headers)
    assert status.json()["received"] == 0
    assert status.json()["complete"] is False
    assert _chunk(world, "alice", 0, DATA).json()["complete"] is True  # type: ignore[attr-defined]


def test_size_limits(world: World) -> None:
    limit = world.store.settings.max_attachment_bytes
    big = world.client.post(
        f"/v1/attachments/{'a' * 64}",
        headers=world.devices["alice"].headers,
        json={"size": limit + 1, "media_type": "video/mp4"},
    )
    assert big.status_code == 413
    _start(world, "alice", size=10)
    past = _chunk(world, "alice", 0, DATA[:11])
    assert past.status_code == 413  # type: ignore[attr-defined]


def test_others_cannot_continue_or_read_an_upload(world: World) -> None:
    _start(world, "alice")
    _chunk(world, "alice", 0, DATA[:100])
    assert _chunk(world, "bob", 100, DATA[100:]).status_code == 404  # type: ignore[attr-defined]
    status = world.client.get(f"/v1/attachments/{SHA}", headers=world.devices["bob"].headers)
    assert status.status_code == 404
    assert _start(world, "alice")["received"] == 100


def test_a_media_type_with_control_characters_is_refused_and_stores_nothing(world: World) -> None:
    headers = world.devices["alice"].headers
    for media_type in ("\x00", "text/plain\r\nX-Injected: 1", "bild/\u00e9"):
        answer = world.client.post(
            f"/v1/attachments/{SHA}", headers=headers, json={"size": 1, "media_type": media_type}
        )
        assert answer.status_code == 422, answer.text
        assert "media type" in answer.json()["error"]["message"]
    assert world.client.get(f"/v1/attachments/{SHA}", headers=headers).status_code == 404
