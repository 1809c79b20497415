"""Building a :class:`CaseView` from the vault: the case, both party files and the case level."""

from __future__ import annotations

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
from erms_desktop.domain.enums import Side
from erms_desktop.service.case_views import CaseView, FileView, SyncState
from erms_desktop.service.casework_errors import CaseNotFoundError
from erms_desktop.service.sync_state import sync_states
from erms_desktop.vault import Store


def load_case(store: Store, case_id: str) -> CaseView:
    case = store.find(Case, case_id)
    if case is None:
        raise CaseNotFoundError("that case is not on this laptop")
    files = sorted(
        store.find_all(PartyFile, case_id=case_id),
        key=lambda f: (f.side is not Side.VICTIM, f.side, f.label, f.id),  # Party A first
    )
    drafts = store.drafts(case_id=case_id)
    risks = store.find_all(RiskAssessment, case_id=case_id)
    contacts = store.find_all(Contact, case_id=case_id)
    sync = sync_states(store)
    sync.update({draft.id: SyncState.DRAFT for draft in drafts})
    return CaseView(
        case=case,
        files=tuple(_file_view(store, pf, drafts, risks, contacts) for pf in files),
        joint_meetings=tuple(c for c in contacts if c.party_file_id is None),
        case_risks=tuple(r for r in risks if r.party_file_id is None),
        exchanges=tuple(store.find_all(Exchange, case_id=case_id)),
        outcome_items=tuple(store.find_all(OutcomeItem, case_id=case_id)),
        time_entries=tuple(
            sorted(store.find_all(TimeEntry, case_id=case_id), key=lambda t: t.worked_on)
        ),
        sync=sync,
    )


def _file_view(
    store: Store,
    party_file: PartyFile,
    drafts: list[Note],
    risks: list[RiskAssessment],
    contacts: list[Contact],
) -> FileView:
    pid = party_file.id
    notes = store.find_all(Note, party_file_id=pid)
    return FileView(
        party_file=party_file,
        participants=tuple(store.find_all(Participant, party_file_id=pid)),
        notes=tuple(sorted(notes, key=lambda n: n.finalised_at or n.created_at)),  # stable
        drafts=tuple(d for d in drafts if d.party_file_id == pid),
        contacts=tuple(c for c in contacts if c.party_file_id == pid),
        consents=tuple(store.find_all(ConsentRecord, party_file_id=pid)),
        risks=tuple(r for r in risks if r.party_file_id == pid),
        documents=tuple(store.find_all(Document, party_file_id=pid)),
        feedback=tuple(store.find_all(Feedback, party_file_id=pid)),
    )
