"""Demo mode's office server, in process: it plays the central store's part through the
``SyncPort`` for the demo volunteer, handing over the shared synthetic dataset.

It stands in for "embedded central store on loopback + sync client" until the sync client
(issue 6) exists; then demo mode swaps this for the real client against ``erms-central`` on
127.0.0.1 (see factory.py). Only synthetic data; nothing leaves the process.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.app_backend import errors
from erms_desktop.app_backend.backend import ProgressCallback
from erms_desktop.app_backend.demo_caseload import DEMO_CASE_COUNT
from erms_desktop.app_backend.models import (
    AttentionItem,
    AttentionKind,
    EnrolmentRequest,
    ResolveAction,
    SyncProgress,
)
from erms_desktop.app_backend.sync_port import Enrolment

if TYPE_CHECKING:
    from erms_desktop.vault import Store

DEMO_ENROLMENT_CODE = "DEMO-2026"
DEMO_USERNAME = "demo.volunteer"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the synthetic demo account
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

    def enrol(self, request: EnrolmentRequest) -> Enrolment:
        from erms_desktop.domain.demo_data import DEMO_VOLUNTEER_ID

        self._require_online()
        if not hmac.compare_digest(request.enrolment_code.strip().upper(), DEMO_ENROLMENT_CODE):
            raise errors.WrongEnrolmentCode
        if request.username != DEMO_USERNAME or not hmac.compare_digest(
            request.password, self._password
        ):
            raise errors.WrongCredentials
        return Enrolment(
            "LAPTOP-DEMO-01", self.recovery.public_key(), "demo-device", DEMO_VOLUNTEER_ID
        )

    def remember(self, store: Store, enrolment: Enrolment) -> None:
        store.set_state("demo.device", enrolment.device_name)

    def sync(self, store: Store, progress: ProgressCallback) -> int:
        from erms_desktop.domain.case import Case
        from erms_desktop.domain.demo_data import DEMO_VOLUNTEER_ID, generate_demo_data
        from erms_desktop.domain.records import kind_of, to_fields
        from erms_desktop.vault import RemoteChange

        self._require_online()
        data = generate_demo_data(case_count=self.case_count)
        mine = data.cases_of(DEMO_VOLUNTEER_ID)
        ids = {case.id for case in mine}
        held = {case.id for case in store.find_all(Case)}
        by_case: dict[str, list[RemoteChange]] = {case_id: [] for case_id in ids}
        for entity in data.entities():
            case_id = entity.id if entity.id in ids else getattr(entity, "case_id", None)
            if case_id in by_case:
                by_case[case_id].append(
                    RemoteChange(kind_of(entity), entity.id, 1, False, to_fields(entity))
                )
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

    def reachable(self) -> bool:
        return self.online

    def conflicts(self, store: Store) -> list[AttentionItem]:
        with self._lock:
            return list(self._conflicts)

    def resolve_conflict(self, store: Store, item_id: str, action: ResolveAction) -> None:
        with self._lock:
            self._conflicts = [c for c in self._conflicts if c.item_id != item_id]

    def retry_rejected(self, store: Store, seq: int) -> None:
        self._require_online()
        self.calls.append(f"retry {seq}")

    def change_password(self, store: Store, current: str, new: str) -> None:
        self._require_online()
        if not hmac.compare_digest(current, self._password) or len(new) < 12:
            raise errors.PasswordRejected
        self._password = new

    def password_expires(self, store: Store) -> date | None:
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
