"""Sign-in and enrolment are rate-limited per client address and per account (configurable);
X-Forwarded-For names the client only when the peer is a configured trusted proxy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from erms_desktop.central import throttle
from erms_desktop.central.api import create_app
from tests.central.store_settings import store_settings
from tests.central.world import VERSIONS

HIGH = 1000


@contextmanager
def _instance(db_url: str, folder: Path, peer: str, **settings: Any) -> Iterator[TestClient]:
    """A store instance whose every request comes from ``peer``."""
    app = create_app(store_settings(db_url, folder, **settings))
    with TestClient(app, raise_server_exceptions=False, client=(peer, 40000)) as client:
        yield client
    app.state.store.engine.dispose()


def _sign_in(client: TestClient, username: str, forwarded: str | None = None) -> int:
    body = {"device_id": "0" * 36, "device_secret": "x", "username": username, "password": "x"}
    headers = {**VERSIONS, **({"X-Forwarded-For": forwarded} if forwarded else {})}
    return client.post("/v1/sign-in", json=body, headers=headers).status_code


def _enrol(client: TestClient, username: str) -> int:
    body = {"code": "AAAA-BBBB-CCCC", "username": username, "password": "x", "device_name": "x"}
    return client.post("/v1/enrol", json=body, headers=VERSIONS).status_code


def test_sign_in_is_limited_per_address(db_url: str, tmp_path: Path) -> None:
    limits = {"sign_in_limit_per_address": 3, "sign_in_limit_per_account": HIGH}
    with _instance(db_url, tmp_path, "192.0.2.7", **limits) as client:
        codes = [_sign_in(client, f"user{n}") for n in range(5)]
    assert codes == [401, 401, 401, 429, 429]
    with _instance(db_url, tmp_path, "192.0.2.8", **limits) as elsewhere:
        assert _sign_in(elsewhere, "user0") == 401


def test_sign_in_is_limited_per_account(db_url: str, tmp_path: Path) -> None:
    limits = {"sign_in_limit_per_address": HIGH, "sign_in_limit_per_account": 3}
    codes = []
    for n in range(5):
        with _instance(db_url, tmp_path, f"192.0.2.{n + 1}", **limits) as client:
            codes.append(_sign_in(client, "alice"))
    assert codes == [401, 401, 401, 429, 429]
    with _instance(db_url, tmp_path, "192.0.2.9", **limits) as client:
        assert _sign_in(client, "bob") == 401


def test_enrolment_is_limited_per_address_and_per_account(db_url: str, tmp_path: Path) -> None:
    per_address = {"enrol_limit_per_address": 2, "enrol_limit_per_account": HIGH}
    with _instance(db_url, tmp_path, "203.0.113.1", **per_address) as client:
        assert [_enrol(client, f"u{n}") for n in range(3)] == [401, 401, 429]
    per_account = {"enrol_limit_per_address": HIGH, "enrol_limit_per_account": 2}
    codes = []
    for n in range(3):
        with _instance(db_url, tmp_path, f"203.0.113.{n + 10}", **per_account) as client:
            codes.append(_enrol(client, "carol"))
    assert codes == [401, 401, 429]


def test_forwarded_addresses_count_only_from_a_trusted_proxy(db_url: str, tmp_path: Path) -> None:
    limits = {"sign_in_limit_per_address": 2, "sign_in_limit_per_account": HIGH}
    with _instance(db_url, tmp_path, "192.0.2.50", **limits) as untrusted:
        spoofed = [_sign_in(untrusted, f"u{n}", f"198.51.100.{n}") for n in range(3)]
    assert spoofed == [401, 401, 429]  # the header was ignored: one address, limit reached
    trusting = {**limits, "trusted_proxies": "192.0.2.0/24"}
    with _instance(db_url, tmp_path, "192.0.2.60", **trusting) as proxied:
        forwarded = [_sign_in(proxied, f"v{n}", f"10.0.0.9, 198.51.100.{n}") for n in range(3)]
        assert forwarded == [401, 401, 401]  # three clients behind the proxy
        again = [_sign_in(proxied, f"w{n}", "198.51.100.0") for n in range(2)]
        assert again == [401, 429]  # the first client's second and third tries


def test_office_sign_in_shares_the_sign_in_limits(db_url: str, tmp_path: Path) -> None:
    """Office sign-in (no laptop) counts against the same per-account limit as a laptop's."""
    limits = {"sign_in_limit_per_address": HIGH, "sign_in_limit_per_account": 3}
    body = {"username": "sam", "password": "not the password"}
    with _instance(db_url, tmp_path, "192.0.2.9", **limits) as client:
        codes = [_sign_in(client, "sam")]
        codes += [
            client.post("/v1/office/sign-in", json=body, headers=VERSIONS).status_code
            for _ in range(3)
        ]
    assert codes == [401, 401, 401, 429]


class _Clock(datetime):
    """The throttle's clock, set by the test (a store's own clock would make the outcome depend
    on how long the attempts took on a loaded machine)."""

    current = datetime(2026, 11, 24, 12, 0, 59, tzinfo=UTC)

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _Clock:
        return cls.current  # type: ignore[return-value]


def test_attempts_across_a_window_boundary_still_count(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit covers the current window and the one before: attempts made on either side of
    a boundary are counted together (counting only the current window let the next attempt
    through, and made these tests fail whenever a run crossed a boundary)."""
    monkeypatch.setattr(throttle, "datetime", _Clock)
    limits = {"sign_in_limit_per_address": 3, "sign_in_limit_per_account": HIGH}
    with _instance(db_url, tmp_path, "192.0.2.70", rate_window_seconds=60, **limits) as client:
        # a second before a minute's boundary, then a second after it
        assert [_sign_in(client, f"x{n}") for n in range(3)] == [401, 401, 401]
        monkeypatch.setattr(_Clock, "current", datetime(2026, 11, 24, 12, 1, 1, tzinfo=UTC))
        assert _sign_in(client, "x3") == 429
