"""The real backend: the encrypted vault, plus the sync client through a ``SyncPort``.

Every method runs on the shell's worker thread. The ``Vault`` object itself is made on first
use, so even its construction (which tidies the private viewing folder) never happens on the GUI
thread. Vault exceptions become the shell's typed errors (vault_errors).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from erms_desktop.service import errors
from erms_desktop.service.attention import attention_items, resolve_local
from erms_desktop.service.backend import ProgressCallback
from erms_desktop.service.case_list import case_summaries_from, note_hits_from
from erms_desktop.service.file_check import locked_file_check
from erms_desktop.service.keyring_policy import NO_KEY_STORE_NOTE
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
    SyncStatus,
    UnlockInfo,
)
from erms_desktop.service.policy import lease_state
from erms_desktop.service.server_address import checked_server_url, default_server_url
from erms_desktop.service.status_file import ContactTimes, read_times, status_path, write_times
from erms_desktop.service.sync_port import SyncPort
from erms_desktop.service.vault_damage import damage_detected
from erms_desktop.service.vault_errors import translated

if TYPE_CHECKING:
    from erms_desktop.service.casework import Casework
    from erms_desktop.vault import Store, Vault

LAST_CONTACT = "shell.last_contact"  # the enforced copy, inside the encrypted vault
USER_ID = "shell.user_id"  # whose notes are "my notes"; set at enrolment


class VaultBackend:
    def __init__(
        self,
        make_vault: Callable[[], Vault],
        *,
        sync: SyncPort | None = None,
        sync_factory: Callable[[], SyncPort | None] | None = None,
        demo_passphrase: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._make_vault = make_vault
        self._vault: Vault | None = None
        self._sync = sync
        self._sync_factory = sync_factory
        self._office_error: errors.BackendError | None = None
        self._demo_passphrase = demo_passphrase
        self._clock = clock
        self._enrolment: EnrolmentRequest | None = None  # held until the passphrase is chosen
        self._damaged = False  # the last unlock found the vault damaged: a wipe may be offered

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            with translated():
                self._vault = self._make_vault()
        return self._vault

    def _store(self) -> Store:
        with translated():
            return self.vault.store

    @property
    def _office(self) -> SyncPort | None:
        """The sync port, made on first need (on the worker: it may read key files)."""
        if self._sync is None and self._sync_factory is not None:
            factory, self._sync_factory = self._sync_factory, None
            try:
                self._sync = factory()
            except errors.BackendError as exc:  # offline work goes on; enrol/sync will say why
                self._office_error = exc
        return self._sync

    def _port(self) -> SyncPort:
        office = self._office
        if office is None:
            raise self._office_error or errors.ServerNotAvailable()
        return office

    def _times(self) -> ContactTimes:
        return read_times(status_path(self.vault.paths))

    # -- before unlock -----------------------------------------------------------------------
    def unlock_info(self) -> UnlockInfo:
        with translated():
            info = self.vault.info()
        times = self._times()
        enrolled = info.state.value != "absent"
        passphrase_only = info.mode is not None and info.mode.value != "keyring"
        return UnlockInfo(
            enrolled=enrolled,
            last_sync=times.last_sync,
            lease=lease_state(times.last_contact, self._clock()),
            demo_passphrase=self._demo_passphrase,
            keyring_note=NO_KEY_STORE_NOTE if passphrase_only else None,
            default_server_url=None if enrolled else default_server_url(),
        )

    def warm_up(self) -> None:
        """Nothing to prepare: the vault opens on demand."""

    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult:
        """Check the server now; the code is redeemed once the vault exists (set_passphrase)."""
        request = dataclasses.replace(request, server_url=checked_server_url(request.server_url))
        self._port().check_server(request.server_url)
        self._enrolment = request
        return EnrolmentResult(device_name="", keyring_backend="")

    def set_passphrase(self, passphrase: str) -> None:
        """Create the vault, then enrol into it; a refused enrolment shreds the new vault."""
        request = self._enrolment
        if request is None:
            raise errors.NotEnrolled
        port = self._port()
        with translated():
            self.vault.create(passphrase, port.recovery_key())
        try:
            user_id = port.enrol(self.vault, request)
            with translated():
                self.vault.store.set_state(USER_ID, user_id)
        except BaseException:
            self.vault.wipe()
            raise
        self._enrolment = None
        self._contacted(synced=False, server_url=request.server_url)

    def unlock(self, passphrase: str) -> AccountInfo:
        try:
            with translated(), damage_detected(self.vault.paths, self._times()):
                self.vault.unlock(passphrase)
        except errors.VaultDamaged:
            self._damaged = True  # the passphrase was checked first wherever a key file exists
            raise
        with translated():
            store = self.vault.store
            raw = store.get_state(LAST_CONTACT)
        last_contact = datetime.fromisoformat(raw) if raw else None
        if lease_state(last_contact, self._clock()).expired:
            office = self._office
            if office is None or not office.reachable(self.vault):
                self.lock()
                raise errors.LeaseExpired
            self._contacted(synced=False)
        expires = self._office.password_expires(self.vault) if self._office else None
        return AccountInfo(username=self._user_id(), password_expires=expires)

    def lock(self) -> None:
        if self._vault is not None:
            self._vault.lock()

    def wipe_damaged_vault(self) -> None:
        """Crypto-shred a vault that unlocking found damaged, so the laptop can be set up again.
        Refused unless the last unlock attempt found it damaged."""
        if not self._damaged:
            raise errors.VaultProblem
        report = self.vault.wipe()
        self._damaged = False
        if not report.complete:
            raise errors.WipeIncomplete

    def diagnostics(self) -> Diagnostics:
        with translated():
            info = self.vault.info()
        unlocked = info.state.value == "unlocked"
        integrity = locked_file_check(self.vault.paths.database, info.state.value)
        pending = None
        if unlocked:
            with translated():
                problems = self.vault.integrity_check()
                pending = len(self.vault.store.pending_outbox(limit=1_000_000))
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
        office, url = self._office, self._times().server_url
        if office is None:
            return "not set up in this installation"
        if url is None:
            return "not enrolled yet"
        try:
            office.check_server(url)
        except errors.BackendError as exc:
            return f"unreachable ({type(exc).__name__})"
        return "reachable"

    # -- needs the open vault ----------------------------------------------------------------
    def status(self) -> SyncStatus:
        store = self._store()
        with translated():
            pending = len(store.pending_outbox(limit=1_000_000))
        return SyncStatus(
            online=self._office is not None and self._office.reachable(self.vault),
            last_sync=self._times().last_sync,
            pending=pending,
            attention=len(self.attention_items()),
        )

    def list_cases(self) -> list[CaseSummary]:
        with translated():
            return case_summaries_from(self._store())

    def search_notes(self, query: str) -> list[NoteHit]:
        with translated():
            return note_hits_from(self._store(), query, author_id=self._user_id() or None)

    def casework(self) -> Casework:
        """The case workspace's service over this vault (gui/case_workspace/runner.py)."""
        from erms_desktop.service.casework import Casework

        return Casework(self.vault, self._user_id())

    def _user_id(self) -> str:
        with translated():
            return self._store().get_state(USER_ID) or ""

    def sync_now(self, progress: ProgressCallback) -> SyncOutcome:
        self._store()  # VaultLocked while locked
        received = self._port().sync(self.vault, progress)
        self._contacted(synced=True)
        return SyncOutcome(status=self.status(), cases_received=received)

    def attention_items(self) -> list[AttentionItem]:
        store = self._store()
        conflicts = self._office.conflicts(self.vault) if self._office else []
        with translated():
            return conflicts + attention_items(store)

    def resolve(self, item_id: str, action: ResolveAction) -> None:
        store = self._store()
        with translated():
            if resolve_local(store, item_id, action):
                return
        kind, _, ident = item_id.partition(":")
        if kind == "rejected" and action is ResolveAction.RETRY:
            self._port().retry_rejected(self.vault, int(ident))
            with contextlib.suppress(errors.ServerUnreachable):  # offline: the next sync sends it
                self.sync_now(lambda _progress: None)
        else:
            self._port().resolve_conflict(self.vault, item_id, action)

    def change_central_password(self, current: str, new: str) -> None:
        self._store()
        self._port().change_password(self.vault, current, new)

    def sign_in(self, password: str) -> None:
        """A new office session after the old one ended (``SignInNeeded``)."""
        self._store()
        self._port().sign_in(self.vault, password)

    def change_passphrase(self, current: str, new: str) -> None:
        with translated():
            self.vault.change_passphrase(current, new)

    def _contacted(self, *, synced: bool, server_url: str | None = None) -> None:
        now = self._clock()
        with translated():
            self.vault.store.set_state(LAST_CONTACT, now.isoformat())
        before = self._times()
        write_times(
            status_path(self.vault.paths),
            ContactTimes(
                last_sync=now if synced else before.last_sync,
                last_contact=now,
                server_url=server_url or before.server_url,
            ),
        )
