"""Demo mode's office server: launched as the app starts, so it loads its store while the
unlock screen shows; an app closed before it is ready does not wait for it."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import httpx
import pytest

from erms_desktop.demo.embedded_central import EmbeddedCentral, available
from tests.central.world import VERSIONS

pytestmark = pytest.mark.skipif(not available(), reason="needs the central extra")


def test_launched_early_then_serving_when_started(tmp_path: Path) -> None:
    central = EmbeddedCentral(tmp_path / "central", case_count=2)
    central.launch()  # returns at once: the child loads its store meanwhile
    central.launch()  # a second call changes nothing
    try:
        url, code = central.start()
        assert httpx.get(f"{url}/v1/health", headers=VERSIONS).status_code == 200
        assert code
    finally:
        central.stop()


def test_stop_before_ready_ends_the_loading_child_at_once(tmp_path: Path) -> None:
    central = EmbeddedCentral(tmp_path / "central", case_count=2)
    central.launch()
    child = central._child  # the process itself, to see how it ended
    assert child is not None
    central.stop()
    assert child.returncode == (-signal.SIGKILL if sys.platform != "win32" else 1)
