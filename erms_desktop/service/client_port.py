"""``SyncPort`` over the real sync client (erms_desktop.sync): enrolment, sign-in, sync with
progress, conflicts. Runs on the shell's worker thread like every backend call."""

from __future__ import annotations

import ssl
from datetime import date
from typing import TYPE_CHECKING

from erms_desktop.service import errors
from erms_desktop.service.backend import ProgressCallback
from erms_desktop.service.case_list import case_of
from erms_desktop.service.models import (
    AttentionItem,
    AttentionKind,
    EnrolmentRequest,
    ResolveAction,
    SyncProgress,
)
from erms_desktop.service.sync_errors import translated_sync
from erms_desktop.service.vault_errors import translated

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from erms_desktop.sync.client import SyncClient
    from erms_desktop.sync.progress import Progress
    from erms_desktop.vault import Vault

DEVICE_NAME = "ERMS laptop"


class ClientPort:
    def __init__(
        self, recovery_key: X25519PublicKey, *, verify: bool | str | ssl.SSLContext = True
    ) -> None:
        self._recovery = recovery_key
        self._verify = verify
        self._clients: dict[int, SyncClient] = {}

    def _client(self, vault: Vault) -> SyncClient:
        from erms_desktop.sync.client import SyncClient

        client = self._clients.get(id(vault))
        if client is None:
            client = self._clients[id(vault)] = SyncClient(vault, verify=self._verify)
        return client

    def check_server(self, server_url: str) -> None:
        from erms_desktop.sync.transport import Transport

        with translated_sync(), Transport(server_url, verify=self._verify) as transport:
            transport.health()

    def recovery_key(self) -> X25519PublicKey:
        return self._recovery

    def enrol(self, vault: Vault, request: EnrolmentRequest) -> str:
        with translated_sync(refused=errors.EnrolmentRefused), translated():
            credentials = self._client(vault).enrol(
                request.server_url,
                request.enrolment_code.strip(),
                request.username,
                request.password,
                device_name=DEVICE_NAME,
            )
        return credentials.user_id

    def sign_in(self, vault: Vault, password: str) -> None:
        with translated_sync(refused=errors.WrongCredentials), translated():
            self._client(vault).sign_in(password)

    def sync(self, vault: Vault, progress: ProgressCallback) -> int:
        from erms_desktop.domain.case import Case

        store = vault.store
        before = {case.id for case in store.find_all(Case)}

        def report(step: Progress) -> None:
            arrived = len({case.id for case in store.find_all(Case)} - before)
            progress(
                SyncProgress(
                    step.items_done, step.items_total, step.bytes_done, step.bytes_total, arrived
                )
            )

        with translated_sync(), translated():
            self._client(vault).sync(on_progress=report)
            return len({case.id for case in store.find_all(Case)} - before)

    def reachable(self, vault: Vault) -> bool:
        try:
            with translated_sync(), translated():
                return bool(self._client(vault).status().online)
        except errors.BackendError:
            return False

    def conflicts(self, vault: Vault) -> list[AttentionItem]:
        from erms_desktop.domain.case import Case
        from erms_desktop.domain.parties import PartyFile

        store = vault.store
        with translated_sync(), translated():
            found = self._client(vault).engine().conflicts()
            file_cases = {f.id: f.case_id for f in store.find_all(PartyFile)}
            references = {c.id: c.service_reference for c in store.find_all(Case)}
            items = []
            for conflict in found:
                case_id = case_of(store, conflict.kind, conflict.record_id, {}, file_cases)
                items.append(
                    AttentionItem(
                        item_id=f"conflict:{conflict.record_id}",
                        kind=AttentionKind.CONFLICT,
                        service_reference=references.get(case_id or "", ""),
                        summary=(
                            f"A {conflict.kind.replace('_', ' ')} was changed here and at the "
                            f"office ({', '.join(conflict.fields)})"
                        ),
                        actions=(ResolveAction.KEEP_MINE, ResolveAction.KEEP_CENTRAL),
                    )
                )
        return items

    def resolve_conflict(self, vault: Vault, item_id: str, action: ResolveAction) -> None:
        from erms_desktop.sync.conflicts import Choice

        record_id = item_id.removeprefix("conflict:")
        choice = Choice.KEEP_MINE if action is ResolveAction.KEEP_MINE else Choice.TAKE_THEIRS
        with translated_sync(), translated():
            self._client(vault).engine().resolve(record_id, choice)

    def retry_rejected(self, vault: Vault, seq: int) -> None:
        """Queue a refused change to be sent again by the next sync."""
        from erms_desktop.sync.errors import SyncError

        with translated_sync(), translated():
            engine = self._client(vault).engine()
            try:
                engine.retry_rejected(seq)
            except SyncError as exc:  # not waiting any more (resolved meanwhile)
                raise errors.NothingToRetry from exc

    def change_password(self, vault: Vault, current: str, new: str) -> None:
        """Change the office password. The store answers 401 both to a wrong current password
        and to an ended session; a read with the same session tells them apart (so a wrong
        password costs one attempt towards the lockout, not two). An ended session is renewed
        with ``current`` (a refusal there means it was wrong) and the change tried once more."""
        from erms_desktop.sync.errors import AuthExpired

        client = self._client(vault)
        with translated_sync(refused=errors.PasswordRejected), translated():
            try:
                client.change_password(current, new)
            except AuthExpired:
                if _session_alive(client):
                    raise errors.PasswordRejected from None
                client.sign_in(current)
                client.change_password(current, new)

    def password_expires(self, vault: Vault) -> date | None:
        """As the last sign-in reported it (kept inside the vault, so it works offline)."""
        with translated_sync(), translated():
            expires = self._client(vault).password_expires()
        return None if expires is None else expires.date()


def _session_alive(client: SyncClient) -> bool:
    from erms_desktop.sync.errors import AuthExpired, RequestRefused

    try:
        client.engine().transport.digest()
    except AuthExpired:
        return False
    except RequestRefused:  # e.g. a session only good for changing the password: alive
        return True
    return True
