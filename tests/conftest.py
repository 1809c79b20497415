"""Shared test set-up: Qt offscreen, the benchmark switch, and what CI insists must not skip."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.service.office import Office

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--bench-full",
        action="store_true",
        default=False,
        help="run benchmarks and soaks at full size and check their targets",
    )


def in_ci() -> bool:
    """CI sets CI=true; there, a missing PostgreSQL or Secret Service is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """The real central store on loopback with the demo dataset, serving (see tests/service)."""
    from tests.service.office import Office

    running = Office(tmp_path / "office")
    running.online = True
    yield running
    running.online = False
