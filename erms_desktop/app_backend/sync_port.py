"""What the vault-backed backend needs from the sync client (issue 6), as an interface.

The sync client is being written alongside; an adapter around it implementing ``SyncPort`` is
all that is missing for the real backend to enrol and sync. Until then ``VaultBackend`` runs with
no port: everything local works (unlock, lock, case list, search, attention, passphrase), and
the operations that need the office server say plainly that this build cannot reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from erms_desktop.app_backend.backend import ProgressCallback
from erms_desktop.app_backend.models import AttentionItem, EnrolmentRequest, ResolveAction

if TYPE_CHECKING:  # the vault loads on the worker thread, after the first screen shows
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from erms_desktop.vault import Store


@dataclass(frozen=True, slots=True)
class Enrolment:
    """The central store's answer to an enrolment: kept in memory until the passphrase is set."""

    device_name: str
    recovery_key: X25519PublicKey
    #: Opaque device credentials, stored only inside the vault once it exists.
    credentials: str
    #: The volunteer's user id: notes they wrote are "their own" for search.
    user_id: str


class SyncPort(Protocol):
    def enrol(self, request: EnrolmentRequest) -> Enrolment: ...
    def remember(self, store: Store, enrolment: Enrolment) -> None: ...
    def sync(self, store: Store, progress: ProgressCallback) -> int: ...  # cases received
    def reachable(self) -> bool: ...
    def conflicts(self, store: Store) -> list[AttentionItem]: ...
    def resolve_conflict(self, store: Store, item_id: str, action: ResolveAction) -> None: ...
    def retry_rejected(self, store: Store, seq: int) -> None: ...
    def change_password(self, store: Store, current: str, new: str) -> None: ...
    def password_expires(self, store: Store) -> date | None: ...
