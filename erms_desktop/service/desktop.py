"""The desktop service: the one object the GUI drives, always from its single background worker.

It holds the encrypted vault and the sync client (``erms_desktop.sync.client.SyncClient``), and
answers every call the shell makes (unlock, enrol, sync, the case list, search, attention,
passwords, diagnostics); the case workspace's calls are on :attr:`DesktopService.casework`.
The vault and the sync client behind it are this laptop's (:mod:`erms_desktop.service.laptop`).

"Sync now" runs button -> worker -> :meth:`DesktopService.sync_now` -> ``SyncClient.sync`` ->
the engine's HTTP request: no layer in between only forwards the call.
"""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from erms_desktop.service import errors
from erms_desktop.service.attention import attention_items, conflict_items, resolve_local
from erms_desktop.service.case_list import case_rows_from, note_results_from
from erms_desktop.service.file_check import locked_file_check
from erms_desktop.service.keyring_policy import NO_KEY_STORE_NOTE
from erms_desktop.service.laptop import LAST_CONTACT, USER_ID
from erms_desktop.service.laptop_checkin import CheckInDesk
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
from erms_desktop.service.office_password import change_office_password
from erms_desktop.service.policy import lease_state
from erms_desktop.service.server_address import checked_server_url, default_server_url
from erms_desktop.service.vault_damage import damage_detected

if TYPE_CHECKING:
    from erms_desktop.service.casework import Casework
    from erms_desktop.service.office.session import OfficeSession
    from erms_desktop.sync.progress import Progress

DEVICE_NAME = "ERMS laptop"


class DesktopService(CheckInDesk):
    """The one object the GUI drives. Every method may block (disk, Argon2id, network) and runs
    on the GUI's worker thread; failures are the core's typed errors or the few of
    :mod:`erms_desktop.service.errors`."""

    demo_passphrase: str | None = None  # shown on the unlock screen (demo mode only)

    @property
    def casework(self) -> Casework:
        """The case workspace's calls, over the same open vault (gui/case_workspace/runner.py)."""
        from erms_desktop.service.casework import Casework

        return Casework(self.vault, self._user_id())

    # -- before unlock -----------------------------------------------------------------------
    def unlock_info(self) -> UnlockInfo:
        info = self.vault.info()
        times = self._times()
        enrolled = info.state.value != "absent"
        passphrase_only = info.mode is not None and info.mode.value != "keyring"
        return UnlockInfo(
            enrolled=enrolled,
            last_sync=times.last_sync,
            lease=lease_state(times.last_contact, self._clock()),
            demo_passphrase=self.demo_passphrase,
            keyring_note=NO_KEY_STORE_NOTE if passphrase_only else None,
            default_server_url=None if enrolled else default_server_url(self.settings.central_url),
        )

    def warm_up(self) -> None:
        """Nothing to prepare: the vault opens on demand."""

    def office_session(self) -> OfficeSession:
        """A new, signed-out office session for "Office staff sign-in": the store's address as
        the installer recorded it (staff may change it), and this install's TLS checks. Office
        mode opens no vault and writes nothing to disk."""
        from erms_desktop.service.office.session import OfficeSession

        return OfficeSession(default_server_url(self.settings.central_url), verify=self._verify)

    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult:
        """Check the server now; the code is redeemed once the vault exists (set_passphrase)."""
        request = dataclasses.replace(request, server_url=checked_server_url(request.server_url))
        self._office_key()
        from erms_desktop.sync.transport import Transport

        with Transport(request.server_url, verify=self._verify) as transport:
            transport.health()
        self._enrolment = request
        return EnrolmentResult(device_name="", keyring_backend="")

    def set_passphrase(self, passphrase: str) -> None:
        """Create the vault, then enrol into it; a refused enrolment shreds the new vault."""
        request = self._enrolment
        if request is None:
            from erms_desktop.sync.errors import NotEnrolled

            raise NotEnrolled("choose the office and sign in first")
        client = self._sync_client()
        self.vault.create(passphrase, self._office_key())
        try:
            with errors.refused_means(errors.EnrolmentRefused), errors.staff_refused():
                credentials = client.enrol(
                    request.server_url,
                    request.enrolment_code.strip(),
                    request.username,
                    request.password,
                    device_name=DEVICE_NAME,
                )
                self.vault.store.set_state(USER_ID, credentials.user_id)
        except BaseException:
            self.vault.wipe()
            raise
        self._enrolment = None
        self._contacted(synced=False, server_url=request.server_url)

    def unlock(self, passphrase: str) -> AccountInfo:
        try:
            with damage_detected(self.vault.paths, self._times()):
                self.vault.unlock(passphrase)
        except errors.VaultDamaged:
            self._damaged = True  # the passphrase was checked first wherever a key file exists
            raise
        store = self.vault.store
        raw = store.get_state(LAST_CONTACT)
        last_contact = datetime.fromisoformat(raw) if raw else None
        if lease_state(last_contact, self._clock()).expired:
            if not self._reachable():
                self.lock()
                raise errors.LeaseExpired
            self._contacted(synced=False)
        return AccountInfo(username=self._user_id(), password_expires=self._password_expires())

    def lock(self) -> None:
        if self._vault is not None:
            self._vault.lock()

    def lock_after_last_sync(self) -> int:
        """Lock, trying one last sync first if changes are waiting; returns how many changes
        stay on this laptop (encrypted in the vault) until the next sync."""
        if self._vault is None or self._vault.state.value != "unlocked":
            return 0
        left = self._pending()
        if left and self._office:
            from erms_desktop.sync.errors import SyncError

            with contextlib.suppress(SyncError, errors.ServiceError):  # offline: kept for later
                self.sync_now(lambda _progress: None)
            left = self._pending()
        self.lock()
        return left

    def wipe_damaged_vault(self) -> None:
        """Crypto-shred a vault that unlocking found damaged, so the laptop can be set up again.
        Refused unless the last unlock attempt found it damaged."""
        if not self._damaged:
            raise errors.WipeRefused
        report = self.vault.wipe()
        self._damaged = False
        if not report.complete:
            raise errors.WipeIncomplete

    def diagnostics(self) -> Diagnostics:
        info = self.vault.info()
        unlocked = info.state.value == "unlocked"
        integrity = locked_file_check(self.vault.paths.database, info.state.value)
        pending = None
        if unlocked:
            problems = self.vault.integrity_check()
            pending = self._pending()
            integrity = "ok" if not problems else f"{len(problems)} problem(s) found"
        return Diagnostics(
            backend=f"vault at {info.folder}",
            vault_state=f"{info.state.value}{f', {info.mode.value}' if info.mode else ''}",
            integrity=integrity,
            central=self._reachability(),
            pending_outbox=pending,
            last_sync=self._times().last_sync,
        )

    def _reachability(self) -> str:
        url = self._times().server_url
        if not self._office:
            return "not set up in this installation"
        if url is None:
            return "not enrolled yet"
        from erms_desktop.sync.errors import SyncError
        from erms_desktop.sync.transport import Transport

        try:
            with Transport(url, verify=self._verify) as transport:
                transport.health()
        except SyncError as exc:
            return f"unreachable ({type(exc).__name__})"
        return "reachable"

    # -- needs the open vault ----------------------------------------------------------------
    def status(self) -> SyncOverview:
        return SyncOverview(
            online=self._online(),
            last_sync=self._times().last_sync,
            pending=self._pending(),
            attention=len(self.attention_items()),
        )

    def _pending(self) -> int:
        """How many changes wait in the outbox to be sent."""
        return len(self._store().pending_outbox(limit=1_000_000))

    def list_cases(self) -> list[CaseRow]:
        return case_rows_from(self._store(), self._clock().date())

    def search_notes(self, query: str) -> list[NoteSearchResult]:
        return note_results_from(self._store(), query, author_id=self._user_id() or None)

    def sync_now(self, progress: ProgressCallback) -> SyncOutcome:
        self._store()  # VaultLocked while locked
        from erms_desktop.domain.case import Case

        store = self.vault.store
        before = {case.id for case in store.find_all(Case)}

        def report(step: Progress) -> None:
            arrived = len({case.id for case in store.find_all(Case)} - before)
            done = (step.items_done, step.items_total, step.bytes_done, step.bytes_total)
            progress(SyncProgress(*done, arrived))

        from erms_desktop.service.mass_removal import named_cases

        with errors.refused_means(errors.SignInNeeded), named_cases(store):
            self._sync_client().sync(on_progress=report)
        received = len({case.id for case in store.find_all(Case)} - before)
        self._contacted(synced=True)
        return SyncOutcome(status=self.status(), cases_received=received)

    def confirm_mass_removal(self, progress: ProgressCallback) -> SyncOutcome:
        """The volunteer agreed to the held removal: sync again and let it go ahead."""
        self._store()
        self._sync_client().engine().confirm_mass_deletion()
        return self.sync_now(progress)

    def tell_office_kept(self, held: errors.MassRemovalHeld) -> None:
        """The volunteer kept the cases a held removal would take: tell the store (recorded in
        its audit log for the office). Nothing is removed; sync stays held until they decide."""
        from erms_desktop.service.mass_removal import kept_report

        self._store()
        with errors.refused_means(errors.SignInNeeded):
            self._sync_client().engine().transport.report_held_removal(kept_report(held))

    def attention_items(self) -> list[AttentionItem]:
        store = self._store()
        found = self._sync_client().engine().conflicts() if self._office else []
        return conflict_items(store, found) + attention_items(store)

    def resolve(self, item_id: str, action: ResolveAction) -> None:
        store = self._store()
        if resolve_local(store, item_id, action):
            return
        kind, _, ident = item_id.partition(":")
        if kind == "rejected" and action is ResolveAction.RETRY:
            from erms_desktop.sync.errors import Offline, ServerError

            self._retry_rejected(int(ident))
            with contextlib.suppress(Offline, ServerError):  # offline: the next sync sends it
                self.sync_now(lambda _progress: None)
        else:
            from erms_desktop.sync.conflicts import Choice

            choice = Choice.KEEP_MINE if action is ResolveAction.KEEP_MINE else Choice.TAKE_THEIRS
            self._sync_client().engine().resolve(item_id.removeprefix("conflict:"), choice)

    def _retry_rejected(self, seq: int) -> None:
        """Queue a refused change to be sent again by the next sync."""
        from erms_desktop.sync.errors import SyncError

        engine = self._sync_client().engine()
        try:
            engine.retry_rejected(seq)
        except SyncError as exc:  # not waiting any more (resolved meanwhile)
            raise errors.NothingToRetry from exc

    def change_central_password(self, current: str, new: str) -> None:
        self._store()
        change_office_password(self._sync_client(), current, new)

    def sign_in(self, password: str) -> None:
        """A new office session after the old one ended (``SignInNeeded``)."""
        self._store()
        with errors.refused_means(errors.WrongCredentials):
            self._sync_client().sign_in(password)

    def change_passphrase(self, current: str, new: str) -> None:
        self.vault.change_passphrase(current, new)
