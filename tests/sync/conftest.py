"""Sync fixtures: a real central store on uvicorn (127.0.0.1) with the demo dataset, and laptop
vaults (real SQLCipher, passphrase-only so no OS keyring is involved) enrolled against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from erms_desktop.sync.client import SyncClient
from erms_desktop.vault import Vault
from tests.sync.central import PASSWORD, Central, ThreadServer
from tests.sync.laptops import RECOVERY, new_vault

__all__ = ["RECOVERY", "Laptop", "new_vault"]


@pytest.fixture
def central(tmp_path: Path) -> Central:
    return Central.build(tmp_path / "store")


@pytest.fixture
def server(central: Central) -> Iterator[ThreadServer]:
    with ThreadServer(central) as running:
        yield running


Laptop = Callable[[str], SyncClient]


@pytest.fixture
def laptop(tmp_path: Path, central: Central, server: ThreadServer) -> Iterator[Laptop]:
    """Make an enrolled laptop for a user: its own vault, enrolled with a fresh code."""
    made: list[tuple[Vault, SyncClient]] = []

    def make(name: str) -> SyncClient:
        vault = new_vault(tmp_path / f"vault-{name}-{len(made)}")
        client = SyncClient(vault)
        client.enrol(server.url, central.code(name), name, PASSWORD)
        made.append((vault, client))
        return client

    yield make
    for vault, client in made:
        client.close()
        vault.lock()
