"""Check-in fault scenarios, shared by the default suite (a few rounds) and the benchmark soak
(dozens): the laptop process SIGKILLed at each step of a check-in in turn, and connections spoiled
by the fault proxy at random points. After every interruption the laptop still holds all its
work, or the store holds all of it and the receipt exists - never neither; then the check-in is
resumed to its end."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select as sql_select

from erms_desktop.central.models import CheckIn, HandoverPackage
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain import Note
from erms_desktop.service.checkin import LaptopCheckIn, Passphrase
from erms_desktop.service.errors import CheckInStopped
from erms_desktop.service.office.session import OfficeSession
from erms_desktop.sync.client import DEVICE, SyncClient
from erms_desktop.sync.errors import SyncError
from erms_desktop.sync.handover import open_package
from erms_desktop.vault import Vault
from erms_desktop.vault.errors import VaultError
from erms_desktop.vault.recovery import public_key_to_pem
from tests.sync.central import PASSWORD, Central
from tests.sync.checkin_helpers import (
    leave_unsent_work,
    staff_session,
    store_note_ids,
    vault_gone,
)
from tests.sync.faults import FaultProxy
from tests.sync.laptops import PASSPHRASE, POLICY, RECOVERY, new_vault, open_vault
from tests.sync.soak import REPO


class SoakCentral(Central):
    """The store for the soaks: dozens of laptops enrol and staff sign in again and again from
    127.0.0.1 within minutes, which the real attempt limits (tested elsewhere) would refuse."""

    @property
    def settings(self) -> CentralSettings:
        return super().settings.model_copy(
            update={
                "enrol_limit_per_address": 100_000,
                "enrol_limit_per_account": 100_000,
                "sign_in_limit_per_address": 100_000,
                "sign_in_limit_per_account": 100_000,
            }
        )


#: The lines the check-in process prints: "ready", then each step a check-in with a hand-over
#: announces (opening, starting, final sync, hand-over, comparing, shredding, the receipt).
STEPS = 8


@dataclass
class Returned:
    """A laptop coming back: its folder, device id and every piece of work it holds."""

    folder: Path
    device_id: str
    work: set[str]


def returned_laptop(central: Central, url: str, folder: Path) -> Returned:
    vault = new_vault(folder)
    client = SyncClient(vault)
    try:
        client.enrol(url, central.code("vera"), "vera", PASSWORD)
        client.sync()
        leave_unsent_work(client, central)
        device_id = client.credentials().device_id  # type: ignore[union-attr]
        work = _work(vault)
    finally:
        client.close()
        vault.lock()
    return Returned(folder, device_id, work)


def _work(vault: Vault) -> set[str]:
    return {n.id for n in vault.store.find_all(Note)} | {d.id for d in vault.store.drafts()}


def never_neither(central: Central, laptop: Returned) -> str:
    """The safety rule after an interruption; returns which side holds everything."""
    try:
        vault = open_vault(laptop.folder)
    except (VaultError, OSError):
        vault = None
    if vault is not None:
        try:
            local = _work(vault)
        finally:
            vault.lock()
        if laptop.work <= local:
            return "laptop"
    with central.session() as s:
        row = s.get(CheckIn, laptop.device_id)  # type: ignore[attr-defined]
        assert row is not None, "the laptop lost work and the store has no check-in"
        assert row.receipt is not None, "the laptop lost work before the store held it all"
        packages = s.scalars(  # type: ignore[attr-defined]
            sql_select(HandoverPackage).where(HandoverPackage.device_id == laptop.device_id)
        ).all()
        handed = {
            item.mutation.record_id
            for package in packages
            for item in open_package(
                base64.b64encode(package.blob).decode(), package.label, RECOVERY
            )
            if item.mutation is not None
        }
    missing = laptop.work - store_note_ids(central) - handed
    assert not missing, f"{len(missing)} pieces of work are on neither side"
    return "store"


def finish(central: Central, laptop: Returned, staff: OfficeSession) -> None:
    """Resume without faults: the check-in ends with the vault gone and a complete receipt."""
    vault = Vault(laptop.folder, policy=POLICY)
    receipt = LaptopCheckIn(vault, RECOVERY.public_key()).run(staff, Passphrase(PASSPHRASE))
    assert receipt.local_data_destroyed
    assert receipt.items_handed_over == 2
    assert vault_gone(vault)
    assert never_neither(central, laptop) == "store"


def kill_soak(
    central: Central,
    url: str,
    staff: OfficeSession,
    root: Path,
    *,
    rounds: int,
    seed: int,
    first: int = 0,
) -> Counter[str]:
    """Round ``i`` kills the laptop process a random moment into step ``(first + i) % STEPS``."""
    rng = random.Random(seed)
    key = root / "organisation-public.pem"
    key.write_bytes(public_key_to_pem(RECOVERY.public_key()))
    seen: Counter[str] = Counter()
    for number in range(rounds):
        laptop = returned_laptop(central, url, root / f"laptop-{number}")
        step = _kill_during(laptop.folder, url, key, (first + number) % STEPS, rng.uniform(0, 0.08))
        seen[f"killed in: {step}"] += 1
        seen[f"held by: {never_neither(central, laptop)}"] += 1
        if step == FINISHED:  # the kill came after the check-in's end: nothing to resume
            assert vault_gone(Vault(laptop.folder, policy=POLICY))
        else:
            finish(central, laptop, staff)
    return seen


FINISHED = "after its end (done)"


def _kill_during(folder: Path, url: str, key: Path, step: int, delay: float) -> str:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.checkin_child", str(folder), url, str(key), "0.04"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    reached = "before it began"
    output = b""
    try:
        for _ in range(step + 1):
            ready, _, _ = select.select([child.stdout], [], [], 60)
            assert ready, "the check-in process stalled"
            output = child.stdout.readline()
            line = output.decode().strip()
            if not line or line.startswith(("done", "stopped")):
                reached = f"after its end ({line or 'exited'})"
                break
            reached = line
        else:
            time.sleep(delay)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        output += child.stdout.read()
        child.stdout.close()
    # A quick last step can end within the delay: the check-in was done before the kill
    # (which may still have landed while the process was exiting).
    if output.startswith(b"done ") or b"\ndone " in output:
        reached = FINISHED
    return reached


def proxy_soak(
    central: Central, upstream_port: int, root: Path, *, rounds: int, seed: int
) -> Counter[str]:
    """Check-ins through the fault proxy (the laptop's and the staff member's connections
    alike), retried after each stop until they end; the rule checked after every stop."""
    seen: Counter[str] = Counter()
    with FaultProxy(upstream_port, seed=seed, rate=0.04) as proxy:
        staff = _signed_in_through(proxy.url)
        for number in range(rounds):
            upstream = f"http://127.0.0.1:{upstream_port}"
            laptop = returned_laptop(central, upstream, root / f"proxied-{number}")
            _route_through(laptop.folder, proxy.url)
            for _ in range(100):
                vault = Vault(laptop.folder, policy=POLICY)
                try:
                    LaptopCheckIn(vault, RECOVERY.public_key()).run(staff, Passphrase(PASSPHRASE))
                    break
                except CheckInStopped:
                    seen["stopped, then resumed"] += 1
                    vault.lock()
                    seen[f"held by: {never_neither(central, laptop)}"] += 1
            else:
                raise AssertionError("the check-in never got through the faults")
            assert vault_gone(vault)
            assert never_neither(central, laptop) == "store"
        seen.update({f"proxy: {fault}": count for fault, count in proxy.seen.items()})
    return seen


def _signed_in_through(url: str) -> OfficeSession:
    for _ in range(50):
        with contextlib.suppress(SyncError):
            return staff_session(url)
    raise AssertionError("the staff member could not sign in through the proxy")


def _route_through(folder: Path, url: str) -> None:
    """Point the laptop's stored office address at the fault proxy."""
    vault = open_vault(folder)
    try:
        credentials = json.loads(vault.store.get_state(DEVICE) or "{}")
        vault.store.set_state(DEVICE, json.dumps({**credentials, "server_url": url}))
    finally:
        vault.lock()
