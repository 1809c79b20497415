"""Dependencies: the store, version negotiation and the signed-in principal.

Handlers run their own unit of work with :meth:`Store.unit`. Authentication runs in a separate,
committed transaction: a failed attempt, a lockout or a wipe instruction must be recorded even
though the request is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from erms_desktop.central import auth
from erms_desktop.central.access import Principal
from erms_desktop.central.errors import AuthenticationError, CentralError
from erms_desktop.central.settings import CentralSettings
from erms_desktop.protocol.messages import (
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    SCHEMA_VERSION,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Store:
    settings: CentralSettings
    engine: Engine
    factory: sessionmaker[Session]

    @contextmanager
    def unit(self) -> Iterator[Session]:
        with self.factory() as session, session.begin():
            yield session

    def committing_refusals(self, work: Callable[[Session], T]) -> T:
        """Run ``work``; if it refuses with a :class:`CentralError`, keep what it recorded
        (failure counters, wipe instruction) and raise the refusal after committing."""
        refusal: CentralError | None = None
        with self.unit() as session:
            try:
                result = work(session)
            except CentralError as exc:
                refusal = exc
        if refusal is not None:
            raise refusal
        return result


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


class UpgradeRequiredError(Exception):
    """The client's protocol or schema version is not served; answered 426."""


def check_versions(
    protocol: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
    schema: Annotated[str | None, Header(alias=SCHEMA_HEADER)] = None,
) -> None:
    try:
        protocol_ok = MIN_PROTOCOL_VERSION <= int(protocol or "") <= PROTOCOL_VERSION
        schema_ok = int(schema or "") == SCHEMA_VERSION
    except ValueError:
        protocol_ok = schema_ok = False
    if not (protocol_ok and schema_ok):
        raise UpgradeRequiredError()


def _bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip() or len(token) > 200:
        raise AuthenticationError("sign in first (Authorization: Bearer <token>)")
    return token.strip()


def _principal(store: Store, authorization: str | None, *, password_change: bool) -> Principal:
    token = _bearer(authorization)
    return store.committing_refusals(
        lambda session: auth.authenticate(session, token, password_change=password_change)
    )


def current_principal(
    store: StoreDep, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    return _principal(store, authorization, password_change=False)


def password_principal(
    store: StoreDep, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    """Like current_principal, but also accepts a session that may only change the password."""
    return _principal(store, authorization, password_change=True)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
