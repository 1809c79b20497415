"""An in-memory stand-in for the vault and sync client, for GUI tests and the early demo.

It behaves like the real backend at the interface (typed errors, lease, progress callbacks) and
records which thread made every call, so a test can prove the GUI thread never calls it. It stores
nothing on disk.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from erms_desktop.demo.account import (
    DEMO_ENROLMENT_CODE,
    DEMO_PASSPHRASE,
    DEMO_PASSWORD,
    DEMO_USERNAME,
)
from erms_desktop.demo.caseload import Caseload, demo_caseload
from erms_desktop.domain.notes import Note
from erms_desktop.service import errors
from erms_desktop.service.models import (
    AccountInfo,
    AttentionItem,
    CaseRow,
    Diagnostics,
    EnrolmentRequest,
    EnrolmentResult,
    NoteSearchResult,
    ProgressCallback,
    ResolveAction,
    SyncOutcome,
    SyncOverview,
    SyncProgress,
    UnlockInfo,
)
from erms_desktop.service.policy import lease_state, passphrase_strength
from erms_desktop.sync.errors import NotEnrolled, Offline
from erms_desktop.vault.errors import VaultLockedError, WeakPassphraseError, WrongPassphraseError

__all__ = ["DEMO_PASSPHRASE", "DEMO_PASSWORD", "FakeService"]


class FakeService:
    """Stands in for ``DesktopService`` in memory. Tests steer it through its public attributes."""

    def __init__(
        self,
        *,
        enrolled: bool = False,
        demo: bool = False,
        clock: Callable[[], datetime] | None = None,
        caseload: Callable[[], Caseload] = demo_caseload,
    ) -> None:
        self.clock = clock or (lambda: datetime.now(UTC))
        self.demo = demo
        self.online = True
        self.sync_step_delay = 0.0
        self.failures: dict[str, Exception] = {}
        self.calls: list[tuple[str, int]] = []
        self.password_expires: date | None = self.clock().date() + timedelta(days=90)
        self._calls_lock = threading.Lock()
        self._make_caseload = caseload
        self._server: Caseload | None = None  # "the central store", built at first use
        self._central_password = DEMO_PASSWORD
        self._cases: list[CaseRow] | None = None  # None: not yet copied from "the server"
        self._attention: list[AttentionItem] = []
        self._passphrase: str | None = None
        self._unlocked = False
        self._enrolled = enrolled
        self.last_sync: datetime | None = None
        self.last_contact: datetime | None = None
        if enrolled:
            self._passphrase = DEMO_PASSPHRASE
            self.last_sync = self.last_contact = self.clock()
        else:
            self._cases = []

    # -- helpers -----------------------------------------------------------------------------
    def _record(self, name: str) -> None:
        with self._calls_lock:
            self.calls.append((name, threading.get_ident()))
        failure = self.failures.pop(name, None)
        if failure is not None:
            raise failure

    def calling_threads(self) -> set[int]:
        with self._calls_lock:
            return {ident for _, ident in self.calls}

    def _central(self) -> Caseload:
        if self._server is None:
            self._server = self._make_caseload()
        return self._server

    def _local(self) -> list[CaseRow]:
        """The laptop's copy; an enrolled fake starts as if its first sync already ran."""
        if self._cases is None:
            self._cases = list(self._central().cases)
            self._attention = list(self._central().attention)
        return self._cases

    def _require_open(self) -> None:
        if not self._unlocked:
            raise VaultLockedError

    def _require_online(self) -> None:
        if not self.online:
            raise Offline("the office server is not answering")

    # -- before unlock -----------------------------------------------------------------------
    def unlock_info(self) -> UnlockInfo:
        self._record("unlock_info")
        return UnlockInfo(
            enrolled=self._enrolled,
            last_sync=self.last_sync,
            lease=lease_state(self.last_contact, self.clock()),
            demo_passphrase=DEMO_PASSPHRASE if self.demo else None,
            keyring_note=None,
        )

    def warm_up(self) -> None:
        self._record("warm_up")

    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult:
        self._record("enrol")
        self._require_online()
        if not hmac.compare_digest(request.enrolment_code.strip().upper(), DEMO_ENROLMENT_CODE):
            raise errors.EnrolmentRefused
        if request.username != DEMO_USERNAME or not hmac.compare_digest(
            request.password, self._central_password
        ):
            raise errors.WrongCredentials
        self._enrolled = True
        self.last_contact = self.clock()
        return EnrolmentResult(device_name="LAPTOP-DEMO-01", keyring_backend="in-memory (fake)")

    def set_passphrase(self, passphrase: str) -> None:
        self._record("set_passphrase")
        if not self._enrolled:
            raise NotEnrolled("enrol this laptop first")
        if not passphrase_strength(passphrase).acceptable:
            raise WeakPassphraseError
        self._passphrase = passphrase
        self._unlocked = True

    def unlock(self, passphrase: str) -> AccountInfo:
        self._record("unlock")
        if not self._enrolled or self._passphrase is None:
            raise NotEnrolled("enrol this laptop first")
        if not hmac.compare_digest(passphrase.encode(), self._passphrase.encode()):
            raise WrongPassphraseError
        if lease_state(self.last_contact, self.clock()).expired:
            self._require_online_for_lease()
        self._unlocked = True
        return AccountInfo(username=DEMO_USERNAME, password_expires=self.password_expires)

    def _require_online_for_lease(self) -> None:
        if not self.online:
            raise errors.LeaseExpired
        self.last_contact = self.clock()

    def lock(self) -> None:
        self._record("lock")
        self._unlocked = False

    def lock_after_last_sync(self) -> int:
        if not self._unlocked:
            return 0
        if self.online and self._status().pending:
            self.sync_now(lambda _p: None)
        left = self._status().pending
        self.lock()
        return left

    def interrupted_check_in(self) -> None:
        """No check-in was ever started on the fake laptop (asked at start-up; not recorded, so
        the call lists stay about what the user did)."""

    def wipe_damaged_vault(self) -> None:
        self._record("wipe_damaged_vault")
        raise errors.WipeRefused  # the stand-in holds nothing that can be damaged

    def diagnostics(self) -> Diagnostics:
        self._record("diagnostics")
        return Diagnostics(
            backend="in-memory stand-in (no vault in this build; nothing is stored)",
            vault_state=("enrolled, " if self._enrolled else "not enrolled, ")
            + ("unlocked" if self._unlocked else "locked"),
            integrity="not applicable (in memory)",
            central="reachable" if self.online else "unreachable",
            pending_outbox=sum(c.pending_sync for c in self._local()) if self._unlocked else None,
            last_sync=self.last_sync,
        )

    # -- needs the open vault ----------------------------------------------------------------
    def status(self) -> SyncOverview:
        self._record("status")
        self._require_open()
        return self._status()

    def _status(self) -> SyncOverview:
        return SyncOverview(
            online=self.online,
            last_sync=self.last_sync,
            pending=sum(c.pending_sync for c in self._local()),
            attention=len(self._attention),
        )

    def list_cases(self) -> list[CaseRow]:
        self._record("list_cases")
        self._require_open()
        return list(self._local())

    def search_notes(self, query: str) -> list[NoteSearchResult]:
        self._record("search_notes")
        self._require_open()
        refs = {c.case_id: c.service_reference for c in self._local()}
        central = self._central()
        return search_own_notes(query, central.notes, refs, central.author_id)

    def sync_now(self, progress: ProgressCallback) -> SyncOutcome:
        self._record("sync_now")
        self._require_open()
        self._require_online()
        incoming = self._central().cases
        known = {c.case_id for c in self._local()}
        total = len(incoming)
        received = 0
        for done, case in enumerate(incoming, start=1):
            if self.sync_step_delay:
                time.sleep(self.sync_step_delay)
            received += case.case_id not in known
            progress(SyncProgress(done, total, done * 2048, total * 2048, received))
        self._cases = [replace(c, pending_sync=False) for c in incoming]
        if not known:
            self._attention = list(self._central().attention)
        self.last_sync = self.last_contact = self.clock()
        return SyncOutcome(status=self._status(), cases_received=received)

    def attention_items(self) -> list[AttentionItem]:
        self._record("attention_items")
        self._require_open()
        self._local()
        return list(self._attention)

    def resolve(self, item_id: str, action: ResolveAction) -> None:
        self._record("resolve")
        self._require_open()
        self._local()
        item = next((i for i in self._attention if i.item_id == item_id), None)
        if item is None or action not in item.actions:
            raise errors.ServiceError("unknown attention item or action")
        self._attention.remove(item)

    def change_central_password(self, current: str, new: str) -> None:
        self._record("change_central_password")
        self._require_open()
        self._require_online()
        if not hmac.compare_digest(current, self._central_password) or len(new) < 12:
            raise errors.PasswordRejected
        self._central_password = new
        self.password_expires = self.clock().date() + timedelta(days=90)

    def sign_in(self, password: str) -> None:
        self._record("sign_in")
        self._require_online()
        if not hmac.compare_digest(password, self._central_password):
            raise errors.WrongCredentials

    def change_passphrase(self, current: str, new: str) -> None:
        self._record("change_passphrase")
        self._require_open()
        if self._passphrase is None or not hmac.compare_digest(current, self._passphrase):
            raise WrongPassphraseError
        if not passphrase_strength(new).acceptable:
            raise WeakPassphraseError
        self._passphrase = new


SNIPPET_CHARS = 90


def search_own_notes(
    query: str, notes: Sequence[Note], references: dict[str, str], author_id: str
) -> list[NoteSearchResult]:
    """Case-insensitive search over the volunteer's own notes in cases on this laptop."""
    needle = query.strip().casefold()
    if not needle:
        return []
    hits = []
    for note in notes:
        if note.author_id != author_id or note.case_id not in references:
            continue
        at = note.body.casefold().find(needle)
        if at < 0:
            continue
        start = max(0, at - SNIPPET_CHARS // 3)
        if start:  # begin at a word, not mid-name
            start = note.body.find(" ", start, at) + 1 or at
        snippet = note.body[start : start + SNIPPET_CHARS].replace("\n", " ")
        hits.append(
            NoteSearchResult(
                note_id=note.id,
                case_id=note.case_id,
                service_reference=references[note.case_id],
                written_on=note.created_at.date(),
                snippet=("…" if start else "") + snippet,
                place="Case notes",
            )
        )
    return sorted(hits, key=lambda h: h.written_on, reverse=True)
