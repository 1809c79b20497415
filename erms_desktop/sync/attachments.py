"""Attachment transfer by party file and SHA-256: uploaded (resumably, from the offset the store
reports) into the document's own party file before the mutation that references them is pushed;
downloaded and verified before the page that references them is applied. The store binds content
to the party file it was uploaded into, so the file travels with every request."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed

from erms_desktop.protocol.messages import AttachmentStart, Mutation, MutationOp, RecordChange
from erms_desktop.sync.errors import InvalidResponse, RequestRefused
from erms_desktop.sync.transport import Transport
from erms_desktop.vault import ContentMismatchError, Store
from erms_desktop.vault.attachments import PIECE

CHUNK = PIECE
#: Attachments up to this size are fetched into memory, several at once; larger ones are
#: streamed into the vault one at a time.
IN_MEMORY = 4 * 1024 * 1024
#: Small attachments fetched are kept in the vault a batch of this many bytes at a time.
IN_VAULT_BATCH = 16 * 1024 * 1024
MISSING = "attachments.missing"
OnBytes = Callable[[int], None]


class Large:
    """The answer of :func:`fetch` for content too large to hold in memory."""


LARGE = Large()


#: One attachment as the store addresses it: (party_file_id, sha256).
Address = tuple[str, str]


def referenced(store: Store, mutations: Iterable[Mutation]) -> list[tuple[Address, str]]:
    """The address and media type of documents created or changed by these mutations (an
    update that carries no party file takes it from the local record)."""
    found: dict[Address, str] = {}
    for mutation in mutations:
        sha = mutation.fields.get("sha256")
        if mutation.kind == "document" and mutation.op is not MutationOp.DELETE and sha:
            file_id = mutation.fields.get("party_file_id") or _file_of(store, mutation.record_id)
            if isinstance(file_id, str):
                media_type = mutation.fields.get("media_type") or "application/octet-stream"
                found[(file_id, str(sha))] = str(media_type)
    return list(found.items())


def _file_of(store: Store, record_id: str) -> object:
    with store.sync_reader() as reader:
        record = reader.record(record_id)
    return record.fields.get("party_file_id") if record is not None else None


def upload(
    transport: Transport, store: Store, address: Address, media_type: str, on_bytes: OnBytes
) -> None:
    """Upload one attachment, resuming where the store says the last attempt stopped, reading it
    from the vault a piece at a time. The vault checks the content against its hash as it reads
    it (all of it, the part already sent too); the store checks it again at the end."""
    file_id, sha256 = address
    size = store.attachment_size(sha256)
    if size is None:
        return  # the document came from the store: it already has the content
    status = transport.attachment_start(
        file_id, sha256, AttachmentStart(size=size, media_type=media_type)
    )
    offset = status.received
    on_bytes(offset)
    position = 0
    for piece in store.attachment_pieces(sha256):
        position += len(piece)
        unsent = position - offset
        if status.complete or unsent <= 0:
            continue  # already on the store; read on so the hash is still checked
        chunk = piece[-unsent:] if unsent < len(piece) else piece
        status = transport.attachment_chunk(file_id, sha256, offset, chunk)
        on_bytes(status.received - offset)
        offset = status.received


def documents_to_fetch(store: Store, changes: Iterable[object]) -> dict[Address, int]:
    """The attachments a page's documents need that the vault does not hold, with their sizes."""
    wanted: dict[Address, int] = {}
    for change in changes:
        if isinstance(change, RecordChange) and change.kind == "document" and not change.deleted:
            sha, size = change.fields.get("sha256"), change.fields.get("size_bytes")
            if isinstance(sha, str) and change.party_file_id and not store.has_attachment(sha):
                wanted[(change.party_file_id, sha)] = size if isinstance(size, int) else 0
    return wanted


def fetch(transport: Transport, address: Address) -> bytes | Large | None:
    """Download one small attachment into memory and check it against its hash; None if the
    store does not have it (never uploaded), :data:`LARGE` (nothing read) if it is over
    :data:`IN_MEMORY`. Safe to run on several threads at once (httpx clients are)."""
    file_id, sha256 = address
    try:
        with transport.attachment_content(file_id, sha256) as download:
            if download.size is not None and download.size > IN_MEMORY:
                return LARGE
            content = bytearray()
            for chunk in download.chunks:
                content += chunk
                if len(content) > IN_MEMORY:
                    return LARGE
    except RequestRefused as exc:
        if exc.status != 404:
            raise
        return None
    if hashlib.sha256(content).hexdigest() != sha256:
        raise InvalidResponse("an attachment from the central store does not match its hash")
    return bytes(content)


def fetch_into_vault(
    transport: Transport, store: Store, address: Address, on_bytes: OnBytes
) -> None:
    """Stream one large attachment straight into the vault, which keeps it only if it matches
    its hash (memory stays at a piece or so, whatever the size)."""
    file_id, sha256 = address

    def counted(chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            on_bytes(len(chunk))
            yield chunk

    with transport.attachment_content(file_id, sha256) as download:
        try:
            store.write_attachment(sha256, counted(download.chunks))
        except ContentMismatchError:
            raise InvalidResponse(
                "an attachment from the central store does not match its hash"
            ) from None


def download_all(
    transport: Transport,
    store: Store,
    addresses: list[Address],
    on_bytes: OnBytes,
    *,
    workers: int = 4,
    meanwhile: Callable[[], None] = lambda: None,
) -> None:
    """Fetch small attachments a few at a time (each answer waits on the store, not on the
    wire) and keep the verified ones in the vault from this thread, a batch per transaction;
    then stream the large ones into the vault one by one. ``meanwhile`` runs on this thread
    while the first ones arrive. Content the store does not have is listed as missing rather
    than stopping the sync."""
    missing: list[str] = []
    large: list[Address] = []
    held: list[bytes] = []  # verified, kept in the vault together (one transaction) when
    # they reach IN_VAULT_BATCH bytes and at the end

    def keep() -> None:
        store.put_attachments(held)
        on_bytes(sum(len(content) for content in held))
        held.clear()

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sync-fetch") as pool:
        futures = {pool.submit(fetch, transport, address): address for address in addresses}
        try:
            meanwhile()
            for future in as_completed(futures):
                content = future.result()
                if content is None:
                    missing.append(futures[future][1])
                elif isinstance(content, Large):
                    large.append(futures[future])
                else:
                    held.append(content)
                    if sum(len(c) for c in held) >= IN_VAULT_BATCH:
                        keep()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    if held:
        keep()
    for address in sorted(large):
        try:
            fetch_into_vault(transport, store, address, on_bytes)
        except RequestRefused as exc:
            if exc.status != 404:
                raise
            missing.append(address[1])
    if missing:
        with store.sync_transaction() as tx:
            known = set(tx.json_state(MISSING) or [])
            tx.put_json_state(MISSING, sorted(known | set(missing)))
