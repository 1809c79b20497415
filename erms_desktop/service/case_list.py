"""Reading the case list and note search out of the open vault. The list shows people by their
initials, never by name."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import CaseType, ParticipantRole, Side
from erms_desktop.domain.notes import Note
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.domain.records import RECORD_KINDS, Fields
from erms_desktop.service.models import CaseRow, NoteSearchResult

if TYPE_CHECKING:
    from erms_desktop.vault import Store

ALL = 1_000_000
_MAIN_ROLES = {ParticipantRole.VICTIM, ParticipantRole.OFFENDER, ParticipantRole.PARTY}


def initials(person: Participant) -> str:
    parts = [*person.given_names.split()[:1], *person.family_name.replace("-", " ").split()]
    if not parts:
        parts = person.preferred_name.split()[:1]
    return "".join(f"{p[0].upper()}." for p in parts if p)


def case_rows(
    cases: Iterable[Case],
    party_files: Iterable[PartyFile],
    participants: Iterable[Participant],
    pending_case_ids: set[str],
) -> list[CaseRow]:
    side_of = {f.id: (f.case_id, f.side) for f in party_files}
    people: dict[tuple[str, Side], list[str]] = {}
    for person in participants:
        if person.role in _MAIN_ROLES and person.party_file_id in side_of:
            people.setdefault(side_of[person.party_file_id], []).append(initials(person))
    summaries = []
    for case in cases:
        summaries.append(
            CaseRow(
                case_id=case.id,
                service_reference=case.service_reference,
                stage=case.stage,
                next_action=case.next_action,
                next_action_due=case.next_action_due,
                initials=_people(case, people),
                pending_sync=case.id in pending_case_ids,
            )
        )
    return summaries


def _people(case: Case, people: dict[tuple[str, Side], list[str]]) -> str:
    """ "V J.S. · O K.L." for restorative justice; "Party A J.S. · Party B K.L. · ..." for
    mediation, whose parties are never called victim or offender."""

    def of(side: Side) -> str:
        return ", ".join(people.get((case.id, side), [])) or "–"

    if case.case_type is CaseType.MEDIATION:
        sides = sorted({side for case_id, side in people if case_id == case.id and side.is_party})
        return " · ".join(f"{side.label} {of(side)}" for side in sides) or "–"
    return f"V {of(Side.VICTIM)} · O {of(Side.OFFENDER)}"


def case_rows_from(store: Store) -> list[CaseRow]:
    files = store.find_all(PartyFile)
    return case_rows(
        store.find_all(Case), files, store.find_all(Participant), pending_case_ids(store, files)
    )


def case_of(
    store: Store, kind: str, record_id: str, fields: Fields, file_cases: dict[str, str]
) -> str | None:
    """The case a queued change belongs to (changed fields alone may not say)."""
    if kind == "case":
        return record_id
    for key, lookup in (("case_id", None), ("party_file_id", file_cases)):
        value = fields.get(key)
        if isinstance(value, str):
            return value if lookup is None else lookup.get(value)
    cls = RECORD_KINDS.get(kind)
    record = store.find(cls, record_id) if cls is not None else None
    case_id = getattr(record, "case_id", None)
    if isinstance(case_id, str):
        return case_id
    file_id = getattr(record, "party_file_id", None)
    return file_cases.get(file_id) if isinstance(file_id, str) else None


def pending_case_ids(store: Store, files: list[PartyFile]) -> set[str]:
    file_cases = {f.id: f.case_id for f in files}
    found = set()
    for entry in store.pending_outbox(limit=ALL):
        case_id = case_of(store, entry.kind, entry.record_id, entry.fields, file_cases)
        if case_id is not None:
            found.add(case_id)
    return found


def note_results_from(store: Store, query: str, *, author_id: str | None) -> list[NoteSearchResult]:
    """Cases whose reference or offence matches, then full-text hits in the vault's notes
    (limited to the volunteer's own notes when known), each saying which file it is in."""
    cases = {case.id: case for case in store.find_all(Case)}
    sides = {f.id: f.side for f in store.find_all(PartyFile)}
    hits = [_case_hit(case) for case in cases.values() if _case_matches(case, query)]
    for hit in store.search_notes(query, limit=200):
        note = store.find(Note, hit.note_id)
        if note is None or (author_id and note.author_id != author_id):
            continue
        side = sides.get(note.party_file_id)
        case = cases.get(hit.case_id)
        hits.append(
            NoteSearchResult(
                note_id=hit.note_id,
                case_id=hit.case_id,
                service_reference=case.service_reference if case else "",
                written_on=note.created_at.date(),
                snippet=hit.snippet.replace("[", "").replace("]", ""),
                place=f"{side.label} file" if side else "Case",
            )
        )
    return hits


def _case_matches(case: Case, query: str) -> bool:
    """Every word typed appears somewhere in the case's references or summary."""
    haystack = fold(f"{case.service_reference} {case.agency_reference} {case.summary}")
    words = fold(query).split()
    return bool(words) and all(word in haystack for word in words)


def _case_hit(case: Case) -> NoteSearchResult:
    return NoteSearchResult(
        note_id=None,
        case_id=case.id,
        service_reference=case.service_reference,
        written_on=None,
        snippet=case.summary,
        place="Case",
    )


def fold(text: str) -> str:
    """Lower case without accents, as the note index folds them (Zoe finds Zoë)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
