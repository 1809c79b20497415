"""HTTP transport for the sync protocol (httpx): timeouts, TLS verification on by default, and
every failure turned into a typed :mod:`erms_desktop.sync.errors` exception.

Every answer is parsed into its protocol model before anything uses it, so garbage from the
network (truncated bodies, HTML from a captive portal, a store from the future with fields this
client does not know) is an :class:`InvalidResponse` before any local change is made.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from erms_desktop.protocol.attachment_frames import (
    AttachmentAddress,
    AttachmentBatch,
    AttachmentFrame,
    FrameError,
    FrameReader,
)
from erms_desktop.protocol.held_removal import HeldRemovalReport
from erms_desktop.protocol.messages import (
    AUTH_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    SCHEMA_VERSION,
    AttachmentStart,
    AttachmentStatus,
    DigestResponse,
    EnrolRequest,
    EnrolResponse,
    ErrorEnvelope,
    Health,
    PasswordChangeRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    SignInRequest,
    SignInResponse,
)
from erms_desktop.sync.errors import (
    AuthExpired,
    CredentialsRefused,
    DeviceRevoked,
    InvalidResponse,
    Offline,
    RequestRefused,
    SequenceGap,
    ServerError,
    UpgradeRequired,
)

M = TypeVar("M", bound=BaseModel)
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class Transport:
    """One HTTP client for one central store. ``verify`` is True (system CAs), a CA bundle path
    or an :class:`ssl.SSLContext`; it is never switched off by this class."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        token: str | None = None,
    ) -> None:
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: str(SCHEMA_VERSION)}
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout, verify=verify, headers=headers
        )
        self.token = token

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the protocol's calls ------------------------------------------------------------------

    def health(self) -> Health:
        health = _parse(Health, self._send("GET", "/v1/health", auth=False))
        if health.schema_version == SCHEMA_VERSION and health.protocol_version < PROTOCOL_VERSION:
            raise UpgradeRequired(
                f"the central store speaks protocol {health.protocol_version}, older than this "
                f"app's {PROTOCOL_VERSION}: ask the office to update the central store",
                server_protocol=health.protocol_version,
            )
        if (
            health.min_protocol_version > PROTOCOL_VERSION
            or health.schema_version != SCHEMA_VERSION
        ):
            raise UpgradeRequired(
                f"the central store speaks protocol {health.min_protocol_version}-"
                f"{health.protocol_version} and schema {health.schema_version}: install the "
                "current ERMS Desktop",
                server_protocol=health.protocol_version,
            )
        return health

    def enrol(self, request: EnrolRequest) -> EnrolResponse:
        return _parse(EnrolResponse, self._send("POST", "/v1/enrol", json=request, auth=False))

    def sign_in(self, request: SignInRequest) -> SignInResponse:
        answer = _parse(SignInResponse, self._send("POST", "/v1/sign-in", json=request, auth=False))
        self.token = answer.token
        return answer

    def change_password(self, request: PasswordChangeRequest) -> None:
        self._send("POST", "/v1/password", json=request)

    def push(self, request: PushRequest) -> PushResponse:
        return _parse(PushResponse, self._send("POST", "/v1/sync/push", json=request))

    def pull(self, cursor: int, limit: int) -> PullResponse:
        params = {"cursor": cursor, "limit": limit}
        return _parse(PullResponse, self._send("GET", "/v1/sync/pull", params=params))

    def report_held_removal(self, report: HeldRemovalReport) -> None:
        self._send("POST", "/v1/sync/held-removal", json=report)

    def digest(self) -> DigestResponse:
        return _parse(DigestResponse, self._send("GET", "/v1/sync/digest"))

    def attachment_start(
        self, file_id: str, sha256: str, start: AttachmentStart
    ) -> AttachmentStatus:
        return _parse(
            AttachmentStatus, self._send("POST", _attachment(file_id, sha256), json=start)
        )

    def attachment_status(self, file_id: str, sha256: str) -> AttachmentStatus:
        return _parse(AttachmentStatus, self._send("GET", _attachment(file_id, sha256)))

    def attachment_chunk(
        self, file_id: str, sha256: str, offset: int, data: bytes
    ) -> AttachmentStatus:
        path = _attachment(file_id, sha256, "/chunks")
        answer = self._send("PUT", path, params={"offset": offset}, content=data)
        return _parse(AttachmentStatus, answer)

    @contextmanager
    def attachment_content(self, file_id: str, sha256: str) -> Iterator[Download]:
        """The content as it arrives (the body is never held whole): its declared size and
        an iterator of chunks; a lost connection while reading is :class:`Offline`."""
        path = _attachment(file_id, sha256, "/content")
        with self._streamed("GET", path) as response:
            declared = response.headers.get("Content-Length", "")
            yield Download(int(declared) if declared.isdigit() else None, _chunks(response))

    @contextmanager
    def attachment_batch(
        self, addresses: list[AttachmentAddress]
    ) -> Iterator[Iterator[tuple[AttachmentFrame, Iterator[bytes]]]]:
        """Several attachments in one answer, as (frame, content chunks) in the order asked; a
        body that is not well-formed frames is :class:`InvalidResponse`, a lost connection
        :class:`Offline`."""
        body = AttachmentBatch(attachments=addresses)
        with self._streamed("POST", "/v1/attachments/batch", json=body) as response:
            yield _frames(FrameReader(_chunks(response)))

    def request(
        self,
        method: str,
        path: str,
        *,
        json: BaseModel | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
    ) -> bytes:
        """Any other call on the store (the office client's), with the same headers, bearer
        token and typed failures; the answer's body, for the caller to parse."""
        return self._send(method, path, json=json, params=params, auth=auth).content

    # -- plumbing ------------------------------------------------------------------------------

    @contextmanager
    def _streamed(
        self, method: str, path: str, *, json: BaseModel | None = None
    ) -> Iterator[httpx.Response]:
        """A request whose answer's body is read by the caller, a chunk at a time."""
        response = self._send(method, path, json=json, stream=True)
        try:
            yield response
        finally:
            response.close()

    def _auth_headers(self, auth: bool) -> dict[str, str]:
        if not auth:
            return {}
        if self.token is None:
            raise AuthExpired("sign in to the central store first")
        return {AUTH_HEADER: f"Bearer {self.token}"}

    def _send(
        self,
        method: str,
        path: str,
        *,
        json: BaseModel | None = None,
        params: dict[str, Any] | None = None,
        content: bytes | None = None,
        auth: bool = True,
        stream: bool = False,
    ) -> httpx.Response:
        """Send one request; a successful answer (its body still to be read if ``stream``),
        else the typed failure."""
        headers = self._auth_headers(auth)
        if json is not None:
            content = json.model_dump_json().encode()
            headers["Content-Type"] = "application/json"
        elif content is not None:
            headers["Content-Type"] = "application/octet-stream"
        request = self._client.build_request(
            method, path, params=params, content=content, headers=headers
        )
        try:
            response = self._client.send(request, stream=stream)
        except httpx.TransportError as exc:  # connect, read, write, timeout, protocol errors
            raise Offline(f"the central store could not be reached ({type(exc).__name__})") from exc
        if response.is_success:
            return response
        try:
            response.read()  # a streamed answer's error body names the error
        finally:
            response.close()
        raise _failure(response, authenticated=auth)


@dataclass(frozen=True)
class Download:
    """An attachment's content on its way: the size the store declared (if it did) and the
    chunks as they arrive."""

    size: int | None
    chunks: Iterator[bytes]


def _chunks(response: httpx.Response) -> Iterator[bytes]:
    try:
        yield from response.iter_bytes()
    except httpx.TransportError as exc:
        raise Offline(
            f"the download from the central store broke off ({type(exc).__name__})"
        ) from exc


def _frames(reader: FrameReader) -> Iterator[tuple[AttachmentFrame, Iterator[bytes]]]:
    for frame, content in _malformed_is_invalid(reader.frames()):
        yield frame, _malformed_is_invalid(content)


T = TypeVar("T")


def _malformed_is_invalid(items: Iterator[T]) -> Iterator[T]:
    try:
        yield from items
    except FrameError as exc:
        raise InvalidResponse(
            f"the central store's attachment batch is malformed ({exc})"
        ) from None


def _parse(model: type[M], response: httpx.Response) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise InvalidResponse(
            f"the central store's answer to {response.request.url.path} is not a valid "
            f"{model.__name__} ({exc.error_count()} problems)"
        ) from None


def _failure(response: httpx.Response, *, authenticated: bool) -> Exception:
    status = response.status_code
    if status == 426:
        return UpgradeRequired(
            "the central store needs a newer ERMS Desktop: install the current version"
        )
    try:
        body = ErrorEnvelope.model_validate_json(response.content).error
    except ValidationError:
        if status >= 500:
            return ServerError(f"the central store failed ({status})")
        return InvalidResponse(f"the central store answered {status} without a valid error")
    code = body.code.value
    typed: Exception = RequestRefused(status, code, body.message)
    if code == "device_revoked" or body.wipe:
        typed = DeviceRevoked("office staff revoked this laptop")
    elif code == "invalid_credentials" or (status == 401 and not authenticated):
        # A wrong password or code: at enrolment or sign-in (401), or the current password of
        # a password change (403, the session itself stays valid)
        typed = CredentialsRefused(status, code, body.message)
    elif status == 401:
        typed = AuthExpired("the session has ended: sign in again")
    elif code == "sequence_gap":
        typed = SequenceGap(body.expected_device_seq, body.message)
    elif status >= 500:
        typed = ServerError(f"the central store failed ({status} {code})")
    return typed


def _attachment(file_id: str, sha256: str, tail: str = "") -> str:
    """Attachments live in the party file they were uploaded into (docs/sync-protocol.md)."""
    return f"/v1/files/{file_id}/attachments/{sha256}{tail}"
