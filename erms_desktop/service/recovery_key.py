"""How a laptop install finds its office: the organisation's recovery public key, which every new
vault's data key is also wrapped to (docs/security-model.md). The installer provisions it as
``recovery-public-key.pem`` in the app's resources; ``ERMS_RECOVERY_PUBLIC_KEY`` (a file path,
``DesktopSettings.recovery_public_key``) overrides it for staging set-ups. Without it the app
cannot create a vault, so enrolment says plainly that this installation cannot reach the office
yet."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from erms_desktop.service import errors
from erms_desktop.service.settings import DesktopSettings

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

KEY_RESOURCE = "recovery-public-key.pem"


def recovery_key_pem(settings: DesktopSettings) -> bytes | None:
    override = settings.recovery_public_key
    if override is not None:
        try:
            return override.read_bytes()
        except OSError as exc:  # configured but unreadable: say so, never guess
            raise errors.ServerNotAvailable from exc
    bundled = resources.files("erms_desktop.resources") / KEY_RESOURCE
    return bundled.read_bytes() if bundled.is_file() else None


def provisioned_recovery_key(settings: DesktopSettings) -> X25519PublicKey | None:
    """The organisation's recovery public key, when this install knows it."""
    pem = recovery_key_pem(settings)
    if pem is None:
        return None
    from erms_desktop.vault.recovery import public_key_from_pem

    return public_key_from_pem(pem)
