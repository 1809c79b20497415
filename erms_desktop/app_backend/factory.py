"""The one place that chooses the backend behind the shell. Both modes run on the real encrypted
vault (``VaultBackend``); what differs is who plays the office server:

- Normal mode: nobody yet. A laptop can unlock and work with a vault it already holds; enrolling
  and syncing say plainly that this build cannot reach the office server, until the sync
  client's adapter (a ``SyncPort``) is passed as ``sync=`` below.
- Demo mode (demo.py): a throwaway vault, the demo volunteer enrolled with the demo passphrase
  shown on the unlock screen, and ``DemoCentral`` handing over the synthetic caseload in process.
  The final demo swaps ``DemoCentral`` for the sync client talking to an embedded
  ``erms-central`` on 127.0.0.1; nothing else changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.app_backend.backend import Backend

if TYPE_CHECKING:
    from erms_desktop.vault import Vault


def make_backend(*, demo: bool) -> Backend:
    if demo:
        from erms_desktop.app_backend.demo import make_demo_backend

        return make_demo_backend()
    from erms_desktop.app_backend.vault_backend import VaultBackend

    return VaultBackend(_open_vault, sync=None)


def _open_vault() -> Vault:
    """Runs on the worker thread: importing and making the vault stays off the GUI thread."""
    from erms_desktop.vault import Vault, VaultPolicy

    return Vault(policy=VaultPolicy())
