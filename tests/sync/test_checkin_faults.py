"""A few rounds of the check-in fault scenarios (tests/sync/checkin_soak.py); the benchmark
soak runs dozens (tests/benchmarks/test_checkin_soak.py)."""

from __future__ import annotations

from pathlib import Path

from tests.sync.central import ThreadServer
from tests.sync.checkin_helpers import staff_session
from tests.sync.checkin_soak import SoakCentral, kill_soak, proxy_soak


def test_sigkill_from_the_hand_over_to_the_shred_never_loses_work(tmp_path: Path) -> None:
    central = SoakCentral.build(tmp_path / "store")
    with ThreadServer(central) as server:
        seen = kill_soak(
            central, server.url, staff_session(server.url), tmp_path, rounds=3, seed=17, first=4
        )
    assert sum(n for k, n in seen.items() if k.startswith("held by")) == 3


def test_spoiled_connections_never_lose_work(tmp_path: Path) -> None:
    central = SoakCentral.build(tmp_path / "store")
    with ThreadServer(central) as server:
        seen = proxy_soak(central, server.port, tmp_path, rounds=2, seed=5)
    assert seen["stopped, then resumed"] >= 1
