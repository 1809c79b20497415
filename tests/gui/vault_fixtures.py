"""A real vault (SQLCipher, cheap Argon2id parameters named as such) and a scripted stand-in for
the sync client's port, for the vault-backed backend's tests. The sync client itself is issue 6;
this stand-in only plays the central store's part through the port."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.app_backend.backend import ProgressCallback
from erms_desktop.app_backend.models import (
    AttentionItem,
    EnrolmentRequest,
    ResolveAction,
    SyncProgress,
)
from erms_desktop.app_backend.sync_port import Enrolment
from erms_desktop.app_backend.vault_backend import VaultBackend
from erms_desktop.domain.demo_data import DEMO_VOLUNTEER_ID, generate_demo_data
from erms_desktop.domain.records import kind_of, to_fields
from erms_desktop.vault import (
    Argon2Params,
    KeyringPolicy,
    RemoteChange,
    Store,
    Vault,
    VaultPolicy,
)

PASSPHRASE = "plum orbit lantern meadow"
CHEAP = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=Argon2Params.insecure_for_tests())


@dataclass
class ScriptedSyncPort:
    """Hands over the demo volunteer's records as remote changes; nothing else."""

    online: bool = True
    case_count: int = 8
    recovery: X25519PrivateKey = field(default_factory=X25519PrivateKey.generate)
    calls: list[str] = field(default_factory=list)

    def enrol(self, request: EnrolmentRequest) -> Enrolment:
        self.calls.append("enrol")
        return Enrolment(
            "LAPTOP-TEST", self.recovery.public_key(), "device-token", DEMO_VOLUNTEER_ID
        )

    def remember(self, store: Store, enrolment: Enrolment) -> None:
        store.set_state("test.credentials", enrolment.credentials)

    def sync(self, store: Store, progress: ProgressCallback) -> int:
        if not self.online:
            from erms_desktop.app_backend.errors import ServerUnreachable

            raise ServerUnreachable
        data = generate_demo_data(case_count=self.case_count)
        mine = {c.id for c in data.cases_of(DEMO_VOLUNTEER_ID)}
        changes = [
            RemoteChange(kind_of(e), e.id, 1, False, to_fields(e))
            for e in data.entities()
            if getattr(e, "case_id", None) in mine or getattr(e, "id", None) in mine
        ]
        store.apply_remote(changes)
        progress(SyncProgress(len(changes), len(changes), 0, 0, len(mine)))
        return len(mine)

    def reachable(self) -> bool:
        return self.online

    def conflicts(self, store: Store) -> list[AttentionItem]:
        return []

    def resolve_conflict(self, store: Store, item_id: str, action: ResolveAction) -> None:
        self.calls.append(f"resolve {item_id}")

    def retry_rejected(self, store: Store, seq: int) -> None:
        self.calls.append(f"retry {seq}")

    def change_password(self, store: Store, current: str, new: str) -> None:
        self.calls.append("change_password")

    def password_expires(self, store: Store) -> date | None:
        return None


def vault_backend(
    folder: Path, port: ScriptedSyncPort | None, clock: Callable[[], datetime] | None = None
) -> VaultBackend:
    return VaultBackend(
        lambda: Vault(folder, policy=CHEAP),
        sync=port,
        clock=clock or (lambda: datetime.now(UTC)),
    )


def enrolled(
    folder: Path, port: ScriptedSyncPort, clock: Callable[[], datetime] | None = None
) -> VaultBackend:
    backend = vault_backend(folder, port, clock)
    backend.enrol(EnrolmentRequest("https://erms.example.org", "CODE", "someone", "pw"))
    backend.set_passphrase(PASSPHRASE)
    backend.sync_now(lambda _p: None)
    return backend
