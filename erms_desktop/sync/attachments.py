"""Attachment transfer by party file and SHA-256: uploaded (resumably, from the offset the store
reports) into the document's own party file before the mutation that references them is pushed;
downloaded and verified before the page that references them is applied. The store binds content
to the party file it was uploaded into, so the file travels with every request."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed

from erms_desktop.protocol.attachment_frames import AttachmentAddress
from erms_desktop.protocol.messages import AttachmentStart, Mutation, MutationOp, RecordChange
from erms_desktop.sync.errors import InvalidResponse, RequestRefused
from erms_desktop.sync.transport import Transport
from erms_desktop.vault import ContentMismatchError, Store
from erms_desktop.vault.attachments import PIECE

CHUNK = PIECE
#: Attachments up to this size are fetched into memory, several at once; larger ones are
#: streamed into the vault one at a time.
IN_MEMORY = 4 * 1024 * 1024
#: One download request asks for at most this many attachments and (by the documents' sizes)
#: this many bytes: a request and an audited commit on the store per batch, not per document.
BATCH_COUNT = 64
BATCH_BYTES = 8 * 1024 * 1024
MISSING = "attachments.missing"
OnBytes = Callable[[int], None]


class Large:
    """The answer of :func:`fetch_batch` for content too large to hold in memory."""


LARGE = Large()
#: What fetching a small attachment gave: its content, None (the store does not have it) or
#: :data:`LARGE`.
Fetched = bytes | Large | None


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


def batches(wanted: Mapping[Address, int]) -> tuple[list[list[Address]], list[Address]]:
    """The attachments to fetch in batches (at most :data:`BATCH_COUNT` and, by the documents'
    sizes, :data:`BATCH_BYTES` each), and those over :data:`IN_MEMORY`, to stream one by one."""
    grouped: list[list[Address]] = []
    large: list[Address] = []
    size_of_last = 0
    for address in sorted(wanted):
        size = wanted[address]
        if size > IN_MEMORY:
            large.append(address)
            continue
        if not grouped or len(grouped[-1]) >= BATCH_COUNT or size_of_last + size > BATCH_BYTES:
            grouped.append([])
            size_of_last = 0
        grouped[-1].append(address)
        size_of_last += size
    return grouped, large


def fetch_batch(transport: Transport, addresses: list[Address]) -> list[tuple[Address, Fetched]]:
    """Download a batch of small attachments into memory in one request, each checked against
    its hash: None for one the store does not have, :data:`LARGE` for one larger than the
    batch may hold after all (its bytes are read past, not kept; it is streamed alone later).
    At most :data:`BATCH_BYTES` plus one attachment is ever held, whatever the sizes the store
    declares. Safe to run on several threads at once (httpx clients are)."""
    asked = [AttachmentAddress(party_file_id=file_id, sha256=sha) for file_id, sha in addresses]
    answers: list[tuple[Address, Fetched]] = []
    budget = BATCH_BYTES
    with transport.attachment_batch(asked) as frames:
        for frame, content in frames:
            if len(answers) == len(addresses):
                raise InvalidResponse("the central store sent more attachments than asked for")
            address = addresses[len(answers)]
            if frame.sha256 != address[1]:
                raise InvalidResponse("the central store sent attachments out of order")
            if frame.size is None or frame.size > min(IN_MEMORY, budget):
                answers.append((address, None if frame.size is None else LARGE))
                continue
            data = b"".join(content)
            if len(data) != frame.size or hashlib.sha256(data).hexdigest() != frame.sha256:
                raise InvalidResponse(
                    "an attachment from the central store does not match its hash"
                )
            budget -= len(data)
            answers.append((address, data))
    if len(answers) != len(addresses):
        raise InvalidResponse("the central store's attachment batch ended early")
    return answers


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


class _Arrivals:
    """Sorts what a batch brings: verified content kept in the vault together (one transaction
    per batch, while the next batches are still arriving), the large ones set aside, the
    missing ones listed."""

    def __init__(self, store: Store, on_bytes: OnBytes, large: list[Address]) -> None:
        self._store, self._on_bytes = store, on_bytes
        self.large = large
        self.missing: list[str] = []
        self._held: list[bytes] = []

    def take(self, address: Address, content: Fetched) -> None:
        if content is None:
            self.missing.append(address[1])
        elif isinstance(content, Large):
            self.large.append(address)
        else:
            self._held.append(content)

    def keep(self) -> None:
        if self._held:
            self._store.put_attachments(self._held)
            self._on_bytes(sum(len(content) for content in self._held))
            self._held.clear()


def download_all(
    transport: Transport,
    store: Store,
    wanted: Mapping[Address, int],
    on_bytes: OnBytes,
    *,
    workers: int = 2,
    meanwhile: Callable[[], None] = lambda: None,
) -> None:
    """Fetch ``wanted`` (address: the document's size): small attachments in batches, a couple
    at a time (each answer waits on the store, not on the wire), each batch kept in the vault
    from this thread; then the large ones streamed into the vault one by one. ``meanwhile``
    runs on this thread while the first batches arrive. Content the store does not have is listed as
    missing rather than stopping the sync."""
    grouped, large = batches(wanted)
    arrivals = _Arrivals(store, on_bytes, large)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sync-fetch") as pool:
        futures = [pool.submit(fetch_batch, transport, batch) for batch in grouped]
        try:
            meanwhile()
            for future in as_completed(futures):
                for address, content in future.result():
                    arrivals.take(address, content)
                arrivals.keep()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    missing = arrivals.missing
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
