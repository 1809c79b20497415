"""How a laptop install finds its office: the organisation's recovery public key, which every new
vault's data key is also wrapped to (DESIGN.md 5). The installer provisions it as
``recovery-public-key.pem`` in the app's resources; ``ERMS_RECOVERY_PUBLIC_KEY`` (a file path)
overrides it for staging set-ups. Without it the app cannot create a vault, so enrolment says
plainly that this installation cannot reach the office yet."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from erms_desktop.service import errors

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

KEY_ENV = "ERMS_RECOVERY_PUBLIC_KEY"
KEY_RESOURCE = "recovery-public-key.pem"


def recovery_key_pem() -> bytes | None:
    override = os.environ.get(KEY_ENV)
    if override:
        try:
            return Path(override).read_bytes()
        except OSError as exc:  # configured but unreadable: say so, never guess
            raise errors.ServerNotAvailable from exc
    bundled = resources.files("erms_desktop.resources") / KEY_RESOURCE
    return bundled.read_bytes() if bundled.is_file() else None


def provisioned_recovery_key() -> X25519PublicKey | None:
    """The organisation's recovery public key, when this install knows it."""
    pem = recovery_key_pem()
    if pem is None:
        return None
    from erms_desktop.vault.recovery import public_key_from_pem

    return public_key_from_pem(pem)
