"""Which protection a new vault's key gets (the vault's ``KeyringPolicy``), chosen here so that
``doctor`` can report it:

- ``required`` (the production default): the OS keyring and the passphrase; no keyring, no vault.
- ``preferred`` (development): the keyring when there is one, else the passphrase alone.
- ``never`` (demo mode, development): the passphrase alone; the keyring is not touched.

``ERMS_KEYRING_POLICY`` (``DesktopSettings.keyring_policy``) selects one. A value that is not
understood never weakens anything: ``required`` applies and ``doctor`` says the setting was
ignored. Kept free of vault imports, so
the GUI can start without loading the vault.
"""

from __future__ import annotations

from dataclasses import dataclass

from erms_desktop.service.settings import KEYRING_POLICY_ENV, NOT_SET, DesktopSettings

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


def keyring_setting(*, demo: bool, settings: DesktopSettings = NOT_SET) -> KeyringSetting:
    if demo:
        return KeyringSetting(NEVER, "demo mode: the demo passphrase is shown on screen")
    raw = settings.keyring_policy.strip().lower()
    if not raw:
        return KeyringSetting(REQUIRED, "default")
    if raw in (REQUIRED, PREFERRED, NEVER):
        return KeyringSetting(raw, f"from {KEYRING_POLICY_ENV}")
    return KeyringSetting(REQUIRED, f"{KEYRING_POLICY_ENV} not understood, so the default applies")
