"""Issue 3, point 7: a process writing notes is killed with SIGKILL at random points, many times;
each time the vault opens with every committed note and no partial one.

A handful of rounds in the default run; 100 under --bench-full.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from erms_desktop.domain import Note
from erms_desktop.vault import Vault
from erms_desktop.vault.recovery import generate_recovery_key
from tests.benchmarks.conftest import BenchReport
from tests.vault.child import CRASH_CASE, crash_body, start_writer
from tests.vault.conftest import PASSPHRASE, PASSPHRASE_ONLY

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _one_round(folder: Path, rng: random.Random) -> list[str]:
    """Start a writer, let it commit a random number of notes, kill it; the ids it reported."""
    child = start_writer(folder)
    assert child.stdout is not None
    reported: list[str] = []
    target = rng.choice([0, 0, 1, 3, 10, 25, 60])
    try:
        if target == 0:
            time.sleep(rng.uniform(0.05, 0.6))  # often mid-start-up: unlock, open, checkpoint
        while len(reported) < target:
            line = child.stdout.readline()
            if not line.endswith("\n"):
                break
            reported.append(line.split()[1])
        time.sleep(rng.uniform(0, 0.01))
    finally:
        os.kill(child.pid, signal.SIGKILL)
        # Only whole lines: the kill may cut the child's last line short (a saved note whose
        # line never got out is simply not claimed; a cut line is no claim at all).
        reported += [line.split()[1] for line in child.stdout.read().split("\n")[:-1]]
        child.stdout.close()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return reported


def test_vault_survives_sigkill(
    tmp_path: Path, bench_full: bool, bench_report: BenchReport
) -> None:
    rounds = 100 if bench_full else 4
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    folder = tmp_path / "vault"
    vault = Vault(folder, policy=PASSPHRASE_ONLY)
    vault.create(PASSPHRASE, generate_recovery_key().public_key())
    vault.lock()
    reported: set[str] = set()
    started = time.perf_counter()
    for number in range(rounds):
        reported.update(_one_round(folder, rng))
        vault.unlock(PASSPHRASE)
        notes = vault.store.find_all(Note, case_id=CRASH_CASE)
        found = {note.id: note for note in notes}
        context = f"seed {seed}, round {number}"
        assert reported <= set(found), f"committed notes lost ({context})"
        assert len(found) - len(reported) <= number + 1, f"unreported notes ({context})"
        for note in notes:
            index = int(note.body.split()[1])
            assert note.body == crash_body(index), f"partial note ({context})"
        outbox = vault.store.pending_outbox(limit=100_000)
        assert {entry.record_id for entry in outbox} == set(found), f"outbox ({context})"
        vault.lock()
    vault.unlock(PASSPHRASE)
    assert vault.integrity_check() == []
    vault.lock()
    bench_report.figure("SIGKILL rounds survived", rounds, "rounds", ">= 100 with --bench-full")
    bench_report.figure("notes committed across rounds", len(reported), "notes")
    bench_report.figure("crash loop time", time.perf_counter() - started, "s")
