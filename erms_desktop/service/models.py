"""Plain result types passed from the desktop service to the shell. Frozen, so a result handed
across threads cannot change under the GUI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from erms_desktop.domain.enums import CaseType, WorkflowStage


@dataclass(frozen=True, slots=True)
class EnrolmentRequest:
    server_url: str
    enrolment_code: str
    username: str
    password: str

    def __repr__(self) -> str:  # never show the password in a traceback or log
        return f"EnrolmentRequest(server_url={self.server_url!r}, username=<hidden>)"


@dataclass(frozen=True, slots=True)
class EnrolmentResult:
    device_name: str
    keyring_backend: str


@dataclass(frozen=True, slots=True)
class LeaseState:
    """How long this laptop may stay offline before it must reach the central store to unlock."""

    last_contact: datetime | None
    lease_days: int
    days_left: int

    @property
    def expired(self) -> bool:
        return self.days_left <= 0


@dataclass(frozen=True, slots=True)
class UnlockInfo:
    """What the unlock screen may show while the vault is closed (no case data)."""

    enrolled: bool
    last_sync: datetime | None
    lease: LeaseState
    demo_passphrase: str | None = None
    keyring_note: str | None = None
    default_server_url: str | None = None  # what the enrolment wizard's address starts with


@dataclass(frozen=True, slots=True)
class SyncOverview:
    """What the status bar shows between syncs (the engine's own status is ``sync.progress``)."""

    online: bool
    last_sync: datetime | None
    pending: int
    attention: int


@dataclass(frozen=True, slots=True)
class SyncProgress:
    items_done: int
    items_total: int
    bytes_done: int
    bytes_total: int
    cases_received: int


ProgressCallback = Callable[[SyncProgress], None]


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    status: SyncOverview
    cases_received: int


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """The signed-in volunteer's account habits (shown after unlock)."""

    username: str
    password_expires: date | None


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One row of the case list. People appear by initials only."""

    case_id: str
    service_reference: str
    stage: WorkflowStage
    next_action: str
    next_action_due: date | None
    initials: str
    pending_sync: bool
    #: What is overdue or missing on the case, in words ("next action overdue"), if anything.
    alerts: tuple[str, ...] = ()
    #: Which names its stages go by (a mediation's "Agreement", "Review").
    case_type: CaseType = CaseType.RESTORATIVE_JUSTICE


@dataclass(frozen=True, slots=True)
class NoteSearchResult:
    """What the search box found: one of the volunteer's own notes (with its case's reference,
    the file it is in and the date it was written) or a case itself (``note_id`` None: its
    reference or offence matched)."""

    note_id: str | None
    case_id: str
    service_reference: str
    written_on: date | None
    snippet: str
    place: str  # where the hit is: its file ("Victim file · P.Q.", see file_labels) or "Case"


class AttentionKind(StrEnum):
    CONFLICT = "conflict"
    QUARANTINED = "quarantined"
    REJECTED = "rejected"
    CASE_REMOVED = "case_removed"


class ResolveAction(StrEnum):
    KEEP_MINE = "keep_mine"
    KEEP_CENTRAL = "keep_central"
    RETRY = "retry"
    LEAVE_FOR_OFFICE = "leave_for_office"
    UNDERSTOOD = "understood"  # for what needs no decision: it only leaves the list

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    ResolveAction.KEEP_MINE: "Keep my version",
    ResolveAction.KEEP_CENTRAL: "Keep the office version",
    ResolveAction.RETRY: "Try sending again",
    ResolveAction.LEAVE_FOR_OFFICE: "Leave it for the office",
    ResolveAction.UNDERSTOOD: "Understood",
}


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """A conflict, quarantined or rejected change the volunteer must act on; never dropped."""

    item_id: str
    kind: AttentionKind
    service_reference: str
    summary: str
    actions: tuple[ResolveAction, ...]


@dataclass(frozen=True, slots=True)
class Diagnostics:
    """The backend's part of ``erms-desktop doctor``: states and counts, no personal data."""

    backend: str
    vault_state: str
    integrity: str
    central: str
    pending_outbox: int | None
    last_sync: datetime | None
