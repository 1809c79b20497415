"""Checking a returned laptop in, on the laptop (Qt-free; docs/security-model.md, "Checking a
laptop in"). A staff member has signed in with their own office account; the vault is opened by
the volunteer's passphrase or by the organisation's recovery key (a password-protected PEM file,
read into memory only and never written here). Then, in order:

1. the final sync, with the laptop's own device credentials (a device session the staff member's
   session vouches for, so it works without the volunteer's password);
2. the hand-over: everything the store does not hold (sync/handover.py), encrypted to the
   organisation's public key and uploaded;
3. the proof: per case, the laptop's digest equals the store's (records handed over count as the
   store holds them); one retry after another sync;
4. *accounted* on the store: the device is retired and the receipt stored;
5. only then the crypto-shred (keyring entry and wrapped keys first, then the files), and the
   store marks the receipt "local data destroyed".

If anything cannot be accounted for, nothing is wiped and :class:`CheckInStopped` says why in
plain English and what to do; running again resumes where it stopped, because every step is
idempotent on the store and the step reached is kept in a small state file beside the vault
(ids and the step only - no case data, no secret).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from erms_desktop.protocol.checkin import (
    AccountedRequest,
    CaseCheck,
    CheckInStep,
    FileRow,
    Receipt,
    StoreDigests,
    file_digests,
)
from erms_desktop.protocol.messages import case_digest
from erms_desktop.service import errors
from erms_desktop.service.checkin_calls import CheckInCalls
from erms_desktop.service.errors import CheckInStopped
from erms_desktop.sync import errors as sync_errors
from erms_desktop.sync.client import SyncClient
from erms_desktop.sync.engine import SyncEngine
from erms_desktop.sync.handover import Item, handover_items, record_ids, seal
from erms_desktop.sync.transport import Transport
from erms_desktop.vault.errors import VaultError
from erms_desktop.vault.paths import write_private_atomic

if TYPE_CHECKING:
    import ssl

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from erms_desktop.service.office.session import OfficeSession
    from erms_desktop.vault import Vault

STATE_FILE = "erms-checkin.json"
DESTRUCTION_METHOD = (
    "crypto-shred: the keyring entry and the wrapped data keys destroyed first, then the "
    "encrypted database, its logs, attachments and temporary files"
)
UNREACHABLE = (
    "The office store could not be reached, so nothing on this laptop was wiped. Check the "
    "network connection and choose Resume; the check-in continues where it stopped."
)
Steps = Callable[[str], None]


class Stage(StrEnum):
    STARTED = "started"
    ACCOUNTED = "accounted"  # the store holds everything and the receipt; the wipe may run
    SHREDDED = "shredded"  # local data destroyed; the store is still to be told


@dataclass(frozen=True, slots=True)
class CheckInState:
    """What survives a crash, outside the vault (it outlives the shred): ids and the step."""

    device_id: str
    server_url: str
    stage: Stage
    package_id: str | None = None


@dataclass(frozen=True, slots=True)
class Passphrase:
    """The volunteer is present and types their passphrase."""

    passphrase: str


@dataclass(frozen=True, slots=True)
class RecoveryKey:
    """The organisation's private key file (PEM, password-protected), read from removable media
    into memory; it is never written to this laptop."""

    pem: bytes
    password: str


Opening = Passphrase | RecoveryKey


def state_path(vault: Vault) -> Path:
    """Beside the vault's folder, not in it: the shred empties and removes that folder."""
    return vault.paths.folder.parent / STATE_FILE


def read_state(path: Path) -> CheckInState | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return CheckInState(**{**raw, "stage": Stage(raw["stage"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None


class LaptopCheckIn:
    """One check-in of this laptop's vault, driven with a staff member's office session."""

    def __init__(
        self,
        vault: Vault,
        recovery_key: X25519PublicKey,
        *,
        verify: bool | str | ssl.SSLContext = True,
    ) -> None:
        self._vault = vault
        self._recovery = recovery_key
        self._verify = verify
        self._path = state_path(vault)

    def interrupted(self) -> CheckInState | None:
        """The check-in that stopped part-way, if any (to offer Resume)."""
        return read_state(self._path)

    def run(
        self, staff: OfficeSession, opening: Opening | None, steps: Steps | None = None
    ) -> Receipt:
        """``staff``: the staff member's office session, signed in to this laptop's store.
        ``opening`` may be None only to finish a check-in the store already holds all of."""
        say = steps or (lambda _text: None)
        state = self.interrupted()
        if state is not None and state.stage is not Stage.STARTED:
            with self._office(staff) as office:
                return self._finish(office, state, say)
        say("Opening the laptop's vault")
        self._open(opening)
        credentials = SyncClient(self._vault).credentials()
        if credentials is None:
            raise CheckInStopped("This laptop was never enrolled: there is nothing to check in.")
        fresh = CheckInState(credentials.device_id, credentials.server_url, Stage.STARTED)
        state = state if state is not None and state.device_id == fresh.device_id else fresh
        with self._office(staff) as office:
            say("Starting the check-in on the office store")
            status = office.start(state.device_id)
            self._save(state)
            if status.step is not CheckInStep.OPEN:
                return self._finish(office, replace(state, stage=Stage.ACCOUNTED), say)
            say("Final sync with the laptop's own credentials")
            token = office.device_session(state.device_id, credentials.device_secret)
            with Transport(state.server_url, token=token, verify=self._verify) as laptop:
                engine = SyncEngine(self._vault, laptop)
                _final_sync(engine)
                items = handover_items(self._vault.store)
                state = self._hand_over(office, state, items, say)
                say("Comparing this laptop with the office store, case by case")
                cases = self._compare(office, engine, state.device_id, items)
            office.accounted(
                state.device_id, AccountedRequest(cases=cases, items_handed_over=len(items))
            )
            state = replace(state, stage=Stage.ACCOUNTED)
            self._save(state)
            return self._finish(office, state, say)

    # -- the steps -------------------------------------------------------------------------------

    def _open(self, opening: Opening | None) -> None:
        if self._vault.state.value == "unlocked":
            return
        if opening is None:
            raise CheckInStopped(
                "Choose how the laptop's vault is opened: the volunteer's passphrase or the "
                "organisation's recovery key."
            )
        if isinstance(opening, Passphrase):
            self._vault.unlock(opening.passphrase)
            return
        from erms_desktop.vault.recovery import private_key_from_pem

        try:
            key = private_key_from_pem(opening.pem, opening.password.encode())
        except VaultError as exc:
            raise CheckInStopped(
                "The organisation's key file or its password is not right. Check that you chose "
                "the recovery key file from the office's removable media, and type its password "
                "again."
            ) from exc
        try:
            self._vault.unlock_with_recovery(key)
        except VaultError as exc:
            raise CheckInStopped(
                "This laptop's vault cannot be opened with that key: it was set up with another "
                "organisation key. Ask the service manager which key file belongs to it."
            ) from exc
        finally:
            del key

    def _hand_over(
        self, office: CheckInCalls, state: CheckInState, items: list[Item], say: Steps
    ) -> CheckInState:
        if not items:
            return state
        say(f"Handing {len(items)} unsent item(s) over to the office, encrypted")
        package = seal(items, self._recovery, state.device_id)
        if state.package_id is not None:  # the same package id: a repeat the store recognises
            package = package.model_copy(update={"package_id": state.package_id})
        state = replace(state, package_id=package.package_id)
        self._save(state)
        try:
            office.upload(state.device_id, package)
        except errors.OfficeRefused as exc:
            raise CheckInStopped(
                "The office store refused this laptop's hand-over package, so nothing was "
                "wiped. Call the service manager with the laptop's asset tag; the check-in can "
                "be resumed once the store accepts it."
            ) from exc
        return state

    def _compare(
        self, office: CheckInCalls, engine: SyncEngine, device_id: str, items: list[Item]
    ) -> list[CaseCheck]:
        cases = self._checks(office, device_id, items)
        if all(check.matched for check in cases):
            return cases
        _final_sync(engine)  # one retry: a change may have arrived on the store meanwhile
        cases = self._checks(office, device_id, items)
        differing = [check for check in cases if not check.matched]
        if differing:
            raise CheckInStopped(
                f"{len(differing)} case(s) on this laptop still differ from the office store "
                "after a second sync, so nothing was wiped. Leave the laptop switched on and "
                "connected, try Resume later, and call the office if it keeps happening."
            )
        return cases

    def _checks(self, office: CheckInCalls, device_id: str, items: list[Item]) -> list[CaseCheck]:
        """Per case and per party file: the laptop's digests against the store's. A record that
        was handed over counts as the store holds it (or not at all where the store has none)."""
        handed = record_ids(items)
        with self._vault.store.sync_reader() as reader:
            rows = [row for row in reader.live_versions_in_files() if row[3] not in handed]
        store = office.digests(device_id, sorted(handed))
        rows += [
            (r.case_id, r.party_file_id, r.kind, r.record_id, r.version) for r in store.handed_over
        ]
        return compare_digests(rows, store)

    def _finish(self, office: CheckInCalls, state: CheckInState, say: Steps) -> Receipt:
        """Past the point of no return: the store holds everything and the receipt."""
        self._save(state)
        if state.stage is Stage.ACCOUNTED:
            say("Destroying the local data (crypto-shred)")
            report = self._vault.wipe()
            if not report.complete:
                raise CheckInStopped(
                    "Everything is safe on the office store, but some of this laptop's files "
                    "could not be removed. Close other programs and choose Resume to finish."
                )
            state = replace(state, stage=Stage.SHREDDED)
            self._save(state)
        say("Recording the check-in receipt")
        receipt = office.complete(state.device_id, DESTRUCTION_METHOD)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path)
        return receipt

    @contextlib.contextmanager
    def _office(self, staff: OfficeSession) -> Iterator[CheckInCalls]:
        """The staff member's session with the store; a failure to reach it stops the
        check-in in plain words (nothing wiped unless the store already holds everything)."""
        try:
            yield CheckInCalls(staff)
        except (sync_errors.Offline, sync_errors.ServerError) as exc:
            raise CheckInStopped(UNREACHABLE) from exc
        except errors.SignInNeeded as exc:
            raise CheckInStopped(
                "The staff sign-in has ended, so nothing was wiped. Sign in again and choose "
                "Resume."
            ) from exc
        except errors.OfficeRefused as exc:
            raise CheckInStopped(
                f"The office store refused a step of the check-in ({exc}), so nothing was "
                "wiped. Check that you are signed in as office staff and that this laptop has "
                "not been revoked, then choose Resume."
            ) from exc
        except sync_errors.SyncError as exc:  # the final sync's own refusals
            raise CheckInStopped(
                "The final sync could not finish, so nothing was wiped "
                f"({type(exc).__name__}). Choose Resume; if it keeps happening, call the "
                "service manager with the laptop's asset tag."
            ) from exc

    def _save(self, state: CheckInState) -> None:
        write_private_atomic(self._path, json.dumps(asdict(state)).encode())


def compare_digests(rows: list[FileRow], store: StoreDigests) -> list[CaseCheck]:
    """A case matches when its digest and every one of its party files' digests are equal."""
    by_case: dict[str, list[tuple[str, str, int]]] = {}
    for case_id, _file, kind, record_id, version in rows:
        by_case.setdefault(case_id, []).append((kind, record_id, version))
    mine = {cid: case_digest(cid, found).digest for cid, found in by_case.items()}
    theirs = {d.case_id: d.digest for d in store.cases}
    my_files = {(d.case_id, d.party_file_id): d.digest for d in file_digests(rows)}
    their_files = {(d.case_id, d.party_file_id): d.digest for d in store.files}
    files = my_files.keys() | their_files.keys()
    checks = []
    for cid in sorted(mine.keys() | theirs.keys()):
        in_case = [key for key in files if key[0] == cid]
        files_match = all(my_files.get(key) == their_files.get(key) for key in in_case)
        matched = mine.get(cid) == theirs.get(cid) and files_match
        checks.append(
            CaseCheck(case_id=cid, digest=mine.get(cid), matched=matched, party_files=len(in_case))
        )
    return checks


def _final_sync(engine: SyncEngine) -> None:
    """A full cycle. When the store has taken most of the laptop's cases away, the removal goes
    ahead: the laptop is being emptied anyway, and unsent work on those cases is quarantined
    (then handed over), never discarded."""
    try:
        engine.sync()
    except sync_errors.MassDeletionPending:
        engine.confirm_mass_deletion()
        engine.sync()
