"""Attachments: uploaded before the mutation that references them, resumed after an
interruption from the offset the store reports, verified by hash at both ends."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from erms_desktop.central.models import AttachmentChunk
from erms_desktop.domain import Document
from erms_desktop.protocol.messages import AttachmentStatus
from erms_desktop.sync import attachments as sync_attachments
from erms_desktop.sync.attachments import CHUNK, IN_MEMORY
from erms_desktop.sync.engine import SyncEngine
from erms_desktop.sync.errors import InvalidResponse, Offline
from erms_desktop.sync.transport import Transport
from tests.sync.central import Central
from tests.sync.conftest import Laptop


class DropsOnSecondChunk(Transport):
    """The network goes away after one chunk of an upload has been stored."""

    chunks = 0

    def attachment_chunk(
        self, file_id: str, sha256: str, offset: int, data: bytes
    ) -> AttachmentStatus:
        self.chunks += 1
        if self.chunks == 2:
            raise Offline("the network dropped")
        return super().attachment_chunk(file_id, sha256, offset, data)


class CountsOffsets(Transport):
    offsets: list[int]

    def attachment_chunk(
        self, file_id: str, sha256: str, offset: int, data: bytes
    ) -> AttachmentStatus:
        self.offsets.append(offset)
        return super().attachment_chunk(file_id, sha256, offset, data)


def test_an_interrupted_upload_resumes_and_precedes_its_document(
    central: Central, laptop: Laptop
) -> None:
    vera = laptop("vera")
    vera.sync()
    content = os.urandom(2 * CHUNK + 1000)
    sha = vera.vault.store.put_attachment(content)
    case_id = central.volunteer_cases()[0]
    file_id = next(p.id for p in central.dataset.party_files if p.case_id == case_id)
    document = Document(
        id=str(uuid.uuid4()),
        case_id=case_id,
        party_file_id=file_id,
        filename="signed-agreement.pdf",
        media_type="application/pdf",
        sha256=sha,
        size_bytes=len(content),
        added_at=datetime.now(UTC),
    )
    vera.vault.store.save(document)
    token = vera.engine().transport.token
    url = vera.credentials().server_url  # type: ignore[union-attr]
    with DropsOnSecondChunk(url, token=token) as flaky, pytest.raises(Offline):
        SyncEngine(vera.vault, flaky).sync()
    assert vera.status().pending == 1
    with CountsOffsets(url, token=token) as counting:
        counting.offsets = []
        assert (
            counting.attachment_status(file_id, sha).received == CHUNK
        )  # the first chunk was kept
        assert document.id not in _documents_on_store(central)  # not pushed before its content
        SyncEngine(vera.vault, counting).sync()
        assert counting.offsets == [CHUNK, 2 * CHUNK]  # resumed, not restarted
    assert document.id in _documents_on_store(central)
    colin = laptop("colin")
    colin.sync()
    assert colin.vault.store.read_attachment(sha) == content
    assert colin.vault.store.get(Document, document.id).sha256 == sha


def _documents_on_store(central: Central) -> set[str]:
    from erms_desktop.central.models import Record

    with central.session() as s:
        rows = s.query(Record.id).filter(Record.kind == "document")  # type: ignore[attr-defined]
        return {row[0] for row in rows}


@pytest.mark.parametrize("in_memory", [IN_MEMORY, 1000], ids=["in memory", "streamed"])
def test_downloads_are_kept_only_when_they_match_their_hash(
    central: Central, laptop: Laptop, monkeypatch: pytest.MonkeyPatch, in_memory: int
) -> None:
    """Small content is fetched into memory, large content streamed into the vault (here with
    the threshold lowered so these documents take that path): either way a laptop keeps
    it only if it matches its hash, and content changed on the store stops the sync."""
    monkeypatch.setattr(sync_attachments, "IN_MEMORY", in_memory)
    contents = central.add_caseload(0, 2, 3 * CHUNK // 2)
    vera = laptop("vera")
    vera.sync()
    documents = [d for d in vera.vault.store.find_all(Document) if d.sha256 in contents]
    assert documents
    for document in documents:
        assert vera.vault.store.read_attachment(document.sha256) == contents[document.sha256]
    tampered = documents[0].sha256
    with central.session() as s:
        s.execute(  # type: ignore[attr-defined]
            update(AttachmentChunk)
            .where(AttachmentChunk.sha256 == tampered, AttachmentChunk.offset == 0)
            .values(data=b"not what was uploaded")
        )
    again = laptop("vera")
    with pytest.raises(InvalidResponse):
        again.sync()
    assert not again.vault.store.has_attachment(tampered)
