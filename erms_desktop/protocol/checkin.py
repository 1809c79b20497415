"""The wire contract of checking a returned laptop in (docs/security-model.md, "Checking a laptop
in"): a staff member's session drives it; the laptop's own device credentials run the final sync.

Every step is idempotent, so a check-in interrupted anywhere is resumed by repeating its steps:
start answers the check-in already open, an upload with a package id the store holds is answered
as before, and accounting or completing a check-in twice answers the same receipt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from erms_desktop.protocol.messages import (
    CaseDigest,
    Kind,
    Mutation,
    MutationResult,
    RecordId,
    Sha256Hex,
    WireModel,
    case_digest,
)
from erms_desktop.protocol.office_people import HeldCase

#: The hand-over package is at most this large once base64-encoded (the body limit applies too).
MAX_PACKAGE_CHARS = 64 * 1024 * 1024
Label = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[\x21-\x7e]+$")]


class CheckInStep(StrEnum):
    OPEN = "open"  # started; the laptop still holds its data
    ACCOUNTED = "accounted"  # everything is on the store; device retired; receipt stored
    COMPLETE = "complete"  # the laptop reported its local data destroyed


class CheckInStatus(WireModel):
    device_id: str
    asset_tag: str
    volunteer: str  # the volunteer's username
    staff: str  # the staff member's username
    step: CheckInStep
    started_at: datetime
    packages: list[str]  # hand-over package ids already uploaded


class DeviceSessionRequest(WireModel):
    """The laptop's device secret, so its final sync runs with its own credentials even when
    the volunteer (and their password) is absent: the staff session vouches instead."""

    device_secret: Annotated[str, Field(min_length=1, max_length=200)]


class DeviceSessionResponse(WireModel):
    token: str


class HandoverKind(StrEnum):
    DRAFT = "draft"  # an unfinished note
    QUARANTINED = "quarantined"  # work on a case that left the volunteer's scope
    REFUSED = "refused"  # a change the store refused
    CONFLICT = "conflict"  # an edit that conflicts with the store's record
    UNSENT = "unsent"  # a change that could not be sent


class HandoverItemInfo(WireModel):
    """What the store may know of an item without reading it: which case, what kind, and which
    record its change concerns (an applied change must be to that record)."""

    item_id: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9:_-]+$")]
    case_id: RecordId | None
    kind: HandoverKind
    record_kind: Kind
    record_id: RecordId | None = None


class HandoverUpload(WireModel):
    """The package (encrypted to the organisation's recovery public key; the store keeps it
    opaque) and its manifest."""

    package_id: RecordId
    label: Label
    blob: Annotated[str, Field(min_length=1, max_length=MAX_PACKAGE_CHARS)]  # base64
    items: Annotated[list[HandoverItemInfo], Field(max_length=100_000)]


class HandoverState(StrEnum):
    WAITING = "waiting"
    APPLIED = "applied"
    DISCARDED = "discarded"


class HandoverEntry(WireModel):
    package_id: str
    device_id: str
    item_id: str
    case_id: str | None
    kind: HandoverKind
    record_kind: str
    state: HandoverState
    decided_by: str | None = None
    decided_at: datetime | None = None
    outcome: str | None = None


class HandoverPackage(WireModel):
    package_id: str
    label: str
    blob: str


class HandoverApply(WireModel):
    """The item's change, read by the office from the decrypted package, to be applied through
    the same validation as a push (its device_seq is ignored)."""

    mutation: Mutation


class HandoverDecision(WireModel):
    entry: HandoverEntry
    result: MutationResult | None = None


class CaseCheck(WireModel):
    """One case's comparison: its digest, and each of its party files' digests, alike."""

    case_id: RecordId
    digest: Sha256Hex | None  # the laptop's digest; None when only the store holds the case
    matched: bool
    party_files: Annotated[int, Field(ge=0)] = 0  # how many party files were compared


class AccountedRequest(WireModel):
    cases: Annotated[list[CaseCheck], Field(max_length=100_000)]
    items_handed_over: Annotated[int, Field(ge=0)]


class CompleteRequest(WireModel):
    destruction_method: Annotated[str, Field(min_length=1, max_length=300)]


class Receipt(WireModel):
    device_id: str
    asset_tag: str
    volunteer: str
    staff: str
    accounted_at: datetime
    cases: list[CaseCheck]
    items_handed_over: int
    packages: list[str]
    local_data_destroyed: bool
    destruction_method: str | None
    completed_at: datetime | None


class DigestRequest(WireModel):
    """The records the laptop hands over: the store answers their versions beside the digests,
    so the laptop can count them as the store holds them."""

    handed_over: Annotated[list[RecordId], Field(max_length=100_000)] = Field(default_factory=list)


class RecordVersion(WireModel):
    record_id: str
    kind: str
    case_id: str
    party_file_id: str | None
    version: int


class FileDigest(WireModel):
    case_id: str
    party_file_id: str
    count: int
    digest: Sha256Hex


#: The kinds that live in one party file on both sides (the file itself, its participants and
#: what is recorded in it); the per-file digest is over these, so both sides group alike.
FILE_KINDS = frozenset(
    {"party_file", "participant", "note", "consent", "document", "contact", "risk_assessment"}
)
FileRow = tuple[str, str | None, str, str, int]  # case, party file, kind, record id, version


def file_digests(rows: Iterable[FileRow]) -> list[FileDigest]:
    """The digest per party file (as :func:`case_digest` per case), computed alike on the
    laptop and on the store."""
    by_file: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    for case_id, file_id, kind, record_id, version in rows:
        if file_id is not None and kind in FILE_KINDS:
            by_file.setdefault((case_id, file_id), []).append((kind, record_id, version))
    return [
        FileDigest(case_id=case_id, party_file_id=file_id, count=d.count, digest=d.digest)
        for (case_id, file_id), found in sorted(by_file.items())
        for d in (case_digest(case_id, found),)
    ]


class StoreDigests(WireModel):
    """Per case and per party file, over what the laptop's volunteer can see; and the live
    handed-over records."""

    cases: list[CaseDigest]
    files: list[FileDigest] = Field(default_factory=list)
    handed_over: list[RecordVersion] = Field(default_factory=list)


class LaptopContents(WireModel):
    """What was on a laptop at its last contact, for a lost laptop and a returned one alike."""

    device_id: str
    asset_tag: str
    volunteer: str
    last_contact: datetime | None
    ended: str  # "in use", "revoked" or "checked in"
    cases: list[HeldCase]
