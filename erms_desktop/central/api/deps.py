"""Dependencies: the database, version negotiation, the client's address and the principal.

Handlers run their own unit of work with :meth:`Database.unit`. Authentication runs in a separate,
committed transaction: a failed attempt, a lockout or a wipe instruction must be recorded even
though the request is refused.

The dependencies that only read the request are coroutines: FastAPI sends a plain function to
its thread pool, and a thread hop per dependency cost every push and pull about a millisecond.
Only authentication, which queries the database, runs in a thread.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from erms_desktop.central import auth, throttle
from erms_desktop.central.access import Principal
from erms_desktop.central.audit_seal import AuditSeal, seal_from
from erms_desktop.central.db import READ_ONLY, make_engine, make_session_factory
from erms_desktop.central.errors import AuthenticationError, CentralError, ForbiddenError
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
class Database:
    """One store's settings, engine and sessions (whose audit entries are keyed and sealed)."""

    settings: CentralSettings
    engine: Engine
    factory: sessionmaker[Session]
    seal: AuditSeal

    @classmethod
    def open(cls, settings: CentralSettings) -> Database:
        engine = make_engine(settings.database_url)
        seal = seal_from(settings)
        return cls(settings, engine, make_session_factory(engine, seal), seal)

    @contextmanager
    def unit(self) -> Iterator[Session]:
        with self.factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads: on SQLite it does not queue behind writers."""
        with self.factory(execution_options={READ_ONLY: True}) as session, session.begin():
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

    def count_attempt(self, *limits: throttle.Limit) -> None:
        """Count an attempt against rate limits, committed whether or not it is refused."""
        window = self.settings.rate_window_seconds
        self.committing_refusals(lambda s: throttle.count_attempt(s, list(limits), window))

    def checkpoint(self) -> None:
        """Write the committed audit head as a signed checkpoint (timer and shutdown)."""
        with self.unit() as session:
            self.seal.checkpoint_head(session)


def get_store(request: Request) -> Database:
    store: Database = request.app.state.store
    return store


def on_event_loop(read: Callable[[Request], T]) -> Callable[[Request], Awaitable[T]]:
    """``read`` as a dependency run on the event loop (it does no I/O), not in a thread."""

    async def dependency(request: Request) -> T:
        return read(request)

    return dependency


StoreDep = Annotated[Database, Depends(on_event_loop(get_store))]


def client_address(request: Request) -> str:
    """The caller's address: the peer, or, only when the peer is a configured trusted proxy,
    the right-most address in X-Forwarded-For that is not itself a trusted proxy."""
    peer = request.client.host if request.client else "unknown"
    trusted = [ip_network(p, strict=False) for p in get_store(request).settings.trusted_proxies]
    if not _within(peer, trusted):
        return peer
    forwarded = request.headers.get("x-forwarded-for", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _within(hop, trusted):
            return hop[:64]
    return peer


def _within(address: str, networks: list[IPv4Network | IPv6Network]) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


AddressDep = Annotated[str, Depends(on_event_loop(client_address))]


class UpgradeRequiredError(Exception):
    """The client's protocol or schema version is not served; answered 426."""


async def check_versions(
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


async def bearer_token(authorization: Annotated[str | None, Header()] = None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip() or len(token) > 200:
        raise AuthenticationError("sign in first (Authorization: Bearer <token>)")
    return token.strip()


TokenDep = Annotated[str, Depends(bearer_token)]


def _principal(
    request: Request, store: Database, token: str, address: str, *, password_change: bool
) -> Principal:
    principal = store.committing_refusals(
        lambda session: auth.authenticate(session, token, address, password_change=password_change)
    )
    # Kept for the refusal audit (refusals.py): who was refused, from which device.
    request.state.principal = principal
    return principal


def current_principal(
    request: Request, store: StoreDep, token: TokenDep, address: AddressDep
) -> Principal:
    return _principal(request, store, token, address, password_change=False)


def password_principal(
    request: Request, store: StoreDep, token: TokenDep, address: AddressDep
) -> Principal:
    """Like current_principal, but also accepts a session that may only change the password."""
    return _principal(request, store, token, address, password_change=True)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


async def staff_principal(principal: PrincipalDep) -> Principal:
    """The signed-in principal, refused unless they are office staff or an administrator."""
    if not principal.is_staff:
        raise ForbiddenError("office staff only")
    return principal


StaffDep = Annotated[Principal, Depends(staff_principal)]
