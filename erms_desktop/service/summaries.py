"""Turning domain records into what the case list and note search show: initials, never names.

Shared by every backend (the in-memory stand-in now, the vault-backed one later), so the list
looks the same whichever is behind it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import ParticipantRole, Side
from erms_desktop.domain.notes import Note
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.service.models import CaseSummary, NoteHit

_MAIN_ROLES = {ParticipantRole.VICTIM, ParticipantRole.OFFENDER}
SNIPPET_CHARS = 90


def initials(person: Participant) -> str:
    parts = [*person.given_names.split()[:1], *person.family_name.replace("-", " ").split()]
    if not parts:
        parts = person.preferred_name.split()[:1]
    return "".join(f"{p[0].upper()}." for p in parts if p)


def case_summaries(
    cases: Iterable[Case],
    party_files: Iterable[PartyFile],
    participants: Iterable[Participant],
    pending_case_ids: set[str],
) -> list[CaseSummary]:
    side_of = {f.id: (f.case_id, f.side) for f in party_files}
    people: dict[tuple[str, Side], list[str]] = {}
    for person in participants:
        if person.role in _MAIN_ROLES and person.party_file_id in side_of:
            people.setdefault(side_of[person.party_file_id], []).append(initials(person))
    summaries = []
    for case in cases:
        victims = ", ".join(people.get((case.id, Side.VICTIM), [])) or "–"
        offenders = ", ".join(people.get((case.id, Side.OFFENDER), [])) or "–"
        summaries.append(
            CaseSummary(
                case_id=case.id,
                service_reference=case.service_reference,
                stage=case.stage,
                next_action=case.next_action,
                next_action_due=case.next_action_due,
                initials=f"V {victims} · O {offenders}",
                pending_sync=case.id in pending_case_ids,
            )
        )
    return summaries


def search_own_notes(
    query: str, notes: Sequence[Note], references: dict[str, str], author_id: str
) -> list[NoteHit]:
    """Case-insensitive search over the volunteer's own notes in cases on this laptop."""
    needle = query.strip().casefold()
    if not needle:
        return []
    hits = []
    for note in notes:
        if note.author_id != author_id or note.case_id not in references:
            continue
        at = note.body.casefold().find(needle)
        if at < 0:
            continue
        start = max(0, at - SNIPPET_CHARS // 3)
        if start:  # begin at a word, not mid-name
            start = note.body.find(" ", start, at) + 1 or at
        snippet = note.body[start : start + SNIPPET_CHARS].replace("\n", " ")
        hits.append(
            NoteHit(
                note_id=note.id,
                case_id=note.case_id,
                service_reference=references[note.case_id],
                written_on=note.created_at.date(),
                snippet=("…" if start else "") + snippet,
            )
        )
    return sorted(hits, key=lambda h: h.written_on, reverse=True)
