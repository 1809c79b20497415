"""An in-process stand-in for the office server, playing the central store's part through the
``SyncPort`` for the demo volunteer: it hands over the shared synthetic dataset.

Demo mode uses the real central store on loopback with the real sync client when the central
extras are installed (embedded_central.py); this stand-in serves laptop installs without them
and the shell's own tests. Only synthetic data; nothing leaves the process.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from erms_desktop.demo.account import DEMO_ENROLMENT_CODE, DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.demo.caseload import DEMO_CASE_COUNT
from erms_desktop.service import errors
from erms_desktop.service.backend import ProgressCallback
from erms_desktop.service.models import (
    AttentionItem,
    AttentionKind,
    EnrolmentRequest,
    ResolveAction,
    SyncProgress,
)

if TYPE_CHECKING:
    from erms_desktop.vault import Vault

PAGE_CASES = 10


@dataclass
class DemoCentral:
    online: bool = True
    case_count: int = DEMO_CASE_COUNT
    recovery: X25519PrivateKey = field(default_factory=X25519PrivateKey.generate)
    calls: list[str] = field(default_factory=list)
    _password: str = DEMO_PASSWORD
    _conflicts: list[AttentionItem] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check_server(self, server_url: str) -> None:
        self._require_online()

    def recovery_key(self) -> X25519PublicKey:
        return self.recovery.public_key()

    def enrol(self, vault: Vault, request: EnrolmentRequest) -> str:
        from erms_desktop.demo.data import DEMO_VOLUNTEER_ID

        self._require_online()
        code_ok = hmac.compare_digest(request.enrolment_code.strip().upper(), DEMO_ENROLMENT_CODE)
        password_ok = hmac.compare_digest(request.password, self._password)
        if not code_ok or request.username != DEMO_USERNAME or not password_ok:
            raise errors.EnrolmentRefused
        vault.store.set_state("demo.device", "LAPTOP-DEMO-01")
        return DEMO_VOLUNTEER_ID

    def sign_in(self, vault: Vault, password: str) -> None:
        self._require_online()
        if not hmac.compare_digest(password, self._password):
            raise errors.WrongCredentials

    def sync(self, vault: Vault, progress: ProgressCallback) -> int:
        from erms_desktop.demo.data import DEMO_VOLUNTEER_ID, generate_demo_data
        from erms_desktop.domain.case import Case
        from erms_desktop.domain.records import kind_of, to_fields
        from erms_desktop.vault import RemoteChange

        self._require_online()
        store = vault.store
        data = generate_demo_data(case_count=self.case_count)
        mine = data.cases_of(DEMO_VOLUNTEER_ID)
        ids = {case.id for case in mine}
        held = {case.id for case in store.find_all(Case)}
        by_case: dict[str, list[RemoteChange]] = {case_id: [] for case_id in ids}
        for entity in data.entities():
            case_id = entity.id if entity.id in ids else getattr(entity, "case_id", None)
            if case_id in by_case:
                change = RemoteChange(kind_of(entity), entity.id, 1, False, to_fields(entity))
                by_case[case_id].append(change)
        cases = list(by_case)
        received = 0
        for start in range(0, len(cases), PAGE_CASES):  # each page in one vault transaction
            page = cases[start : start + PAGE_CASES]
            store.apply_remote([change for case_id in page for change in by_case[case_id]])
            received += sum(case_id not in held for case_id in page)
            progress(SyncProgress(start + len(page), len(cases), 0, 0, received))
        with self._lock:
            if not held and mine:  # first sync: one conflict to show the attention panel
                self._conflicts = [_demo_conflict(mine[0].service_reference)]
        return received

    def reachable(self, vault: Vault) -> bool:
        return self.online

    def conflicts(self, vault: Vault) -> list[AttentionItem]:
        with self._lock:
            return list(self._conflicts)

    def resolve_conflict(self, vault: Vault, item_id: str, action: ResolveAction) -> None:
        with self._lock:
            self._conflicts = [c for c in self._conflicts if c.item_id != item_id]

    def retry_rejected(self, vault: Vault, seq: int) -> None:
        self._require_online()
        self.calls.append(f"retry {seq}")

    def change_password(self, vault: Vault, current: str, new: str) -> None:
        self._require_online()
        if not hmac.compare_digest(current, self._password) or len(new) < 12:
            raise errors.PasswordRejected
        self._password = new

    def password_expires(self, vault: Vault) -> date | None:
        return datetime.now(UTC).date() + timedelta(days=90)

    def _require_online(self) -> None:
        if not self.online:
            raise errors.ServerUnreachable


def _demo_conflict(reference: str) -> AttentionItem:
    return AttentionItem(
        item_id="conflict:demo-1",
        kind=AttentionKind.CONFLICT,
        service_reference=reference,
        summary="The next meeting date was changed here and at the office",
        actions=(ResolveAction.KEEP_MINE, ResolveAction.KEEP_CENTRAL),
    )
