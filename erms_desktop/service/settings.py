"""The desktop's settings from the environment, read in this one module, once, when the program
starts (``erms-desktop`` builds the desktop service with them). Every variable is optional; an
install normally sets none. docs/desktop-shell.md lists them with their defaults.

Plain standard library on purpose: the laptop bundle carries no settings framework, and nothing
here may slow the first screen."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "ERMS_DATA_DIR"
KEYRING_POLICY_ENV = "ERMS_KEYRING_POLICY"
RECOVERY_KEY_ENV = "ERMS_RECOVERY_PUBLIC_KEY"
CENTRAL_URL_ENV = "ERMS_CENTRAL_URL"
SYNC_DEBOUNCE_ENV = "ERMS_SYNC_DEBOUNCE_SECONDS"
SYNC_INTERVAL_ENV = "ERMS_SYNC_INTERVAL_SECONDS"
MAX_SECONDS = 86_400.0  # a day: longer (or not a number) means the default


@dataclass(frozen=True, slots=True)
class DesktopSettings:
    """``None`` or empty means "not set": each user of a setting applies its own default."""

    data_dir: Path | None = None  # the vault's folder; default: the user's local data folder
    keyring_policy: str = ""  # required | preferred | never; default (and if unclear): required
    recovery_public_key: Path | None = None  # a PEM file; default: the one the installer bundled
    central_url: str | None = None  # the enrolment wizard's first address (not on Windows)
    sync_debounce_seconds: float | None = None  # quiet after a saved change before it syncs
    sync_interval_seconds: float | None = None  # between automatic syncs while online

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> DesktopSettings:
        def text(name: str) -> str:
            return environ.get(name, "").strip()

        def path(name: str) -> Path | None:
            return Path(text(name)).expanduser() if text(name) else None

        def seconds(name: str) -> float | None:
            try:
                value = float(text(name))
            except ValueError:  # unset or not a number: the default
                return None
            return value if 0 < value <= MAX_SECONDS else None

        return cls(
            data_dir=path(DATA_DIR_ENV),
            keyring_policy=text(KEYRING_POLICY_ENV),
            recovery_public_key=path(RECOVERY_KEY_ENV),
            central_url=text(CENTRAL_URL_ENV) or None,
            sync_debounce_seconds=seconds(SYNC_DEBOUNCE_ENV),
            sync_interval_seconds=seconds(SYNC_INTERVAL_ENV),
        )


NOT_SET = DesktopSettings()  # every default, as on a laptop whose installer set nothing


def read_settings() -> DesktopSettings:
    """The settings of this process (call once, at start-up)."""
    return DesktopSettings.from_environ(os.environ)
