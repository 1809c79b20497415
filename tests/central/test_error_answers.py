"""Error answers and error logs: malformed bodies are 422, a 405 names the allowed methods,
every answer carries a request id, and a failure inside a request is a clean 500 (or 503)
envelope on a connection that stays open, logged with its type, route and request id only -
never the record's content or the SQL parameters (which SQLAlchemy and PostgreSQL put in their
exception messages)."""

from __future__ import annotations

import logging
import socket
import tempfile
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from tests.central.server import running_store
from tests.central.world import World, new_note

PERSONAL = "Harriet Quennell of 14 Elm Row, phone 07700 900456"
TELLTALES = ("Quennell", "Elm Row", "07700", "parameters", "Traceback", "INSERT")


def test_malformed_bodies_answer_422(world: World) -> None:
    headers = {**world.devices["alice"].headers, "Content-Type": "application/json"}
    for body in (b'{"mutations": [', b'{"mutations": "\xff\xfe"}', b"\xc3\x28"):
        answer = world.client.post("/v1/sync/push", content=body, headers=headers)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.json()["error"]["code"] == "validation_error"


def test_a_405_names_the_allowed_methods(world: World) -> None:
    answer = world.client.delete("/v1/sync/pull", headers=world.devices["alice"].headers)
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET"
    assert answer.json()["error"]["code"] == "bad_request"


def test_every_answer_carries_its_own_request_id(world: World) -> None:
    ids = {
        world.client.get(path, headers=world.devices["alice"].headers).headers["x-request-id"]
        for path in ("/v1/health", "/v1/sync/pull", "/v1/nowhere", "/v1/sync/pull")
    }
    assert len(ids) == 4


def _break_record_writes(db_url: str, world: World) -> None:
    """Make every record write fail inside the database with an error that quotes the row, as
    a real fault would (PostgreSQL: a raised exception holding the record's JSON; SQLite: a
    trigger naming a table that does not exist)."""
    with world.store.engine.begin() as conn:
        if db_url.startswith("postgresql"):
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_record() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'cannot store %', NEW.fields; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_record BEFORE INSERT ON records "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_record()"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_record BEFORE INSERT ON records BEGIN "
                    "INSERT INTO missing_table VALUES (NEW.fields); END"
                )
            )


def _restore_record_writes(db_url: str, world: World) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(
            text("DROP TRIGGER refuse_record" + (" ON records" if "postgres" in db_url else ""))
        )
        if db_url.startswith("postgresql"):
            conn.execute(text("DROP FUNCTION refuse_record()"))


def _personal_note(world: World) -> dict[str, object]:
    a = world.cases["a"]
    return new_note(a, a.victim_file, f"Visited {PERSONAL}.", world.users["bob"])


def test_a_database_error_is_logged_without_content_in_process(
    db_url: str, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    _break_record_writes(db_url, world)
    try:
        with caplog.at_level(logging.DEBUG):
            answer = world.push("bob", _personal_note(world))
    finally:
        _restore_record_writes(db_url, world)
    assert answer.status_code in (500, 503), answer.text
    assert answer.json()["error"]["code"] == "internal_error"
    request_id = answer.headers["x-request-id"]
    logged = caplog.text
    assert request_id in logged
    assert "POST /v1/sync/push" in logged
    assert not [t for t in TELLTALES if t in logged + answer.text], logged


def _raw_exchange(sock: socket.socket, request: bytes) -> bytes:
    """Send one request on an open connection and read its whole answer (Content-Length)."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        body += chunk
    return head


def test_a_database_error_on_real_uvicorn_keeps_the_connection_and_logs_no_content(
    db_url: str, world: World
) -> None:
    _break_record_writes(db_url, world)
    device = world.devices["bob"]
    body = httpx.Request(
        "POST", "/", json={"mutations": [{"device_seq": 1, **_personal_note(world)}]}
    )
    payload = body.read()
    headers = "".join(f"{k}: {v}\r\n" for k, v in device.headers.items())
    try:
        with tempfile.TemporaryFile() as log, running_store(db_url, stderr=log) as base:
            address = urlsplit(base)
            with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
                push = (
                    f"POST /v1/sync/push HTTP/1.1\r\nHost: store\r\n{headers}"
                    f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
                ).encode() + payload
                failed = _raw_exchange(sock, push)
                assert failed.split(b"\r\n")[0] in (
                    b"HTTP/1.1 500 Internal Server Error",
                    b"HTTP/1.1 503 Service Unavailable",
                )
                health = b"GET /v1/health HTTP/1.1\r\nHost: store\r\n\r\n"
                assert _raw_exchange(sock, health).startswith(b"HTTP/1.1 200")
            log.seek(0)
            logged = log.read().decode()
    finally:
        _restore_record_writes(db_url, world)
    request_id = next(
        line.split(b":", 1)[1].strip().decode()
        for line in failed.split(b"\r\n")
        if line.lower().startswith(b"x-request-id:")
    )
    assert request_id in logged
    assert not [t for t in TELLTALES if t in logged], logged
