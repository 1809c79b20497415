"""Fault tests against a real uvicorn store on 127.0.0.1 (a few rounds each; the soak in
tests/benchmarks/test_sync_soak.py runs hundreds under --bench-full)."""

from __future__ import annotations

from pathlib import Path

from tests.sync.central import Central, ProcessServer, ThreadServer
from tests.sync.soak import enrolled_laptop, kill_soak, proxy_soak, restart_soak


def test_a_proxy_spoiling_connections_loses_and_duplicates_nothing(
    central: Central, server: ThreadServer, tmp_path: Path
) -> None:
    client = enrolled_laptop(central, server.url, tmp_path / "vault")
    try:
        seen = proxy_soak(central, client, server.port, rounds=6, seed=11)
    finally:
        client.close()
        client.vault.lock()
    assert sum(count for fault, count in seen.items() if fault != "none") >= 3


def test_a_laptop_killed_mid_sync_recovers_without_loss(
    central: Central, server: ThreadServer, tmp_path: Path
) -> None:
    written = kill_soak(central, server.url, tmp_path / "vault", kills=3, seed=5)
    assert written > 0


def test_a_store_restarted_mid_sync_loses_and_duplicates_nothing(
    central: Central, tmp_path: Path
) -> None:
    with ProcessServer(central) as server:
        client = enrolled_laptop(central, server.url, tmp_path / "vault")
        try:
            written = restart_soak(central, client, server, rounds=2, seed=3)
        finally:
            client.close()
            client.vault.lock()
    assert written >= 500
