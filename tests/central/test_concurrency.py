"""Two real uvicorn instances (separate processes) sharing one database, hit in parallel: one
enrolment code makes one device, the lockout holds at the configured count, and a per-account
rate limit holds across both instances. PostgreSQL is the case that matters (row locks); the
same test runs on one SQLite file."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from erms_desktop.central import admin
from erms_desktop.central.api.deps import Database
from erms_desktop.central.models import Device, User
from tests.central.server import running_store
from tests.central.store_settings import store_settings, write_settings_file
from tests.central.world import PASSWORD, VERSIONS

LOCKOUT = 7  # not the default, to show the configured count is the one that holds
ACCOUNT_LIMIT = 12
SETTINGS = {
    "lockout_threshold": LOCKOUT,
    "sign_in_limit_per_account": 1000,
    "sign_in_limit_per_address": 1000,
    "enrol_limit_per_address": 1000,
    "enrol_limit_per_account": 1000,
    "trusted_proxies": "127.0.0.1",
}


@dataclass
class Pair:
    """Two instances of the store and the database they share."""

    bases: tuple[str, str]
    database: Database

    def parallel(
        self, count: int, send: Callable[[httpx.Client, int], httpx.Response]
    ) -> list[int]:
        """``count`` requests released at once, alternating between the two instances."""
        start = threading.Barrier(count)

        def one(n: int) -> int:
            with httpx.Client(base_url=self.bases[n % 2], headers=VERSIONS, timeout=60) as http:
                start.wait()
                return send(http, n).status_code

        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(one, range(count)))


def _pair(db_url: str, folder: Path, **settings: Any) -> Iterator[Pair]:
    settings_file = write_settings_file(folder, **settings)
    database = Database.open(store_settings(db_url, folder, **settings))
    try:
        with (
            running_store(db_url, settings_file=settings_file) as one,
            running_store(db_url, settings_file=settings_file) as two,
        ):
            yield Pair((one, two), database)
    finally:
        database.engine.dispose()


@pytest.fixture
def pair(db_url: str, tmp_path: Path) -> Iterator[Pair]:
    yield from _pair(db_url, tmp_path, **SETTINGS)


def _enrolment(pair: Pair, username: str) -> dict[str, str]:
    with pair.database.unit() as s:
        if s.scalar(select(User).where(User.username == username)) is None:
            admin.create_user(s, pair.database.settings, username, "volunteer", PASSWORD)
        code = admin.create_enrolment_code(s, pair.database.settings, username, "LAP-RACE")
    return {"code": code, "username": username, "password": PASSWORD, "device_name": "race"}


def test_one_enrolment_code_makes_one_device(pair: Pair) -> None:
    body = _enrolment(pair, "vic")
    statuses = pair.parallel(8, lambda http, _n: http.post("/v1/enrol", json=body))
    assert Counter(statuses) == {200: 1, 401: 7}
    with pair.database.unit() as s:
        devices = s.scalar(
            select(func.count()).select_from(Device).join(User).where(User.username == "vic")
        )
    assert devices == 1


def test_lockout_holds_at_the_configured_count(pair: Pair) -> None:
    with httpx.Client(base_url=pair.bases[0], headers=VERSIONS) as http:
        device = http.post("/v1/enrol", json=_enrolment(pair, "lou")).json()
    wrong = {
        "device_id": device["device_id"],
        "device_secret": device["device_secret"],
        "username": "lou",
        "password": "not the password at all",
    }
    statuses = pair.parallel(39, lambda http, _n: http.post("/v1/sign-in", json=wrong))
    assert Counter(statuses) == {401: LOCKOUT, 423: 39 - LOCKOUT}
    right = {**wrong, "password": PASSWORD}
    with httpx.Client(base_url=pair.bases[1], headers=VERSIONS) as http:
        assert http.post("/v1/sign-in", json=right).status_code == 423
    with pair.database.unit() as s:
        lou = s.scalar(select(User).where(User.username == "lou"))
        assert lou is not None
        assert lou.locked_until is not None


@pytest.fixture
def limited_pair(db_url: str, tmp_path: Path) -> Iterator[Pair]:
    yield from _pair(db_url, tmp_path, **{**SETTINGS, "sign_in_limit_per_account": ACCOUNT_LIMIT})


def test_per_account_rate_limit_holds_across_instances_and_addresses(limited_pair: Pair) -> None:
    """Every attempt comes from another address (through the trusted proxy at 127.0.0.1), so
    only the per-account count, shared through the database, can stop them."""
    wrong = {"device_id": "0" * 36, "device_secret": "x", "username": "nobody", "password": "x"}

    def attempt(http: httpx.Client, n: int) -> httpx.Response:
        forwarded = {"X-Forwarded-For": f"198.51.100.{n + 1}"}
        return http.post("/v1/sign-in", json=wrong, headers=forwarded)

    statuses = limited_pair.parallel(30, attempt)
    assert Counter(statuses) == {401: ACCOUNT_LIMIT, 429: 30 - ACCOUNT_LIMIT}
