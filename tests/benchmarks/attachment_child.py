"""A laptop process for the attachment memory test, one vault each, as on a laptop. ``upload``
writes a large attachment into the vault, names it in a new document and syncs (the upload);
``download`` syncs a vault that lacks it (the download). Prints the resident memory before the
work and the peak after it, in KiB, as JSON.
Usage: python -m tests.benchmarks.attachment_child upload FOLDER CASE_ID FILE_ID SIZE
       python -m tests.benchmarks.attachment_child download FOLDER SHA256"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from erms_desktop.domain import Document
from erms_desktop.sync.client import SyncClient
from erms_desktop.vault.attachments import PIECE
from tests.sync.laptops import open_vault


def content(size: int) -> Iterator[bytes]:
    """The same pseudo-random bytes every time it is called (so the hash is known first)."""
    source = random.Random(20)
    for start in range(0, size, PIECE):
        yield source.randbytes(min(PIECE, size - start))


def content_hash(size: int) -> str:
    hasher = hashlib.sha256()
    for piece in content(size):
        hasher.update(piece)
    return hasher.hexdigest()


def memory_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def upload(client: SyncClient, case_id: str, file_id: str, size: int) -> str:
    store = client.vault.store
    sha = content_hash(size)
    store.write_attachment(sha, content(size))
    store.save(
        Document(
            id=str(uuid.uuid4()),
            case_id=case_id,
            party_file_id=file_id,
            filename="scanned-bundle.pdf",
            media_type="application/pdf",
            sha256=sha,
            size_bytes=size,
            added_at=datetime.now(UTC),
        )
    )
    client.sync()
    return sha


def main(mode: str, folder: str, *rest: str) -> None:
    vault = open_vault(Path(folder))
    client = SyncClient(vault)
    client.sync()  # warm: signed in, nothing new
    before = memory_kib("VmRSS")
    if mode == "upload":
        sha = upload(client, rest[0], rest[1], int(rest[2]))
    else:
        sha = rest[0]
        client.sync()
    held = vault.store.attachment_size(sha)
    peak = memory_kib("VmHWM")
    print(json.dumps({"before": before, "peak": peak, "sha": sha, "held": held}), flush=True)
    client.close()
    vault.lock()


if __name__ == "__main__":
    main(*sys.argv[1:])
