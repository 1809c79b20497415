"""The store's tables (SQLAlchemy 2 typed ORM). Migrations in migrations/versions mirror these.

Case data lives in one generic ``records`` table, exactly as the devices hold it: kind, id, the
scope columns (case and party file) that authorisation filters on, the fields as JSON, a version,
a tombstone flag and per-field versions for merging. ``seq`` is the change-log position of the
record's latest change, which is what a pull pages over.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back time-zone aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamps must carry a time zone")
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}  # noqa: RUF012


def table(model: type[Base]) -> Table:
    """A mapped class's table, for hot statements built once on the table itself (the
    declarative ``__table__`` is typed as any FROM clause)."""
    return cast(Table, model.__table__)


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    password_changed_at: Mapped[datetime]
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    #: Set when the office disables a leaver: no sign-in, no session, no enrolment after it.
    disabled_at: Mapped[datetime | None]


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    asset_tag: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    #: The staff member who issued the laptop, and the laptop terms the volunteer accepted.
    issued_by: Mapped[str | None] = mapped_column(String(36))
    terms_version: Mapped[str | None] = mapped_column(String(40))
    terms_accepted_at: Mapped[datetime | None]


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    asset_tag: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    last_sync_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    wipe_sent_at: Mapped[datetime | None]
    last_device_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    #: Wrong current passwords given in a password change from this device's sessions: they
    #: lock this device only, never the user's other laptops.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    #: The ERMS Desktop version the laptop reported at its last enrolment or sign-in.
    app_version: Mapped[str | None] = mapped_column(String(40))


class DeviceHolding(Base):
    """A case (``party_file_id`` empty for its case-level records) or party file a laptop has
    pulled records of and not yet been told to remove: what was on it at its last contact."""

    __tablename__ = "device_holdings"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    party_file_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pulled_at: Mapped[datetime]


class SessionToken(Base):
    __tablename__ = "sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    #: None for an office session (office sign-in: staff only, no laptop, nothing synced).
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    password_only: Mapped[bool] = mapped_column(Boolean, default=False)


class Record(Base):
    __tablename__ = "records"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    party_file_id: Mapped[str | None] = mapped_column(String(36), index=True)
    fields: Mapped[dict[str, Any]]
    field_versions: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    updated_at: Mapped[datetime]


class ChangeLog(Base):
    """Every change with its global, monotonic sequence number and who made it."""

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean)
    user_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(36))
    at: Mapped[datetime]


class ScopeEvent(Base):
    __tablename__ = "scope_events"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    case_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]


class Allocation(Base):
    """A case (party_file_id empty) or a single party file allocated to a user."""

    __tablename__ = "allocations"
    __table_args__ = (UniqueConstraint("user_id", "case_id", "party_file_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    party_file_id: Mapped[str | None] = mapped_column(String(36))
    allocated_at: Mapped[datetime]


class DeviceMutation(Base):
    """The answer given to each device_seq, so a repeat is skipped with the original outcome."""

    __tablename__ = "device_mutations"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    record_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)


class Attachment(Base):
    """Content uploaded into one party file (the scope of the documents that name it): the
    same bytes in another file are another upload, so a hash proves nothing across files."""

    __tablename__ = "attachments"
    party_file_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(200))
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


class AttachmentChunk(Base):
    __tablename__ = "attachment_chunks"
    __table_args__ = (
        ForeignKeyConstraint(
            ["party_file_id", "sha256"], ["attachments.party_file_id", "attachments.sha256"]
        ),
    )
    party_file_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ReferralDetail(Base):
    """What the intake form took in beyond the referral record: the offence, its flags, the
    people referred and the lawful basis. Office-only (never pulled by a laptop); destroyed with
    the referral when it is rejected."""

    __tablename__ = "referral_details"
    referral_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    details: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class EqualityMonitoring(Base):
    """Optional equality monitoring answers, kept apart from case content (reports only)."""

    __tablename__ = "equality_monitoring"
    referral_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    age_band: Mapped[str | None] = mapped_column(String(30))
    gender: Mapped[str | None] = mapped_column(String(60))
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    disability: Mapped[str | None] = mapped_column(String(60))


class RejectionCount(Base):
    """All that is left of rejected referrals: an anonymous count per month and reason."""

    __tablename__ = "referral_rejections"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    reason: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class SupervisionNote(Base):
    """A staff member's supervision note on a case. Office-only: kept out of ``records``, so no
    laptop ever pulls one; destroyed with its case."""

    __tablename__ = "supervision_notes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime]


class AuditEntry(Base):
    """Append-only, chained: ``hash = HMAC-SHA256(audit key, prev_hash + canonical row)``."""

    __tablename__ = "audit_log"
    position: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    user_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(Text)
    case_ids: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class RateCount(Base):
    """Attempts counted per key (``sign_in:address:...``, ``enrol:account:...``) and window."""

    __tablename__ = "rate_counts"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=0)


class Counter(Base):
    """Named counters updated under a row lock: ``seq`` (change log head), ``audit`` (audit
    position, with the last hash in ``text``), ``tombstone_floor`` (oldest servable cursor)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    text: Mapped[str] = mapped_column(String(64), default="")


class CheckIn(Base):
    """A returned laptop's check-in (central/checkin.py): who started it, how far it got, and,
    once everything the laptop held is on the store, its receipt."""

    __tablename__ = "checkins"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    staff_user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    step: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    receipt: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class HandoverPackage(Base):
    """Work a laptop could not sync, encrypted to the organisation's recovery key (opaque here)."""

    __tablename__ = "handover_packages"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime]


class HandoverItem(Base):
    """One item of a package, listed against its case until staff apply or discard it."""

    __tablename__ = "handover_items"
    package_id: Mapped[str] = mapped_column(ForeignKey("handover_packages.id"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20))
    decided_by: Mapped[str | None] = mapped_column(String(36))
    decided_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(Text)


Index("ix_records_case_seq", Record.case_id, Record.seq)
Index("ix_scope_events_user_seq", ScopeEvent.user_id, ScopeEvent.seq)
