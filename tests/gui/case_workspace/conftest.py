"""A real vault with one synthetic case, served to the workspace through the shell's own
background worker (so every vault call really runs off the GUI thread)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.service.casework import Casework
from tests.service.world import World, make_vault, seed


class CaseworkOnly:
    """The part of the desktop service the workspace needs: ``casework``."""

    def __init__(self, casework: Casework) -> None:
        self._casework = casework

    @property
    def casework(self) -> Casework:
        return self._casework


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    vault = make_vault(tmp_path / "vault")
    yield seed(vault)
    vault.lock()


@pytest.fixture
def runner(world: World) -> Iterator[WorkerRunner]:
    worker = ServiceWorker(CaseworkOnly(world.casework))  # type: ignore[arg-type]
    yield WorkerRunner(worker)
    worker.shutdown()
