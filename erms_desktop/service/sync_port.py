"""What the vault-backed backend needs from the sync client, as an interface.

The sync client keeps the device credentials inside the vault, so the vault comes first:
``check_server`` at the wizard's sign-in step (nothing is redeemed yet), then, once the
volunteer has chosen a passphrase, the backend creates the vault with ``recovery_key()`` and
calls ``enrol``. If enrolment is refused the new vault is crypto-shredded again, so a failed
enrolment leaves nothing behind.

Implementations: ``client_port.ClientPort`` (the real sync client, issue 6) and
``demo_central.DemoCentral`` (an in-process stand-in, used where no central store runs).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from erms_desktop.service.backend import ProgressCallback
from erms_desktop.service.models import AttentionItem, EnrolmentRequest, ResolveAction

if TYPE_CHECKING:  # the vault loads on the worker thread, after the first screen shows
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from erms_desktop.vault import Vault


class SyncPort(Protocol):
    def check_server(self, server_url: str) -> None: ...
    def recovery_key(self) -> X25519PublicKey: ...
    def enrol(self, vault: Vault, request: EnrolmentRequest) -> str: ...  # the user id
    def sign_in(self, vault: Vault, password: str) -> None: ...
    def sync(self, vault: Vault, progress: ProgressCallback) -> int: ...  # cases received
    def reachable(self, vault: Vault) -> bool: ...
    def conflicts(self, vault: Vault) -> list[AttentionItem]: ...
    def resolve_conflict(self, vault: Vault, item_id: str, action: ResolveAction) -> None: ...
    def retry_rejected(self, vault: Vault, seq: int) -> None: ...
    def change_password(self, vault: Vault, current: str, new: str) -> None: ...
    def password_expires(self, vault: Vault) -> date | None: ...
