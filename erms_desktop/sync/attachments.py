"""Attachment transfer by SHA-256: uploaded (resumably, from the offset the store reports) before
the mutation that references them is pushed; downloaded and verified before the page that
references them is applied."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed

from erms_desktop.protocol.messages import AttachmentStart, Mutation, MutationOp, RecordChange
from erms_desktop.sync.errors import InvalidResponse, RequestRefused
from erms_desktop.sync.transport import Transport
from erms_desktop.vault import Store

CHUNK = 512 * 1024
MISSING = "attachments.missing"
OnBytes = Callable[[int], None]


def referenced(mutations: Iterable[Mutation]) -> list[tuple[str, str]]:
    """``(sha256, media_type)`` of documents created or changed by these mutations."""
    found: dict[str, str] = {}
    for mutation in mutations:
        sha = mutation.fields.get("sha256")
        if mutation.kind == "document" and mutation.op is not MutationOp.DELETE and sha:
            found[str(sha)] = str(mutation.fields.get("media_type") or "application/octet-stream")
    return list(found.items())


def upload(
    transport: Transport, store: Store, sha256: str, media_type: str, on_bytes: OnBytes
) -> None:
    """Upload one attachment, resuming where the store says the last attempt stopped. The vault
    checks the content against its hash as it reads it; the store checks it again at the end."""
    if not store.has_attachment(sha256):
        return  # the document came from the store: it already has the content
    content = store.read_attachment(sha256)
    status = transport.attachment_start(
        sha256, AttachmentStart(size=len(content), media_type=media_type)
    )
    offset = status.received
    on_bytes(offset)
    while not status.complete and offset < len(content):
        chunk = content[offset : offset + CHUNK]
        status = transport.attachment_chunk(sha256, offset, chunk)
        on_bytes(status.received - offset)
        offset = status.received


def documents_to_fetch(store: Store, changes: Iterable[object]) -> dict[str, int]:
    """The attachments a page's documents need that the vault does not hold, with their sizes."""
    wanted: dict[str, int] = {}
    for change in changes:
        if isinstance(change, RecordChange) and change.kind == "document" and not change.deleted:
            sha, size = change.fields.get("sha256"), change.fields.get("size_bytes")
            if isinstance(sha, str) and not store.has_attachment(sha):
                wanted[sha] = size if isinstance(size, int) else 0
    return wanted


def fetch(transport: Transport, sha256: str) -> bytes | None:
    """Download one attachment and check it against its hash; None if the store does not have
    it (never uploaded). Safe to run on several threads at once (httpx clients are)."""
    try:
        content = transport.attachment_content(sha256)
    except RequestRefused as exc:
        if exc.status != 404:
            raise
        return None
    if hashlib.sha256(content).hexdigest() != sha256:
        raise InvalidResponse("an attachment from the central store does not match its hash")
    return content


def download_all(
    transport: Transport, store: Store, hashes: list[str], on_bytes: OnBytes, workers: int = 4
) -> None:
    """Fetch attachments a few at a time (each answer waits on the store, not on the wire) and
    keep each verified one in the vault from this thread. Content the store does not have is
    listed as missing rather than stopping the sync."""
    missing: list[str] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sync-fetch") as pool:
        futures = {pool.submit(fetch, transport, sha): sha for sha in hashes}
        try:
            for future in as_completed(futures):
                content = future.result()
                if content is None:
                    missing.append(futures[future])
                    continue
                store.put_attachment(content)
                on_bytes(len(content))
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    if missing:
        with store.sync_transaction() as tx:
            known = set(tx.json_state(MISSING) or [])
            tx.put_json_state(MISSING, sorted(known | set(missing)))
