"""The batched download (``POST /v1/attachments/batch``): each attachment is available in a
batch exactly when its own download would be, unavailable ones all answer alike, what is sent
is audited, and a body whose stored chunks fall short stops rather than run on."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
from sqlalchemy import delete, select

from erms_desktop.central.models import AttachmentChunk, AuditEntry, Record
from erms_desktop.protocol.attachment_frames import MAX_BATCH, AttachmentFrame, FrameReader, header
from tests.central.test_attachments import DATA, SHA, _document, _push_status, _upload
from tests.central.world import World

OTHER = b"A second letter, kept in the offender's file." * 50
OTHER_SHA = hashlib.sha256(OTHER).hexdigest()
ABSENT = "f" * 64


def _upload_other(world: World, name: str, file_id: str) -> None:
    headers = world.devices[name].headers
    url = f"/v1/files/{file_id}/attachments/{OTHER_SHA}"
    started = world.client.post(
        url, headers=headers, json={"size": len(OTHER), "media_type": "application/pdf"}
    )
    assert started.status_code == 200
    done = world.client.put(f"{url}/chunks", params={"offset": 0}, content=OTHER, headers=headers)
    assert done.json()["complete"] is True
    document = _document(world, "a", file_id, OTHER_SHA)
    document["fields"]["size_bytes"] = len(OTHER)
    assert _push_status(world, name, document) == "applied"


def _batch(world: World, name: str, *pairs: tuple[str, str]) -> httpx.Response:
    body = {"attachments": [{"party_file_id": f, "sha256": s} for f, s in pairs]}
    return world.client.post(
        "/v1/attachments/batch", json=body, headers=world.devices[name].headers
    )


def _read(body: bytes) -> list[tuple[AttachmentFrame, bytes]]:
    return [(frame, b"".join(content)) for frame, content in FrameReader(iter([body])).frames()]


def _downloads(world: World) -> list[Any]:
    with world.store.unit() as s:
        return list(
            s.execute(
                select(AuditEntry.target, AuditEntry.case_ids).where(
                    AuditEntry.action == "download"
                )
            )
        )


def _letters(world: World) -> tuple[str, str, str]:
    """Alice's two letters in case a (one per file) and Carol's in case b."""
    a, b = world.cases["a"], world.cases["b"]
    _upload(world, "alice", a.victim_file)
    assert _push_status(world, "alice", _document(world, "a", a.victim_file)) == "applied"
    _upload_other(world, "alice", a.offender_file)
    _upload(world, "carol", b.victim_file)
    assert _push_status(world, "carol", _document(world, "b", b.victim_file)) == "applied"
    return a.victim_file, a.offender_file, b.victim_file


def test_a_batch_sends_what_each_download_would_in_the_order_asked(world: World) -> None:
    victim, offender, carols = _letters(world)
    before = len(_downloads(world))
    asked = [(offender, OTHER_SHA), (carols, SHA), (victim, ABSENT), (victim, SHA)]
    answer = _batch(world, "alice", *asked)
    assert answer.status_code == 200
    frames = _read(answer.content)
    assert [(f.sha256, f.size, content) for f, content in frames] == [
        (OTHER_SHA, len(OTHER), OTHER),
        (SHA, None, b""),  # Carol's case: not Alice's, answered as if absent
        (ABSENT, None, b""),
        (SHA, len(DATA), DATA),
    ]
    for (file_id, sha), (frame, _content) in zip(asked, frames, strict=True):
        single = world.client.get(
            f"/v1/files/{file_id}/attachments/{sha}/content",
            headers=world.devices["alice"].headers,
        )
        assert (single.status_code == 200) is (frame.size is not None)
    # One audit entry per case for the batch, naming both letters sent; then one per download.
    batch_entries = _downloads(world)[before : before + 1]
    assert len(batch_entries) == 1
    target, cases = batch_entries[0]
    assert cases == world.cases["a"].case
    assert f"sha {OTHER_SHA}" in target
    assert f"sha {SHA}" in target
    assert world.cases["b"].case not in {c for _t, c in _downloads(world)}


def test_the_other_party_file_answers_as_absent(world: World) -> None:
    """Bob holds case a's victim file only: the offender file's letter is not available to him,
    and his answer for it cannot be told from the answer for content that does not exist."""
    _victim, offender, _carols = _letters(world)
    not_his = _batch(world, "bob", (offender, OTHER_SHA)).content
    nowhere = _batch(world, "bob", (offender, ABSENT)).content
    assert not_his == header(AttachmentFrame(sha256=OTHER_SHA, size=None))
    assert nowhere == header(AttachmentFrame(sha256=ABSENT, size=None))
    assert OTHER not in not_his


def test_a_deleted_document_no_longer_sends_its_content(world: World) -> None:
    victim, _offender, _carols = _letters(world)
    with world.store.unit() as s:
        document = s.scalar(
            select(Record).where(Record.kind == "document", Record.party_file_id == victim)
        )
        assert document is not None
        document.deleted = True
    frames = _read(_batch(world, "alice", (victim, SHA)).content)
    assert [f.size for f, _ in frames] == [None]


def test_stored_chunks_falling_short_cut_the_body_off(world: World) -> None:
    """A frame is never followed by less content than it announced and then another header:
    the body stops, and the laptop sees it cut short."""
    victim, offender, _carols = _letters(world)
    with world.store.unit() as s:
        s.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == OTHER_SHA))
    body = _batch(world, "alice", (offender, OTHER_SHA), (victim, SHA)).content
    assert body == header(AttachmentFrame(sha256=OTHER_SHA, size=len(OTHER)))


def test_batches_are_bounded(world: World) -> None:
    victim = world.cases["a"].victim_file
    assert _batch(world, "alice").status_code == 422
    assert _batch(world, "alice", *[(victim, ABSENT)] * (MAX_BATCH + 1)).status_code == 422
    assert _batch(world, "alice", *[(victim, ABSENT)] * MAX_BATCH).status_code == 200
