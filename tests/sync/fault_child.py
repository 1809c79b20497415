"""A laptop process for the SIGKILL tests: unlocks an enrolled vault, then keeps writing notes
(each in its own vault transaction, numbered from what the vault already holds) and syncing,
until it is killed. Usage: python -m tests.sync.fault_child VAULT_FOLDER CASE_ID FILE_ID."""

from __future__ import annotations

import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from erms_desktop.domain import Note
from erms_desktop.sync.client import SyncClient
from erms_desktop.sync.errors import SyncError
from tests.sync.laptops import open_vault

MARK = "Soak note "


def new_note(case_id: str, file_id: str, author: str, number: int) -> Note:
    return Note(
        id=str(uuid.uuid4()),
        case_id=case_id,
        party_file_id=file_id,
        author_id=author,
        body=f"{MARK}{number}",
        created_at=datetime.now(UTC),
    )


def main(folder: str, case_id: str, file_id: str) -> None:
    vault = open_vault(Path(folder))
    client = SyncClient(vault)
    author = client.credentials().user_id  # type: ignore[union-attr]
    count = sum(1 for n in vault.store.find_all(Note) if n.body.startswith(MARK))
    print("ready", flush=True)
    for _ in range(10_000):  # bounded; the parent kills it long before
        for _ in range(3):
            vault.store.save(new_note(case_id, file_id, author, count))
            count += 1
        try:
            client.sync()
        except SyncError:
            time.sleep(0.02)


if __name__ == "__main__":
    main(*sys.argv[1:4])
