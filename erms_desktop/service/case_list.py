"""Reading the case list and note search out of the open vault. The list shows people by their
initials, never by name."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from erms_desktop.domain.case import Case
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.domain.records import RECORD_KINDS, Fields
from erms_desktop.domain.risk import RiskAssessment
from erms_desktop.service.case_alerts import case_alerts
from erms_desktop.service.file_labels import file_order, file_title, people_column
from erms_desktop.service.models import CaseRow, NoteSearchResult

if TYPE_CHECKING:
    from erms_desktop.vault import Store

ALL = 1_000_000
T = TypeVar("T")


def case_rows(
    cases: Iterable[Case],
    party_files: Iterable[PartyFile],
    participants: Iterable[Participant],
    pending_case_ids: set[str],
    *,
    risks: Iterable[RiskAssessment] = (),
    consents: Iterable[ConsentRecord] = (),
    today: date,
) -> list[CaseRow]:
    """One row per case; the people column names each party file by its people's initials, and
    what is overdue or missing on the case is listed with it (``case_alerts``)."""
    files = _by(party_files, "case_id")
    people = _by(participants, "party_file_id")
    case_risks = _by(risks, "case_id")
    case_consents = _by(consents, "case_id")
    rows = []
    for case in cases:
        case_files = sorted(files.get(case.id, []), key=file_order)
        rows.append(
            CaseRow(
                case_id=case.id,
                service_reference=case.service_reference,
                case_type=case.case_type,
                stage=case.stage,
                next_action=case.next_action,
                next_action_due=case.next_action_due,
                initials=people_column((f.side, people.get(f.id, [])) for f in case_files),
                pending_sync=case.id in pending_case_ids,
                alerts=case_alerts(
                    case,
                    risks=case_risks.get(case.id, []),
                    consents=case_consents.get(case.id, []),
                    people=[p for f in case_files for p in people.get(f.id, [])],
                    today=today,
                ),
            )
        )
    return rows


def _by(records: Iterable[T], key: str) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for record in records:
        grouped.setdefault(getattr(record, key), []).append(record)
    return grouped


def case_rows_from(store: Store, today: date) -> list[CaseRow]:
    files = store.find_all(PartyFile)
    return case_rows(
        store.find_all(Case),
        files,
        store.find_all(Participant),
        pending_case_ids(store, files),
        risks=store.find_all(RiskAssessment),
        consents=store.find_all(ConsentRecord),
        today=today,
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
    people: dict[str, list[Participant]] = {}
    for person in store.find_all(Participant):
        people.setdefault(person.party_file_id, []).append(person)
    places = {f.id: file_title(f.side, people.get(f.id, [])) for f in store.find_all(PartyFile)}
    hits = [_case_hit(case) for case in cases.values() if _case_matches(case, query)]
    for hit in store.search_notes(query, limit=200):
        if author_id and hit.author_id != author_id:
            continue
        case = cases.get(hit.case_id)
        hits.append(
            NoteSearchResult(
                note_id=hit.note_id,
                case_id=hit.case_id,
                service_reference=case.service_reference if case else "",
                written_on=datetime.fromisoformat(hit.created_at).date(),
                snippet=hit.snippet.replace("[", "").replace("]", ""),
                place=places.get(hit.party_file_id or "", "Case"),
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
