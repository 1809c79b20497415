"""Read-only snapshots of a case, handed from the worker thread to the GUI.

A snapshot is plain frozen data: the GUI never holds a store, and everything it shows of a case
came from one ``load_case`` call on the background worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from erms_desktop.domain import (
    Case,
    ConsentRecord,
    Contact,
    Document,
    Exchange,
    Feedback,
    Note,
    OutcomeItem,
    Participant,
    PartyFile,
    RiskAssessment,
    TimeEntry,
)


class SyncState(StrEnum):
    """Where a record stands with the central store."""

    PENDING = "pending"  # saved in the vault, waiting in the outbox
    SYNCED = "synced"  # the central store holds this version
    ATTENTION = "needs attention"  # the central store refused it; see the attention list
    DRAFT = "draft"  # an autosaved draft: local only, never synced


@dataclass(frozen=True, slots=True)
class FileView:
    """One party file and everything filed in it."""

    party_file: PartyFile
    participants: tuple[Participant, ...]
    notes: tuple[Note, ...]  # oldest first, drafts excluded
    drafts: tuple[Note, ...]
    contacts: tuple[Contact, ...]
    consents: tuple[ConsentRecord, ...]
    risks: tuple[RiskAssessment, ...]
    documents: tuple[Document, ...]
    feedback: tuple[Feedback, ...] = ()  # one per participant, at closure

    @property
    def id(self) -> str:
        return self.party_file.id


@dataclass(frozen=True, slots=True)
class CaseView:
    case: Case
    files: tuple[FileView, ...]  # victim files first
    joint_meetings: tuple[Contact, ...]
    case_risks: tuple[RiskAssessment, ...]
    exchanges: tuple[Exchange, ...]
    outcome_items: tuple[OutcomeItem, ...]
    time_entries: tuple[TimeEntry, ...]
    sync: dict[str, SyncState] = field(default_factory=dict)
    viewer_id: str = ""  # the volunteer looking at the case

    def file(self, party_file_id: str) -> FileView:
        for view in self.files:
            if view.id == party_file_id:
                return view
        raise KeyError(party_file_id)

    def state_of(self, record_id: str) -> SyncState:
        return self.sync.get(record_id, SyncState.SYNCED)

    def other_side(self, party_file_id: str) -> tuple[Participant, ...]:
        """Participants of every file on the other side from ``party_file_id``."""
        side = self.file(party_file_id).party_file.side
        return tuple(
            person
            for view in self.files
            if view.party_file.side is not side
            for person in view.participants
        )

    def all_participants(self) -> tuple[Participant, ...]:
        return tuple(person for view in self.files for person in view.participants)
