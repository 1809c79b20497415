"""The sync wire protocol shared by the desktop client and the central store.

Pydantic v2 models only: no Qt, no FastAPI, no database. Every model forbids unknown fields, so a
typo or a newer client's extra field is a clear 422 rather than silently ignored data. The prose
description (flows, status codes, examples) is in docs/sync-protocol.md.

Every request except health carries the two version headers (:data:`PROTOCOL_HEADER`,
:data:`SCHEMA_HEADER`); a client outside the supported range is answered 426 with
:class:`UpgradeRequired`. Every error answer is an :class:`ErrorEnvelope`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from erms_desktop.domain.enums import UserRole
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.textrules import check_json

#: Bumped on any incompatible change to these messages or their meaning.
#: 2: the batched attachment download (``POST /v1/attachments/batch``), which a pull uses for
#: its documents' content. The store still serves protocol 1 apps (they fetch one at a time); a
#: protocol 2 app refuses a store that predates it, saying the store needs updating.
PROTOCOL_VERSION: Final = 2
#: Bumped when record fields change shape (erms_desktop.domain.records); both sides must agree.
#: 2: case types - a case has ``case_type`` (restorative justice or mediation), a mediation
#: case a dispute type instead of an offence, and party files the sides Party A, Party B, ...
#: An app of schema 1 would refuse such a case's fields or show its parties as victim and
#: offender, so the store answers it 426 (upgrade required) and it says to install the current
#: ERMS Desktop, rather than mislabel anybody.
SCHEMA_VERSION: Final = 2
#: The oldest client protocol the store still serves.
MIN_PROTOCOL_VERSION: Final = 1

PROTOCOL_HEADER: Final = "ERMS-Protocol-Version"
SCHEMA_HEADER: Final = "ERMS-Schema-Version"
AUTH_HEADER: Final = "Authorization"  # "Bearer <session token>"

Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
RECORD_ID_PATTERN = r"^[0-9a-fA-F-]{36}$"
RecordId = Annotated[str, Field(min_length=36, max_length=36, pattern=RECORD_ID_PATTERN)]
Kind = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]


#: Credentials and names in requests hold one line: no control character (the rule of record
#: fields' identifier and line classes, erms_desktop.domain.textrules); a lone surrogate is
#: refused by pydantic itself. A pattern, so the published OpenAPI schema states it too.
ONE_LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"


class WireModel(BaseModel):
    """Base for every message: unknown fields are refused, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- errors and versions -----------------------------------------------------------------


class ErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    VALIDATION = "validation_error"
    UNAUTHENTICATED = "unauthenticated"
    SESSION_EXPIRED = "session_expired"
    INVALID_CREDENTIALS = "invalid_credentials"
    ACCOUNT_LOCKED = "account_locked"
    PASSWORD_CHANGE_REQUIRED = "password_change_required"  # noqa: S105 (a code, not a secret)
    DEVICE_REVOKED = "device_revoked"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    SEQUENCE_GAP = "sequence_gap"
    TOO_LARGE = "too_large"
    RATE_LIMITED = "rate_limited"
    UPGRADE_REQUIRED = "upgrade_required"
    INTERNAL = "internal_error"


class ErrorBody(WireModel):
    code: ErrorCode
    message: str
    #: True only for a revoked device: the client must crypto-shred its local data now.
    wipe: bool = False
    #: For ``sequence_gap``: the device_seq the store expects next.
    expected_device_seq: int | None = None


class ErrorEnvelope(WireModel):
    error: ErrorBody


class UpgradeRequired(WireModel):
    """The 426 answer: which versions the store speaks, so the client can say what to install."""

    error: ErrorBody
    min_protocol_version: int
    protocol_version: int
    schema_version: int


class Health(WireModel):
    status: Literal["ok"]
    protocol_version: int
    min_protocol_version: int
    schema_version: int
    server_version: str


# --- enrolment and sign-in ---------------------------------------------------------------

Username = Annotated[str, Field(min_length=1, max_length=100, pattern=ONE_LINE_PATTERN)]
Password = Annotated[str, Field(min_length=1, max_length=1000, pattern=ONE_LINE_PATTERN)]
AppVersion = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z.+_-]+$")]


class EnrolRequest(WireModel):
    """A laptop's first contact: the code staff issued, and the volunteer's own sign-in."""

    code: Annotated[str, Field(min_length=4, max_length=64, pattern=ONE_LINE_PATTERN)]
    username: Username
    password: Password
    device_name: Annotated[str, Field(min_length=1, max_length=100, pattern=ONE_LINE_PATTERN)]
    app_version: AppVersion | None = None


class EnrolResponse(WireModel):
    device_id: str
    #: Shown once; the client keeps it in the OS keyring. The store keeps only its hash.
    device_secret: str
    user_id: str
    asset_tag: str


class SignInRequest(WireModel):
    device_id: Annotated[str, Field(min_length=1, max_length=64, pattern=ONE_LINE_PATTERN)]
    device_secret: Annotated[str, Field(min_length=1, max_length=200, pattern=ONE_LINE_PATTERN)]
    username: Username
    password: Password
    #: The ERMS Desktop version on the laptop, shown in the office's list of laptops.
    app_version: AppVersion | None = None


class SignInResponse(WireModel):
    token: str
    expires_at: datetime
    user_id: str
    role: UserRole
    #: When true the session may only change the password (POST /v1/password).
    password_change_required: bool
    password_expires_at: datetime | None


class PasswordChangeRequest(WireModel):
    current_password: Password
    new_password: Password


# --- push -------------------------------------------------------------------------------


class MutationOp(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class Mutation(WireModel):
    """One numbered local change. ``fields`` is the whole entity for create and only the changed
    fields for update (empty for delete). ``base_version`` is the server version the edit started
    from (0 for create)."""

    device_seq: Annotated[int, Field(ge=1)]
    kind: Kind
    record_id: RecordId
    op: MutationOp
    base_version: Annotated[int, Field(ge=0)]
    fields: dict[str, Any] = Field(default_factory=dict)

    @field_validator("fields")
    @classmethod
    def _strings_at_the_edge(cls, fields: dict[str, Any]) -> dict[str, Any]:
        """Every string the store would keep must be one it can serve back: a hostile string
        in any field of any kind makes the whole push a 422, and nothing is stored."""
        try:
            check_json(fields)
        except InvalidValueError as exc:
            raise ValueError(str(exc)) from None
        return fields


class PushRequest(WireModel):
    """Mutations in ascending, contiguous device_seq order (checked by the store)."""

    mutations: Annotated[list[Mutation], Field(min_length=1, max_length=500)]


class MutationStatus(StrEnum):
    APPLIED = "applied"
    SKIPPED = "skipped"  # a repeat of a device_seq already answered
    CONFLICT = "conflict"
    REJECTED = "rejected"


class MutationResult(WireModel):
    device_seq: int
    record_id: str
    status: MutationStatus
    #: For applied: the new server version; for conflict: the server's current version.
    version: int | None = None
    #: For rejected: why, in plain English. For skipped: "duplicate".
    reason: str | None = None
    #: For conflict: the fields changed on both sides, and the server's current record fields.
    conflicting_fields: list[str] = Field(default_factory=list)
    server_fields: dict[str, Any] | None = None
    #: For skipped: the status the original answer had.
    original_status: MutationStatus | None = None


class PushResponse(WireModel):
    results: list[MutationResult]
    #: The highest device_seq the store has answered for this device.
    last_device_seq: int


# --- pull -------------------------------------------------------------------------------


class RecordChange(WireModel):
    type: Literal["record"] = "record"
    seq: int
    kind: str
    id: str
    case_id: str | None
    party_file_id: str | None
    version: int
    deleted: bool
    #: Empty for a tombstone.
    fields: dict[str, Any]


class ScopeExitReason(StrEnum):
    DEALLOCATED = "deallocated"
    CLOSED = "closed"
    RETENTION = "retention"


class ScopeExit(WireModel):
    """The whole case leaves this user's scope: push pending edits, quarantine what is refused,
    then drop the local copy. Records of the case still in scope follow with higher seq."""

    type: Literal["scope_exit"] = "scope_exit"
    seq: int
    case_id: str
    reason: ScopeExitReason


Change = Annotated[RecordChange | ScopeExit, Field(discriminator="type")]


class PullResponse(WireModel):
    changes: list[Change]
    #: Store this after applying the page (in the same local transaction).
    cursor: int
    more: bool
    #: The cursor is older than the tombstone window (or newer than the store): download
    #: everything again from cursor 0, keeping the outbox.
    resync_required: bool = False


# --- sanity digest ----------------------------------------------------------------------


class CaseDigest(WireModel):
    case_id: str
    count: int
    counts_by_kind: dict[str, int]
    digest: Sha256Hex


def case_digest(case_id: str, records: Iterable[tuple[str, str, int]]) -> CaseDigest:
    """The digest over one case's live records given as ``(kind, id, version)``: both sides
    compute it the same way, so equal digests prove they hold the same versions."""
    rows = sorted(records, key=lambda row: row[1])
    counts: dict[str, int] = {}
    hasher = hashlib.sha256()
    for kind, record_id, version in rows:
        counts[kind] = counts.get(kind, 0) + 1
        hasher.update(f"{record_id}:{version}\n".encode())
    return CaseDigest(
        case_id=case_id, count=len(rows), counts_by_kind=counts, digest=hasher.hexdigest()
    )


class DigestResponse(WireModel):
    cases: list[CaseDigest]


# --- attachments ------------------------------------------------------------------------


class AttachmentStart(WireModel):
    """Announce an upload; repeating it is harmless and answers the current offset."""

    size: Annotated[int, Field(ge=0)]
    #: Printable ASCII: it may be sent back in a Content-Type header (if on the allow-list).
    media_type: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[ -~]+$")]


class AttachmentStatus(WireModel):
    sha256: Sha256Hex
    size: int
    media_type: str
    #: Bytes received so far: the offset for the next chunk (PUT .../chunks?offset=N).
    received: int
    complete: bool


# --- office -----------------------------------------------------------------------------


class DeviceInfo(WireModel):
    device_id: str
    user_id: str
    username: str
    asset_tag: str
    name: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    last_sync_at: datetime | None
    revoked_at: datetime | None


class CaseSummary(WireModel):
    case_id: str
    version: int
    fields: dict[str, Any]
