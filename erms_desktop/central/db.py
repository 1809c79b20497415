"""Engines and sessions for SQLite (embedded default) and PostgreSQL (production).

SQLite transactions start with ``BEGIN IMMEDIATE`` so writers queue on the busy timeout instead
of failing when a read transaction tries to upgrade; a session opened with the :data:`READ_ONLY`
execution option (one that never writes, e.g. streaming attachment content) starts a deferred
``BEGIN`` instead and reads its WAL snapshot without queueing behind the writers. On PostgreSQL,
writers that need a global order (the change-log sequence, the audit chain) serialise on a row
lock; see counters.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic_core import from_json
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from erms_desktop.central.audit_seal import AuditSeal, install
from erms_desktop.central.errors import ConfigurationError

#: Execution option of a session that only reads (see the module docstring).
READ_ONLY = "erms_read_only"


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigurationError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            pool_pre_ping=True,
            # Record fields are JSON text in SQLite; pydantic's parser reads a pull page's
            # thousands of them several times faster than the standard library's.
            json_deserializer=from_json,
        )
        _tune_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    raise ConfigurationError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite:/// or postgresql+psycopg://"
    )


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def make_session_factory(engine: Engine, seal: AuditSeal) -> sessionmaker[Session]:
    """Sessions that carry the audit seal, so every audit entry is keyed and checkpointed."""
    factory = sessionmaker(engine, expire_on_commit=False)
    install(factory, seal)
    return factory


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any exception."""
    with factory() as session, session.begin():
        yield session
