"""Issue 20, point 1: a damaged write-ahead log after a crash never loses committed work silently.

A child process unlocks the vault, saves six notes (each ``save()`` returned) and is killed with
SIGKILL. Its log is then flipped, cut to half or emptied: unlocking must refuse the vault as
damaged instead of opening it with fewer notes. A log left empty by a crash right after unlocking
(nothing committed since) is legitimate and must still open.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from erms_desktop.domain import Note
from erms_desktop.vault import CommitsLostError, Vault, VaultCorruptError, VaultState
from tests.vault.child import CRASH_CASE, start_writer
from tests.vault.conftest import PASSPHRASE, a_note

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _killed_after(folder: Path, saves: int) -> list[str]:
    """Run a writer until it reports ``saves`` committed notes, then SIGKILL it; their ids."""
    child = start_writer(folder)
    assert child.stdout is not None
    try:
        ids = [child.stdout.readline().split()[1] for _ in range(saves)]
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.stdout.close()
        child.wait(timeout=30)
    return ids


def _flip(wal: Path) -> None:
    raw = bytearray(wal.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    wal.write_bytes(bytes(raw))


def _halve(wal: Path) -> None:
    os.truncate(wal, wal.stat().st_size // 2)


def _empty(wal: Path) -> None:
    os.truncate(wal, 0)


@pytest.mark.parametrize("damage", [_flip, _halve, _empty], ids=["flipped", "halved", "emptied"])
def test_damaged_log_after_a_crash_is_refused(vault: Vault, damage: Callable[[Path], None]) -> None:
    vault.store.save(a_note("written before the crash"))
    vault.lock()
    _killed_after(vault.paths.folder, 6)
    assert vault.paths.wal.stat().st_size > 0
    damage(vault.paths.wal)
    with pytest.raises(CommitsLostError):
        vault.unlock(PASSPHRASE)
    assert vault.state is VaultState.LOCKED
    with pytest.raises(VaultCorruptError):  # and it stays refused, never opens with fewer notes
        vault.unlock(PASSPHRASE)
    assert vault.state is VaultState.LOCKED


def test_intact_log_after_a_crash_opens_with_every_note(vault: Vault) -> None:
    vault.lock()
    saved = _killed_after(vault.paths.folder, 6)
    vault.unlock(PASSPHRASE)
    found = {note.id for note in vault.store.find_all(Note, case_id=CRASH_CASE)}
    assert set(saved) <= found


def test_empty_log_after_a_crash_right_after_unlock_opens(vault: Vault) -> None:
    vault.store.save_many([a_note(f"note {index}") for index in range(3)])
    vault.lock()
    _killed_after(vault.paths.folder, 0)  # unlocked, then killed before any save returned
    if vault.paths.wal.exists():
        _empty(vault.paths.wal)
    vault.unlock(PASSPHRASE)
    assert len(vault.store.find_all(Note)) >= 3


def test_forged_commit_record_is_refused(vault: Vault) -> None:
    """A finder who edits the record to hide a loss gets a damaged vault, not an open one."""
    vault.store.save(a_note("one"))
    vault.lock()
    raw = bytearray(vault.paths.commits.read_bytes())
    for offset in range(0, len(raw), 512):
        raw[offset + 8] ^= 0x01
    vault.paths.commits.write_bytes(bytes(raw))
    with pytest.raises(CommitsLostError):
        vault.unlock(PASSPHRASE)


def test_deleted_commit_record_is_refused(vault: Vault) -> None:
    vault.store.save(a_note("one"))
    vault.lock()
    vault.paths.commits.unlink()
    with pytest.raises(CommitsLostError):
        vault.unlock(PASSPHRASE)
