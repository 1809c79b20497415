"""Migrations: they build exactly the schema the models describe, and run down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from erms_desktop.central.db import make_engine
from erms_desktop.central.migrate import alembic_config, is_current, upgrade
from erms_desktop.central.models import Base


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_downgrade_to_nothing_and_upgrade_again(db_url: str) -> None:
    assert is_current(db_url)
    command.downgrade(alembic_config(db_url), "base")
    engine = make_engine(db_url)
    try:
        assert "records" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    assert not is_current(db_url)
    upgrade(db_url)
    assert is_current(db_url)
