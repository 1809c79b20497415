"""The colours and labels that keep the party files visibly apart: victim and offender, or the
parties of a mediation, each named neutrally (Party A, Party B, ...) in a colour of its own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from erms_desktop.domain import Note, Participant
from erms_desktop.domain.enums import Side
from erms_desktop.service import file_labels
from erms_desktop.service.case_views import FileView, SyncState

SIDE_COLOURS = {  # white text on each: AA
    Side.VICTIM: "#1f5fa8",
    Side.OFFENDER: "#8a4512",
    Side.PARTY_A: "#2e6b30",
    Side.PARTY_B: "#6a3d9a",
    Side.PARTY_C: "#0f6e74",
    Side.PARTY_D: "#8b1e3f",
    Side.PARTY_E: "#5c5c12",
    Side.PARTY_F: "#1d4e89",
    Side.PARTY_G: "#7a4b00",
    Side.PARTY_H: "#4b4b4b",
}
SIDE_TINTS = {
    Side.VICTIM: "#e8f0fa",
    Side.OFFENDER: "#faefe6",
    Side.PARTY_A: "#e9f4ea",
    Side.PARTY_B: "#f0eaf7",
    Side.PARTY_C: "#e6f4f5",
    Side.PARTY_D: "#f8e9ee",
    Side.PARTY_E: "#f3f3e2",
    Side.PARTY_F: "#e7eef8",
    Side.PARTY_G: "#f7efe2",
    Side.PARTY_H: "#eeeeee",
}
SYNC_BADGES = {
    SyncState.PENDING: "waiting to sync",
    SyncState.SYNCED: "synced",
    SyncState.ATTENTION: "NEEDS ATTENTION",
    SyncState.DRAFT: "draft, on this laptop only",
}


def file_title(file_view: FileView) -> str:
    """A party file's tab, pane and dialog label (see ``service.file_labels``)."""
    return file_labels.file_title(file_view.party_file.side, file_view.participants)


def banner_style(side: Side) -> str:
    return (
        f"background: {SIDE_COLOURS[side]}; color: white; font-weight: bold;"
        " padding: 6px; border-radius: 3px;"
    )


def pane_style(side: Side) -> str:
    return f"border: 3px solid {SIDE_COLOURS[side]};"


def who_map(participants: Iterable[Participant]) -> dict[str, str]:
    """Participant id -> initials and role (what the editor's side panel shows)."""
    return {
        p.id: f"{p.initials or 'someone'} ({p.role.value.replace('_', ' ')})" for p in participants
    }


def local(moment: datetime) -> datetime:
    """A stored (UTC) time as the volunteer's own clock shows it."""
    return moment.astimezone()


def original_time(note: Note) -> str:
    return f"written {local(note.finalised_at or note.created_at):%d/%m/%Y %H:%M}"


def label(value: str) -> str:
    return value.replace("_", " ").capitalize()
