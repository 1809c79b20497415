"""The one place that chooses the backend behind the shell. Both modes run on the real encrypted
vault (``VaultBackend``); what differs is who plays the office server:

- Normal mode: the real sync client (``ClientPort``) once the install knows its organisation's
  recovery public key (office.py); without one, a laptop can still unlock and work with a vault
  it holds, and enrolling or syncing says plainly that this install cannot reach the office.
- Demo mode (demo.py): a throwaway vault, the demo volunteer enrolled with the demo passphrase
  shown on the unlock screen, and the real central store on 127.0.0.1 with the synthetic data,
  reached through the real sync client (in-process stand-in if the central extra is missing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.service.backend import Backend

if TYPE_CHECKING:
    from erms_desktop.vault import Vault


def make_backend(*, demo: bool) -> Backend:
    if demo:
        from erms_desktop.demo.backend import make_demo_backend

        return make_demo_backend()
    from erms_desktop.service.desktop import VaultBackend
    from erms_desktop.service.office import office_port

    return VaultBackend(_open_vault, sync_factory=office_port)


def _open_vault() -> Vault:
    """Runs on the worker thread: importing and making the vault stays off the GUI thread."""
    from erms_desktop.service.keyring_policy import keyring_setting
    from erms_desktop.vault import KeyringPolicy, Vault, VaultPolicy

    return Vault(policy=VaultPolicy(keyring=KeyringPolicy(keyring_setting(demo=False).policy)))
