"""An office session: staff signed in to the store from an office machine, with no laptop.

The bearer token lives in this object only (never on disk, never in the keyring); signing out,
or dropping the object, ends it. Every call may block on the network, so the GUI makes them on
its worker thread. Failures come out as the types :func:`erms_desktop.service.messages.
user_message` words: the core's sync errors (offline, upgrade needed...) or the service's own
(:class:`~erms_desktop.service.errors.WrongCredentials`, ``NotOfficeStaff``, ``SignInNeeded``,
``OfficeRefused`` with the store's own sentence).
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.messages import ErrorCode, SignInResponse
from erms_desktop.protocol.office import OfficeSignInRequest
from erms_desktop.service import errors
from erms_desktop.service.server_address import checked_server_url
from erms_desktop.sync.errors import (
    AuthExpired,
    CredentialsRefused,
    InvalidResponse,
    RequestRefused,
    SyncError,
)
from erms_desktop.sync.transport import Transport

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class OfficeAccount:
    """Who is signed in (shown in the office window's status bar)."""

    username: str
    user_id: str
    role: UserRole
    session_expires: datetime
    password_change_required: bool


class OfficeSession:
    """One staff member's session with one store. Not thread-safe: use it from one worker."""

    def __init__(
        self,
        server_url: str | None = None,
        *,
        verify: bool | str | ssl.SSLContext = True,
        hint: str | None = None,
    ) -> None:
        #: The store's address: the default offered on the sign-in dialog, then the one used.
        self.server_url = server_url
        #: What the sign-in dialog shows under its title (demo mode: the demo account).
        self.hint = hint
        self._verify = verify
        self._transport: Transport | None = None
        self.account: OfficeAccount | None = None

    @property
    def signed_in(self) -> bool:
        return self.account is not None

    def sign_in(self, username: str, password: str, server_url: str | None = None) -> OfficeAccount:
        """Check the store (at ``server_url``, or the one already set) speaks our protocol,
        then sign in as office staff."""
        address = checked_server_url(server_url or self.server_url or "")
        self.sign_out()
        transport = Transport(address, verify=self._verify)
        try:
            transport.health()
            with _sign_in_refusals():
                body = transport.request(
                    "POST",
                    "/v1/office/sign-in",
                    json=OfficeSignInRequest(username=username.strip(), password=password),
                    auth=False,
                )
            answer = _parse(SignInResponse, body, "/v1/office/sign-in")
        except BaseException:
            transport.close()
            raise
        transport.token = answer.token
        self._transport = transport
        self.server_url = address
        self.account = OfficeAccount(
            username=username.strip(),
            user_id=answer.user_id,
            role=answer.role,
            session_expires=answer.expires_at,
            password_change_required=answer.password_change_required,
        )
        return self.account

    def sign_out(self) -> None:
        """End the session on the store (best effort: it expires anyway) and forget the token."""
        transport, self._transport, self.account = self._transport, None, None
        if transport is None:
            return
        try:
            transport.request("POST", "/v1/office/sign-out")
        except SyncError:
            pass
        finally:
            transport.token = None
            transport.close()

    # -- typed calls -------------------------------------------------------------------------
    def get(self, path: str, model: type[M], params: dict[str, Any] | None = None) -> M:
        """``GET /v1/office{path}``, parsed into ``model``."""
        return _parse(model, self._call("GET", path, params=params), path)

    def get_list(self, path: str, model: type[M], params: dict[str, Any] | None = None) -> list[M]:
        """``GET /v1/office{path}`` answering a JSON list of ``model``."""
        body = self._call("GET", path, params=params)
        try:
            return TypeAdapter(list[model]).validate_json(body)  # type: ignore[valid-type]
        except ValidationError:
            raise InvalidResponse(f"the central store's answer to {path} is not valid") from None

    def post(self, path: str, body: BaseModel | None, model: type[M]) -> M:
        """``POST /v1/office{path}`` with ``body``, answered with ``model``."""
        return _parse(model, self._call("POST", path, json=body), path)

    def send(self, path: str, body: BaseModel | None = None) -> None:
        """``POST /v1/office{path}`` answered with no content (204)."""
        self._call("POST", path, json=body)

    def _call(
        self,
        method: str,
        path: str,
        *,
        json: BaseModel | None = None,
        params: dict[str, Any] | None = None,
    ) -> bytes:
        if self._transport is None:
            raise errors.SignInNeeded
        try:
            return self._transport.request(method, f"/v1/office{path}", json=json, params=params)
        except AuthExpired as exc:
            self.account = None
            raise errors.SignInNeeded from exc
        except RequestRefused as exc:
            raise _refusal(exc) from exc


def _parse(model: type[M], body: bytes, path: str) -> M:
    try:
        return model.model_validate_json(body)
    except ValidationError:
        raise InvalidResponse(f"the central store's answer to {path} is not valid") from None


@contextmanager
def _sign_in_refusals() -> Iterator[None]:
    """At office sign-in a 401 is a wrong name or password, a 403 a volunteer's account; a
    locked account or a rate limit keeps its own type (worded the same everywhere)."""
    try:
        yield
    except CredentialsRefused as exc:
        raise errors.WrongCredentials from exc
    except RequestRefused as exc:
        if exc.code == ErrorCode.FORBIDDEN.value:
            raise errors.NotOfficeStaff from exc
        raise


def _refusal(exc: RequestRefused) -> Exception:
    """A refused office action: the store's sentence (a locked account keeps its type)."""
    if exc.code in {ErrorCode.ACCOUNT_LOCKED.value, ErrorCode.RATE_LIMITED.value}:
        return exc
    return errors.OfficeRefused(str(exc).partition(": ")[2] or exc.code)
