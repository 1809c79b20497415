"""The one interface between the desktop shell and the core (vault + sync client).

Every method may block (disk, Argon2id, network) and is called only from the shell's single
background worker, never from the GUI thread. Failures are the typed errors in ``errors``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from erms_desktop.service.models import (
    AccountInfo,
    AttentionItem,
    CaseSummary,
    Diagnostics,
    EnrolmentRequest,
    EnrolmentResult,
    NoteHit,
    ResolveAction,
    SyncOutcome,
    SyncProgress,
    SyncStatus,
    UnlockInfo,
)

ProgressCallback = Callable[[SyncProgress], None]


class Backend(Protocol):
    # Before unlock: no case data.
    def unlock_info(self) -> UnlockInfo: ...
    def warm_up(self) -> None: ...  # slow preparation, run once the first screen is showing
    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult: ...
    def set_passphrase(self, passphrase: str) -> None: ...
    def unlock(self, passphrase: str) -> AccountInfo: ...
    def lock(self) -> None: ...
    def wipe_damaged_vault(self) -> None: ...  # only after unlock raised VaultDamaged
    def diagnostics(self) -> Diagnostics: ...

    # Needs the open vault (VaultLocked otherwise).
    def status(self) -> SyncStatus: ...
    def list_cases(self) -> list[CaseSummary]: ...
    def search_notes(self, query: str) -> list[NoteHit]: ...
    def sync_now(self, progress: ProgressCallback) -> SyncOutcome: ...
    def attention_items(self) -> list[AttentionItem]: ...
    def resolve(self, item_id: str, action: ResolveAction) -> None: ...
    def change_central_password(self, current: str, new: str) -> None: ...
    def change_passphrase(self, current: str, new: str) -> None: ...
    def sign_in(self, password: str) -> None: ...  # a new office session (SignInNeeded)
