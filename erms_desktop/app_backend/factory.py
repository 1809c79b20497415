"""The one place that chooses the backend behind the shell.

- Normal mode: the real encrypted vault (``VaultBackend``). Until the sync client's port is
  wired in (``sync=`` below), a laptop can unlock and work with a vault it already holds, and
  enrolling or syncing says plainly that this build cannot reach the office server.
- Demo mode: for now the in-memory stand-in, enrolled, with the synthetic caseload and the demo
  passphrase on the unlock screen. The final demo starts an embedded central store on loopback
  with the synthetic data in a throwaway folder and enrols a demo volunteer against it: that is
  ``VaultBackend(lambda: Vault(tmp, policy=...), sync=<port on loopback>, demo_passphrase=...)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.app_backend.backend import Backend

if TYPE_CHECKING:
    from erms_desktop.vault import Vault


def make_backend(*, demo: bool) -> Backend:
    if demo:
        from erms_desktop.app_backend.fake import FakeBackend

        return FakeBackend(enrolled=True, demo=True)
    from erms_desktop.app_backend.vault_backend import VaultBackend

    return VaultBackend(_open_vault, sync=None)


def _open_vault() -> Vault:
    """Runs on the worker thread: importing and making the vault stays off the GUI thread."""
    from erms_desktop.vault import Vault, VaultPolicy

    return Vault(policy=VaultPolicy())
