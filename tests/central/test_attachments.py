"""Attachments: resumable, offset-checked, hash-verified and size-limited uploads, bound to the
party file they were uploaded into, and served as downloads only."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from erms_desktop.central import casework
from erms_desktop.domain import Document
from tests.central.world import World, create_of

DATA = bytes(range(256)) * 40  # 10 KiB
SHA = hashlib.sha256(DATA).hexdigest()


def _url(file_id: str, sha: str = SHA, tail: str = "") -> str:
    return f"/v1/files/{file_id}/attachments/{sha}{tail}"


def _start(
    world: World,
    name: str,
    file_id: str,
    sha: str = SHA,
    size: int = len(DATA),
    media_type: str = "application/pdf",
) -> httpx.Response:
    return world.client.post(
        _url(file_id, sha),
        headers=world.devices[name].headers,
        json={"size": size, "media_type": media_type},
    )


def _chunk(world: World, name: str, file_id: str, offset: int, data: bytes) -> httpx.Response:
    return world.client.put(
        _url(file_id, tail="/chunks"),
        params={"offset": offset},
        content=data,
        headers=world.devices[name].headers,
    )


def _upload(world: World, name: str, file_id: str, media_type: str = "application/pdf") -> None:
    assert _start(world, name, file_id, media_type=media_type).json()["complete"] is False
    assert _chunk(world, name, file_id, 0, DATA).json()["complete"] is True


def _document(world: World, case: str, file_id: str, sha: str = SHA) -> dict[str, Any]:
    document = Document(
        id=str(uuid.uuid4()),
        case_id=world.cases[case].case,
        party_file_id=file_id,
        filename="letter.pdf",
        media_type="application/pdf",
        sha256=sha,
        size_bytes=len(DATA),
        added_at=datetime(2026, 4, 2, 9, tzinfo=UTC),
    )
    return create_of(document)


def _push_status(world: World, name: str, mutation: dict[str, Any]) -> str:
    answer = world.push(name, mutation)
    assert answer.status_code == 200, answer.text
    status: str = answer.json()["results"][0]["status"]
    return status


def _download(world: World, name: str, file_id: str) -> httpx.Response:
    return world.client.get(_url(file_id, tail="/content"), headers=world.devices[name].headers)


def test_interrupted_upload_resumes_at_the_offset_the_store_reports(world: World) -> None:
    file_id = world.cases["a"].victim_file
    assert _start(world, "alice", file_id).json()["received"] == 0
    assert _chunk(world, "alice", file_id, 0, DATA[:4000]).json()["received"] == 4000
    # The laptop went offline; on reconnect it asks where to carry on.
    assert _start(world, "alice", file_id).json()["received"] == 4000
    assert _chunk(world, "alice", file_id, 0, DATA[:4000]).status_code == 409
    assert _chunk(world, "alice", file_id, 4000, DATA[4000:]).json()["complete"] is True
    assert _push_status(world, "alice", _document(world, "a", file_id)) == "applied"
    download = _download(world, "alice", file_id)
    assert download.content == DATA
    assert download.headers["content-type"] == "application/pdf"


def test_content_that_does_not_match_its_hash_is_refused_and_restarts(world: World) -> None:
    file_id = world.cases["a"].victim_file
    _start(world, "alice", file_id)
    assert _chunk(world, "alice", file_id, 0, DATA[:-1] + b"\x00").status_code == 422
    status = world.client.get(_url(file_id), headers=world.devices["alice"].headers)
    assert status.json()["received"] == 0
    assert status.json()["complete"] is False
    assert _chunk(world, "alice", file_id, 0, DATA).json()["complete"] is True


def test_size_limits(world: World) -> None:
    file_id = world.cases["a"].victim_file
    limit = world.store.settings.max_attachment_bytes
    assert _start(world, "alice", file_id, "a" * 64, limit + 1, "video/mp4").status_code == 413
    _start(world, "alice", file_id, size=10)
    assert _chunk(world, "alice", file_id, 0, DATA[:11]).status_code == 413


def test_others_cannot_continue_or_read_an_upload(world: World) -> None:
    file_id = world.cases["a"].victim_file
    _start(world, "alice", file_id)
    _chunk(world, "alice", file_id, 0, DATA[:100])
    assert _chunk(world, "bob", file_id, 100, DATA[100:]).status_code == 404
    assert _chunk(world, "carol", file_id, 100, DATA[100:]).status_code == 404
    assert (
        world.client.get(_url(file_id), headers=world.devices["carol"].headers).status_code == 404
    )
    assert _start(world, "alice", file_id).json()["received"] == 100


def test_a_media_type_with_control_characters_is_refused_and_stores_nothing(world: World) -> None:
    file_id = world.cases["a"].victim_file
    headers = world.devices["alice"].headers
    for media_type in ("\x00", "text/plain\r\nX-Injected: 1", "bild/\u00e9"):
        answer = _start(world, "alice", file_id, size=1, media_type=media_type)
        assert answer.status_code == 422, answer.text
        assert "media_type" in answer.json()["error"]["message"]
    assert world.client.get(_url(file_id), headers=headers).status_code == 404


def test_a_hash_from_another_case_opens_nothing(world: World) -> None:
    """Finding 3: naming another case's file hash in one's own document used to serve it."""
    b_file = world.cases["b"].victim_file
    _upload(world, "carol", b_file)
    assert _push_status(world, "carol", _document(world, "b", b_file)) == "applied"
    assert _download(world, "carol", b_file).content == DATA
    a_file = world.cases["a"].victim_file
    assert _push_status(world, "alice", _document(world, "a", a_file)) == "rejected"
    for file_id in (a_file, b_file):
        assert _download(world, "alice", file_id).status_code == 404


def test_a_hash_from_the_other_party_file_opens_nothing(world: World) -> None:
    """bob holds only the victim file of case a; the offender file's letter stays closed."""
    a = world.cases["a"]
    _upload(world, "alice", a.offender_file)
    assert _push_status(world, "alice", _document(world, "a", a.offender_file)) == "applied"
    assert _push_status(world, "bob", _document(world, "a", a.victim_file)) == "rejected"
    assert _download(world, "bob", a.victim_file).status_code == 404
    assert _download(world, "bob", a.offender_file).status_code == 404


def test_a_deallocated_volunteer_loses_access(world: World) -> None:
    b_file = world.cases["b"].victim_file
    _upload(world, "carol", b_file)
    _push_status(world, "carol", _document(world, "b", b_file))
    with world.store.unit() as s:
        casework.deallocate(s, world.users["carol"], world.cases["b"].case)
    assert _download(world, "carol", b_file).status_code == 404
    assert world.client.get(_url(b_file), headers=world.devices["carol"].headers).status_code == 404


def test_announcing_a_hash_reveals_nothing_about_content_elsewhere(world: World) -> None:
    b_file = world.cases["b"].victim_file
    _upload(world, "carol", b_file)
    _push_status(world, "carol", _document(world, "b", b_file))
    a_file = world.cases["a"].victim_file
    absent = hashlib.sha256(b"never uploaded").hexdigest()
    headers = world.devices["alice"].headers
    # Elsewhere and absent look alike: alice has to upload the bytes herself.
    for sha in (SHA, absent):
        assert world.client.get(_url(a_file, sha), headers=headers).status_code == 404
        started = _start(world, "alice", a_file, sha, size=len(DATA)).json()
        assert (started["received"], started["complete"]) == (0, False)
    # Another case's file: the same 404 as a file that does not exist.
    missing = world.client.post(
        _url(str(uuid.uuid4())), headers=headers, json={"size": 1, "media_type": "text/plain"}
    )
    other = world.client.post(
        _url(b_file), headers=headers, json={"size": 1, "media_type": "text/plain"}
    )
    assert (
        (missing.status_code, missing.json())
        == (other.status_code, other.json())
        == (
            404,
            missing.json(),
        )
    )


def test_downloads_are_attachments_with_an_allowed_media_type(world: World) -> None:
    """Finding 10: a laptop-declared text/html used to come back as text/html, sniffable."""
    file_id = world.cases["a"].victim_file
    _upload(world, "alice", file_id, media_type="text/html")
    _push_status(world, "alice", _document(world, "a", file_id))
    download = _download(world, "alice", file_id)
    assert download.content == DATA
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment")
