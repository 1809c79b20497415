"""A separate process that uses a vault and then ends in a chosen way (killed, crashed, or a
normal exit), for the crash-safety and clean-up tests: ``python -m tests.vault.child MODE FOLDER``.

Modes:
  write-forever  save notes one per transaction, printing index and id after each commit
  write-and-die  save 20 notes, then end abruptly without locking (leaves the -wal behind)
  view-and-exit  decrypt the one document for viewing, print its path, exit normally
  view-and-die   the same, then end abruptly
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from erms_desktop.domain import Document
from erms_desktop.vault import Vault
from tests.vault.conftest import PASSPHRASE, PASSPHRASE_ONLY, a_note

CRASH_CASE = "6a1f3c2e-8d4b-4e8a-9c1d-2b7e5f0a9d31"


def start_writer(folder: Path) -> subprocess.Popen[str]:
    """A ``write-forever`` child whose stdout reports each committed note as ``index id``."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.vault.child", "write-forever", str(folder)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    if child.stdout is None:
        raise RuntimeError("the writer's output pipe did not open")
    return child


def crash_body(index: int) -> str:
    """A long body whose completeness the parent can check from the index alone."""
    return f"note {index:06d} " + "synthetic crash-test text " * (40 + index % 50)


def main(mode: str, folder: str) -> None:
    vault = Vault(Path(folder), policy=PASSPHRASE_ONLY)
    vault.unlock(PASSPHRASE)
    if mode.startswith("write"):
        limit = 20 if mode == "write-and-die" else 10**9
        for index in range(limit):
            note = a_note(crash_body(index), case_id=CRASH_CASE)
            vault.store.save(note)
            print(index, note.id, flush=True)
        os._exit(0)
    document = vault.store.find_all(Document)[0]
    print(vault.open_for_viewing(document), flush=True)
    if mode == "view-and-die":
        os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
