"""Throwaway PostgreSQL databases on 127.0.0.1:5432 for the store's tests and benchmarks."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

from erms_desktop.central.migrate import upgrade
from tests.conftest import in_ci

PG_SERVER = "host=127.0.0.1 port=5432 user=postgres connect_timeout=3"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


@contextmanager
def throwaway_database(prefix: str = "erms_test") -> Iterator[str]:
    """A new, migrated database (dropped afterwards). Unreachable PostgreSQL skips the test
    locally and fails it in CI."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    try:
        with psycopg.connect(f"{PG_SERVER} dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        if in_ci():
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is required in CI: {exc}")
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 is not reachable: {exc}")
    url = PG_URL.format(name=name)
    try:
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(f"{PG_SERVER} dbname=postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
