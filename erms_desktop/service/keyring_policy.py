"""Which protection a new vault's key gets (the vault's ``KeyringPolicy``), chosen here so that
``doctor`` can report it:

- ``required`` (the production default): the OS keyring and the passphrase; no keyring, no vault.
- ``preferred`` (development): the keyring when there is one, else the passphrase alone.
- ``never`` (demo mode, development): the passphrase alone; the keyring is not touched.

``ERMS_KEYRING_POLICY`` selects one. A value that is not understood never weakens anything:
``required`` applies and ``doctor`` says the setting was ignored. Kept free of vault imports, so
the GUI can start without loading the vault.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

POLICY_ENV = "ERMS_KEYRING_POLICY"
REQUIRED, PREFERRED, NEVER = "required", "preferred", "never"
NO_KEY_STORE_NOTE = (
    "Only your passphrase protects the cases on this laptop: no key is kept in the laptop's "
    "secure key store. Use a long passphrase, and never write it down or share it."
)


@dataclass(frozen=True, slots=True)
class KeyringSetting:
    policy: str  # a ``KeyringPolicy`` value
    source: str  # where it came from, for doctor

    def describe(self) -> str:
        return f"{self.policy} ({self.source})"


def keyring_setting(*, demo: bool, environ: Mapping[str, str] | None = None) -> KeyringSetting:
    if demo:
        return KeyringSetting(NEVER, "demo mode: the demo passphrase is shown on screen")
    raw = (os.environ if environ is None else environ).get(POLICY_ENV, "").strip().lower()
    if not raw:
        return KeyringSetting(REQUIRED, "default")
    if raw in (REQUIRED, PREFERRED, NEVER):
        return KeyringSetting(raw, f"from {POLICY_ENV}")
    return KeyringSetting(REQUIRED, f"{POLICY_ENV} not understood, so the default applies")
