"""Garbage from the network and a store from the future: a clear, typed error that changes
nothing. The store here is a tiny HTTP server on 127.0.0.1 answering with canned bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from erms_desktop.demo.data import generate_demo_data
from erms_desktop.domain import Contact
from erms_desktop.domain.records import kind_of, to_fields
from erms_desktop.protocol.attachment_frames import AttachmentFrame, header
from erms_desktop.protocol.messages import PROTOCOL_VERSION, SCHEMA_VERSION
from erms_desktop.sync.attachments import MISSING
from erms_desktop.sync.engine import SyncEngine
from erms_desktop.sync.errors import InvalidResponse, ServerError, SyncError, UpgradeRequired
from erms_desktop.sync.transport import Transport
from erms_desktop.vault import RemoteChange, Vault
from tests.sync.conftest import new_vault

HEALTH = {
    "status": "ok",
    "protocol_version": PROTOCOL_VERSION,
    "min_protocol_version": 1,
    "schema_version": SCHEMA_VERSION,
    "server_version": "test",
}


class Canned(ThreadingHTTPServer):
    answers: dict[str, tuple[int, bytes]]


class _Handler(BaseHTTPRequestHandler):
    server: Canned

    def do_GET(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, body = self.server.answers.get(self.path.split("?")[0], (404, b"{}"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def canned() -> Iterator[Canned]:
    server = Canned(("127.0.0.1", 0), _Handler)
    server.answers = {"/v1/health": (200, json.dumps(HEALTH).encode())}
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Vault]:
    """A vault holding one case's records, as a previous pull left them, at cursor 7."""
    dataset = generate_demo_data(case_count=6)
    vault = new_vault(tmp_path / "vault")
    case_id = next(n.case_id for n in dataset.notes)
    changes = [
        RemoteChange(kind_of(e), e.id, 1, False, dict(to_fields(e)))
        for e in dataset.entities()
        if getattr(e, "case_id", None) == case_id and kind_of(e) in {"note", "contact"}
    ]
    assert any(c.kind == "note" for c in changes)
    assert any(c.kind == "contact" for c in changes)
    vault.store.apply_remote(changes, cursor="7")
    yield vault
    vault.lock()


def _snapshot(vault: Vault) -> tuple[int, list[tuple[str, ...]]]:
    with vault.store._read() as db:  # the raw rows: nothing may change them
        rows = db.execute("SELECT id, fields, server_version FROM records ORDER BY id").fetchall()
    with vault.store.sync_reader() as reader:
        return reader.cursor(), [tuple(map(str, row)) for row in rows]


def _note(version: int = 2, **overrides: Any) -> dict[str, Any]:
    fields = {
        "id": str(uuid.uuid4()),
        "case_id": str(uuid.uuid4()),
        "party_file_id": str(uuid.uuid4()),
        "author_id": str(uuid.uuid4()),
        "body": "Phoned.",
        "created_at": datetime.now(UTC).isoformat(),
    }
    return {
        "type": "record",
        "seq": 8,
        "kind": "note",
        "id": fields["id"],
        "case_id": fields["case_id"],
        "party_file_id": fields["party_file_id"],
        "version": version,
        "deleted": False,
        "fields": {**fields, **overrides},
    }


def _page(*changes: dict[str, Any], **extra: Any) -> bytes:
    return json.dumps({"changes": list(changes), "cursor": 9, "more": False, **extra}).encode()


GOOD = _note()
CONTENT = b"%PDF-1.4 a scanned letter of apology"
SHA = hashlib.sha256(CONTENT).hexdigest()


def _document() -> dict[str, Any]:
    """A page with one document naming :data:`CONTENT`, which the engine then asks the
    batched download for."""
    change = _note()
    fields = {key: change["fields"][key] for key in ("id", "case_id", "party_file_id")} | {
        "filename": "letter.pdf",
        "media_type": "application/pdf",
        "sha256": SHA,
        "size_bytes": len(CONTENT),
        "added_at": datetime.now(UTC).isoformat(),
    }
    return {**change, "kind": "document", "fields": fields}


DOCUMENT = _document()


def _frames(*frames: tuple[str, int | None, bytes]) -> bytes:
    body = b""
    for sha, size, content in frames:
        body += header(AttachmentFrame(sha256=sha, size=size)) + content
    return body


def _batch(body: bytes) -> dict[str, tuple[int, bytes]]:
    return {"/v1/sync/pull": (200, _page(DOCUMENT)), "/v1/attachments/batch": (200, body)}


CASES: dict[str, tuple[dict[str, tuple[int, bytes]], type[SyncError]]] = {
    "newer protocol only": (
        {
            "/v1/health": (
                200,
                json.dumps({**HEALTH, "protocol_version": 4, "min_protocol_version": 3}).encode(),
            )
        },
        UpgradeRequired,
    ),
    "older store": (
        {"/v1/health": (200, json.dumps({**HEALTH, "protocol_version": 1}).encode())},
        UpgradeRequired,
    ),
    "attachment batch cut short": (
        _batch(_frames((SHA, len(CONTENT), CONTENT[:10]))),
        InvalidResponse,
    ),
    "attachment batch ends before the frame": (_batch(b""), InvalidResponse),
    "attachment not matching its hash": (
        _batch(_frames((SHA, len(CONTENT), CONTENT.upper()))),
        InvalidResponse,
    ),
    "attachment not asked for": (
        _batch(_frames(("0" * 64, len(CONTENT), CONTENT))),
        InvalidResponse,
    ),
    "attachments beyond those asked for": (
        _batch(_frames((SHA, len(CONTENT), CONTENT), (SHA, 0, b""))),
        InvalidResponse,
    ),
    "attachment batch that is a web page": (
        _batch(b"<html>Welcome to the hotel wifi</html>"),
        InvalidResponse,
    ),
    "upgrade answer": ({"/v1/sync/pull": (426, b'{"error": {}}')}, UpgradeRequired),
    "not json": (
        {"/v1/sync/pull": (200, b"<html>Welcome to the hotel wifi</html>")},
        InvalidResponse,
    ),
    "truncated": ({"/v1/sync/pull": (200, _page(GOOD)[:40])}, InvalidResponse),
    "unknown message field": ({"/v1/sync/pull": (200, _page(GOOD, hint="newer"))}, InvalidResponse),
    "unknown change type": (
        {"/v1/sync/pull": (200, _page(GOOD, {**GOOD, "type": "hologram"}))},
        InvalidResponse,
    ),
    "unknown record kind": (
        {"/v1/sync/pull": (200, _page(GOOD, {**_note(), "kind": "spaceship"}))},
        InvalidResponse,
    ),
    "malformed record after a good one": (
        {"/v1/sync/pull": (200, _page(GOOD, _note(body=12)))},
        InvalidResponse,
    ),
    "server failure page": ({"/v1/sync/pull": (502, b"<html>Bad gateway</html>")}, ServerError),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_answers_raise_typed_errors_and_change_nothing(
    canned: Canned, filled: Vault, case: str
) -> None:
    answers, error = CASES[case]
    canned.answers.update(answers)
    before = _snapshot(filled)
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    with Transport(url, token="session") as transport, pytest.raises(error):
        SyncEngine(filled, transport).sync()
    assert _snapshot(filled) == before


def test_a_push_answer_that_skips_a_mutation_is_not_trusted(canned: Canned, filled: Vault) -> None:
    contact = filled.store.find_all(Contact)[0]
    filled.store.save(dataclasses.replace(contact, duration_minutes=25))
    canned.answers["/v1/sync/push"] = (200, b'{"results": [], "last_device_seq": 0}')
    before = _snapshot(filled)
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    with Transport(url, token="session") as transport, pytest.raises(InvalidResponse):
        SyncEngine(filled, transport).sync()
    assert _snapshot(filled) == before
    assert filled.store.pending_outbox()[0].record_id == contact.id


def test_an_older_store_is_named_as_what_needs_updating(canned: Canned, filled: Vault) -> None:
    canned.answers["/v1/health"] = (200, json.dumps({**HEALTH, "protocol_version": 1}).encode())
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    with Transport(url, token="session") as transport, pytest.raises(UpgradeRequired) as raised:
        SyncEngine(filled, transport).sync()
    assert "update the central store" in str(raised.value)


@pytest.mark.parametrize("available", [True, False], ids=["sent", "not available"])
def test_a_well_formed_attachment_batch_is_kept(
    canned: Canned, filled: Vault, available: bool
) -> None:
    """The control for the batch cases above: content that matches is kept; content the store
    says it does not have is listed as missing, and the sync still finishes."""
    size, content = (len(CONTENT), CONTENT) if available else (None, b"")
    canned.answers.update(_batch(_frames((SHA, size, content))))
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    with Transport(url, token="session") as transport:
        SyncEngine(filled, transport).sync()
    assert filled.store.has_attachment(SHA) is available
    with filled.store.sync_reader() as reader:
        assert (reader.json_state(MISSING) or []) == ([] if available else [SHA])


def test_the_canned_store_does_work_when_it_answers_well(canned: Canned, filled: Vault) -> None:
    """The control for the cases above: a good page is applied."""
    canned.answers["/v1/sync/pull"] = (200, _page(GOOD))
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    with Transport(url, token="session") as transport:
        SyncEngine(filled, transport).sync()
    cursor, rows = _snapshot(filled)
    assert cursor == 9
    assert GOOD["id"] in {row[0] for row in rows}
