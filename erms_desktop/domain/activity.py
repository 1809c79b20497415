"""Contacts and meetings, outcome agreement items, documents, and volunteer time and expenses."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from datetime import date, datetime

from erms_desktop.domain.enums import ContactKind, ContactMode, ExpenseKind, OutcomeKind
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import require_aware, require_id, require_text

_SHA256_HEX_LENGTH = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """A contact or meeting. With a party file it is a preparation contact with that side; with
    none it is a joint meeting (a conference) at case level, which records only what both
    parties consented to share."""

    id: str
    case_id: str
    kind: ContactKind
    mode: ContactMode
    held_on: date
    duration_minutes: int
    party_file_id: str | None = None
    attendee_ids: tuple[str, ...] = ()
    summary: str = ""
    #: A video or phone meeting: everyone was reminded not to record it ...
    reminded_not_to_record: bool = False
    #: ... and confirmed they were somewhere private (see ``integrity.contact_problems``).
    private_location_confirmed: bool = False

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "contact id")
        require_id(self.case_id, "contact case id")
        if self.party_file_id is not None:
            require_id(self.party_file_id, "contact party file id")
        if not 0 <= self.duration_minutes <= 24 * 60:
            raise InvalidValueError("a contact lasts between 0 minutes and a day")
        if self.kind is ContactKind.CONFERENCE and self.party_file_id is not None:
            raise InvalidValueError("a conference is a joint meeting held at case level")
        for attendee in self.attendee_ids:
            require_id(attendee, "contact attendee id")
        if len(set(self.attendee_ids)) != len(self.attendee_ids):
            raise InvalidValueError("an attendee is listed once")

    @property
    def is_joint(self) -> bool:
        return self.party_file_id is None


@dataclass(frozen=True, slots=True, kw_only=True)
class OutcomeItem:
    """One item of an outcome agreement: who does what by when, and whether it was done.

    The agreement is signed by the parties: ``signed_by_party_file_ids`` names the party files
    whose party signed it - any or all of them (both sides, or every party of a mediation). It
    sits at case level, so its text identifies nobody."""

    id: str
    case_id: str
    kind: OutcomeKind
    description: str
    responsible_party_file_id: str
    due_on: date | None = None
    completed_on: date | None = None
    monitored_by: str | None = None
    signed_by_party_file_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "outcome item id")
        require_id(self.case_id, "outcome item case id")
        require_id(self.responsible_party_file_id, "responsible party file")
        require_text(self.description, "outcome item description")
        for party_file_id in self.signed_by_party_file_ids:
            require_id(party_file_id, "signing party file")
        if len(set(self.signed_by_party_file_ids)) != len(self.signed_by_party_file_ids):
            raise InvalidValueError("a party signs an outcome agreement only once")
        if self.monitored_by is not None:
            require_text(self.monitored_by, "who monitors the outcome item")

    def complete(self, on: date) -> OutcomeItem:
        if self.completed_on is not None:
            raise InvalidValueError("outcome item already completed")
        return dataclasses.replace(self, completed_on=on)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A file attached to one party file (a letter, a signed form, an email). The content lives
    encrypted in the vault, addressed by its SHA-256."""

    id: str
    case_id: str
    party_file_id: str
    filename: str
    media_type: str
    sha256: str
    size_bytes: int
    added_at: datetime
    description: str = ""

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "document id")
        require_id(self.case_id, "document case id")
        require_id(self.party_file_id, "document party file id")
        require_text(self.filename, "document filename")
        require_text(self.media_type, "document media type")
        require_aware(self.added_at, "document time")
        if any(sep in self.filename for sep in ("/", "\\", "\x00")) or self.filename in {".", ".."}:
            raise InvalidValueError("a document filename is a bare name, not a path")
        if len(self.sha256) != _SHA256_HEX_LENGTH or not all(
            c in "0123456789abcdef" for c in self.sha256
        ):
            raise InvalidValueError("document hash must be lower-case hex SHA-256")
        if self.size_bytes < 0:
            raise InvalidValueError("document size cannot be negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeEntry:
    """Volunteer time on a case, with mileage and costs claimed for it."""

    id: str
    case_id: str
    volunteer_id: str
    worked_on: date
    activity: str
    minutes: int
    miles: float = 0.0
    expense_kind: ExpenseKind | None = None
    expense_pence: int = 0
    #: Set when the volunteer submits the month's time and expenses: the entry is then locked.
    submitted_on: date | None = None

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "time entry id")
        require_id(self.case_id, "time entry case id")
        require_id(self.volunteer_id, "time entry volunteer id")
        require_text(self.activity, "activity")
        if not 0 <= self.minutes <= 24 * 60:
            raise InvalidValueError("time worked is between 0 minutes and a day")
        if not math.isfinite(self.miles):
            raise InvalidValueError("mileage must be a number of miles")
        if self.miles < 0 or self.expense_pence < 0:
            raise InvalidValueError("mileage and costs cannot be negative")
        if self.expense_pence and self.expense_kind is None:
            raise InvalidValueError("say what a cost was for")


def month_of(entry: TimeEntry) -> tuple[int, int]:
    return (entry.worked_on.year, entry.worked_on.month)


def submission_problem(
    before: TimeEntry | None, after: TimeEntry | None, submitted: set[tuple[int, int]]
) -> str | None:
    """Why a volunteer may not make this change to their time entries, if they may not: once a
    month's time and expenses are submitted (``submitted`` holds those months), its entries
    are locked - never changed, unsubmitted or removed, and nothing is added to it. Submitting
    is setting ``submitted_on``; the office corrects a submitted claim."""
    if before is not None and before.submitted_on is not None and after != before:
        verb = "removed" if after is None else "changed"
        return f"a submitted time entry is never {verb}; ask the office to correct it"
    if after is not None and after.submitted_on is None and month_of(after) in submitted:
        return f"time for {after.worked_on:%B %Y} is already submitted; ask the office to add it"
    return None


def monthly_totals(entries: list[TimeEntry], year: int, month: int) -> tuple[int, float, int]:
    """Minutes, miles and pence claimed in one calendar month."""
    chosen = [e for e in entries if (e.worked_on.year, e.worked_on.month) == (year, month)]
    return (
        sum(e.minutes for e in chosen),
        round(sum(e.miles for e in chosen), 1),
        sum(e.expense_pence for e in chosen),
    )
