"""The transport on its own: TLS verification is on by default, and a session the store no
longer accepts is a typed AuthExpired."""

from __future__ import annotations

import datetime as dt
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from erms_desktop.protocol.messages import PROTOCOL_VERSION, SCHEMA_VERSION
from erms_desktop.sync.errors import AuthExpired, Offline
from erms_desktop.sync.transport import Transport
from tests.sync.conftest import Laptop

HEALTH = json.dumps(
    {
        "status": "ok",
        "protocol_version": PROTOCOL_VERSION,
        "min_protocol_version": 1,
        "schema_version": SCHEMA_VERSION,
        "server_version": "t",
    }
).encode()


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(HEALTH)))
        self.end_headers()
        self.wfile.write(HEALTH)

    def log_message(self, *_args: Any) -> None:
        pass


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_store(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = _self_signed(tmp_path)
    server = HTTPServer(("127.0.0.1", 0), _Health)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_an_untrusted_certificate_is_refused_by_default(tls_store: tuple[str, Path]) -> None:
    url, _cert = tls_store
    with Transport(url) as transport, pytest.raises(Offline) as refused:
        transport.health()
    chain = []
    seen: BaseException | None = refused.value
    while seen is not None:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    assert any("CERTIFICATE_VERIFY_FAILED" in str(e) for e in chain)


def test_a_certificate_the_office_provides_is_trusted(tls_store: tuple[str, Path]) -> None:
    url, cert = tls_store
    with Transport(url, verify=ssl.create_default_context(cafile=str(cert))) as transport:
        assert transport.health().status == "ok"


def test_a_session_the_store_no_longer_accepts_is_auth_expired(laptop: Laptop) -> None:
    vera = laptop("vera")
    vera.engine().transport.token = "not-a-session-token"
    with pytest.raises(AuthExpired):
        vera.sync()
    assert json.loads(vera.vault.store.get_state("device") or "{}")["username"] == "vera"
