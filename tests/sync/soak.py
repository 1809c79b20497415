"""The fault scenarios, shared by the regular suite (a few rounds) and the benchmark soak
(hundreds): after every fault the laptop syncs cleanly and must agree with the store - equal
sanity digests, every note it wrote on the store exactly once, nothing refused or pending."""

from __future__ import annotations

import contextlib
import os
import random
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from erms_desktop.central.models import Record
from erms_desktop.domain import Note
from erms_desktop.sync.client import SyncClient
from erms_desktop.sync.engine import SyncEngine
from erms_desktop.sync.errors import Offline, ServerError, SyncError
from erms_desktop.sync.transport import Transport
from tests.sync.central import PASSWORD, Central, ProcessServer
from tests.sync.fault_child import MARK, new_note
from tests.sync.faults import FaultProxy
from tests.sync.laptops import new_vault, open_vault

REPO = Path(__file__).resolve().parents[2]


def enrolled_laptop(central: Central, url: str, folder: Path) -> SyncClient:
    vault = new_vault(folder)
    client = SyncClient(vault)
    client.enrol(url, central.code("vera"), "vera", PASSWORD)
    client.sync()
    return client


def target(central: Central) -> tuple[str, str]:
    case_id = central.volunteer_cases()[0]
    file_id = next(p.id for p in central.dataset.party_files if p.case_id == case_id)
    return case_id, file_id


def sync_until_clean(engine: SyncEngine, seconds: float = 90) -> None:
    """Retry through transient failures (a restarting store, a spoiled connection)."""
    deadline = time.monotonic() + seconds
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            engine.sync()
            return
        except (Offline, ServerError) as exc:
            last = exc
            time.sleep(0.1)
    raise AssertionError(f"no clean sync within the bound; last error: {last!r}")


def check_agreement(client: SyncClient, central: Central) -> int:
    """The laptop and the store hold the same data; returns how many soak notes there are."""
    engine = client.engine()
    sync_until_clean(engine)
    assert engine.digest_differences() == []
    status = engine.status()
    assert status.pending == 0
    assert status.attention == 0
    local = {n.body: n.id for n in client.vault.store.find_all(Note) if n.body.startswith(MARK)}
    assert len(local) == len(set(local.values()))
    with central.session() as s:
        rows = s.query(Record.id, Record.fields).filter(  # type: ignore[attr-defined]
            Record.kind == "note", Record.deleted.is_(False)
        )
        remote = [(rid, f["body"]) for rid, f in rows if str(f.get("body", "")).startswith(MARK)]
    bodies = [body for _rid, body in remote]
    assert len(bodies) == len(set(bodies)), "a note reached the store twice"
    assert {body: rid for rid, body in remote} == local, "a note was lost"
    assert sorted(local) == sorted(f"{MARK}{i}" for i in range(len(local)))
    return len(local)


def kill_soak(central: Central, url: str, folder: Path, *, kills: int, seed: int) -> int:
    """Start the laptop process, SIGKILL it at a random moment of its write-and-sync loop, check
    agreement, and again ``kills`` times. Returns the number of notes written."""
    rng = random.Random(seed)
    enrolled_laptop(central, url, folder).vault.lock()
    case_id, file_id = target(central)
    written = 0
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.fault_child", str(folder), case_id, file_id],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert child.stdout is not None
            ready, _, _ = select.select([child.stdout], [], [], 60)
            assert ready, "the laptop process did not start"
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(rng.uniform(0.0, 0.5))
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(30)
            if child.stdout is not None:
                child.stdout.close()
        vault = open_vault(folder)
        try:
            written = check_agreement(SyncClient(vault), central)
        finally:
            vault.lock()
    return written


def write_notes(client: SyncClient, central: Central, count: int, start: int) -> None:
    case_id, file_id = target(central)
    author = client.credentials().user_id  # type: ignore[union-attr]
    client.vault.store.save_many(
        new_note(case_id, file_id, author, start + i) for i in range(count)
    )


def proxy_soak(
    central: Central, client: SyncClient, upstream_port: int, *, rounds: int, seed: int
) -> dict[str, int]:
    """Write and sync through the fault proxy; check agreement after every round."""
    token = client.engine().transport.token
    written = check_agreement(client, central)
    with FaultProxy(upstream_port, seed=seed) as proxy:
        with Transport(proxy.url, token=token) as spoiled:
            engine = SyncEngine(client.vault, spoiled)
            for _ in range(rounds):
                write_notes(client, central, 7, written)
                written += 7
                for _ in range(3):
                    try:
                        engine.sync()
                    except SyncError:
                        continue
                written = check_agreement(client, central)
        return dict(proxy.seen)


def restart_soak(
    central: Central, client: SyncClient, server: ProcessServer, *, rounds: int, seed: int
) -> int:
    """Kill the store process at a random point of a push or a pull and start it again a moment
    later, ``rounds`` times."""
    rng = random.Random(seed)
    starting: list[threading.Thread] = []

    def restart() -> None:
        server.stop()
        starting.append(threading.Thread(target=server.start, daemon=True))
        starting[-1].start()

    written = check_agreement(client, central)
    engine = client.engine()
    for _ in range(rounds):
        write_notes(client, central, 250, written)  # two batches: time to interrupt
        written += 250
        phase = rng.choice(["pushing", "pulling"])
        after = rng.randint(1, 2)
        calls = 0
        done = False

        def progress(update: object, *, phase: str = phase, after: int = after) -> None:
            nonlocal calls, done
            if done or getattr(update, "phase", None) != phase:
                return
            calls += 1
            if calls > after:
                done = True
                restart()

        engine.on_progress = progress
        with contextlib.suppress(Offline, ServerError):
            engine.sync()
        engine.on_progress = None
        for thread in starting:
            thread.join(60)
        written = check_agreement(client, central)
    return written
