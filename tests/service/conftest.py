from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.service.world import World, make_vault, seed


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    vault = make_vault(tmp_path / "vault")
    yield seed(vault)
    vault.lock()
