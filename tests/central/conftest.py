"""Store fixtures: every store test runs against SQLite and against the PostgreSQL at
127.0.0.1:5432 (a throwaway database per test session, dropped afterwards). Without PostgreSQL
the PostgreSQL half skips locally and fails in CI."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from erms_desktop.central.api import create_app
from erms_desktop.central.db import make_engine
from erms_desktop.central.migrate import upgrade
from erms_desktop.central.settings import CentralSettings
from tests.central.pg import throwaway_database
from tests.central.store_settings import AUDIT_KEY, store_settings
from tests.central.world import World

_TABLES = (
    *("handover_items", "handover_packages", "checkins"),
    *("audit_log", "change_log", "scope_events", "allocations", "device_mutations", "sessions"),
    *("device_holdings", "enrolment_codes", "attachment_chunks"),
    *("attachments", "records", "devices", "users"),
    *("counters", "rate_counts", "referral_details", "equality_monitoring"),
    *("referral_rejections", "supervision_notes"),
)


@pytest.fixture(autouse=True)
def _suite_audit_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Stores built from the environment (the command line, uvicorn workers) use the suite's
    audit key and the test's own checkpoint file, never the user's data folder."""
    monkeypatch.setenv("ERMS_CENTRAL_AUDIT_KEY", AUDIT_KEY)
    monkeypatch.setenv(
        "ERMS_CENTRAL_AUDIT_CHECKPOINT_FILE", str(tmp_path / "audit-checkpoints.jsonl")
    )


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with throwaway_database() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "central.db"
    upgrade(f"sqlite:///{path}")
    return path


def _reset_postgres(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            # Deleting is much faster than TRUNCATE for these small tables; the replica role
            # switches off the audit log's append-only trigger for this clean-up only.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table in _TABLES:
                conn.execute(text(f"DELETE FROM {table}"))
            # A tamper test may have switched the append-only trigger off: back on.
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
            conn.execute(
                text(
                    "INSERT INTO counters (name, value, text) VALUES "
                    "('seq', 0, ''), ('audit', 0, :genesis), ('tombstone_floor', 0, '')"
                ),
                {"genesis": "0" * 64},
            )
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh migrated SQLite store, for tests of code paths that do not depend on the
    database (command-line parsing and messages)."""
    target = tmp_path / "central.db"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        url: str = request.getfixturevalue("sqlite_url")
        return url
    pg_url: str = request.getfixturevalue("postgres_url")
    _reset_postgres(pg_url)
    return pg_url


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> CentralSettings:
    return store_settings(db_url, tmp_path)


@pytest.fixture
def client(settings: CentralSettings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.store.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_world(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> World:
    """The world built once into an SQLite file; each SQLite test gets a copy of the file."""
    path = tmp_path_factory.mktemp("world") / "central.db"
    shutil.copyfile(sqlite_template, path)
    app = create_app(store_settings(f"sqlite:///{path}", path.parent))
    with TestClient(app) as builder:
        world = World.build(builder)
    app.state.store.engine.dispose()  # the last connection closing folds the WAL into the file
    world.template = path
    return world


@pytest.fixture
def world(request: pytest.FixtureRequest, db_url: str) -> World:
    """The world on a fresh store: copied from the built SQLite file, or built in PostgreSQL."""
    if db_url.startswith("sqlite:///"):
        built: World = request.getfixturevalue("sqlite_world")
        assert built.template is not None
        shutil.copyfile(built.template, db_url.removeprefix("sqlite:///"))
        client: TestClient = request.getfixturevalue("client")
        return built.copy_onto(client)
    return World.build(request.getfixturevalue("client"))
