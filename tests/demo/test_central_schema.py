"""The demo store's schema snapshot is what the migrations build, so demo mode can skip Alembic
and still run the store on exactly the migrated schema."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from erms_desktop.central.migrate import is_current, upgrade
from erms_desktop.demo import central_schema


@pytest.fixture
def migrated(tmp_path: Path) -> list[str]:
    database = tmp_path / "migrated.db"
    upgrade(f"sqlite:///{database}")
    return central_schema.dump(database)


def test_snapshot_is_what_the_migrations_build(migrated: list[str]) -> None:
    shipped = Path(central_schema.__file__).with_name(central_schema.SNAPSHOT)
    assert json.loads(shipped.read_text(encoding="utf-8")) == migrated, (
        "run `python -m erms_desktop.demo.central_schema` to refresh the snapshot"
    )


def test_created_database_equals_a_migrated_one(tmp_path: Path, migrated: list[str]) -> None:
    database = tmp_path / "demo.db"
    central_schema.create(database)
    assert central_schema.dump(database) == migrated
    assert is_current(f"sqlite:///{database}")
    assert any("audit_log_no_update" in line for line in migrated)  # the triggers come too


def test_create_refuses_an_existing_database_and_leaves_it(tmp_path: Path) -> None:
    database = tmp_path / "demo.db"
    central_schema.create(database)
    before = central_schema.dump(database)
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        central_schema.create(database)
    assert central_schema.dump(database) == before
