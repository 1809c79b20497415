"""A case the office takes away leaves a one-line notice naming it and saying whether unsent
work was kept for the office; the kept draft is named by its date and file, never by a record
kind. Real vault, real store on loopback."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from erms_desktop.central import casework
from erms_desktop.central.models import User
from erms_desktop.demo.account import DEMO_USERNAME
from erms_desktop.service.attention_words import describe
from erms_desktop.service.models import AttentionKind, ResolveAction
from tests.service.office import Office, enrolled


def test_a_case_taken_away_leaves_a_notice_and_its_draft_is_kept_for_the_office(
    tmp_path: Path, office: Office
) -> None:
    backend = enrolled(tmp_path / "v", office)
    row = backend.list_cases()[0]
    work = backend.casework
    file_view = work.load_case(row.case_id).files[0]
    draft = work.new_note(file_view.id, "Half a thought about the garden")
    work.save_draft(draft)
    with office.central.session() as s:
        user_id = s.scalars(select(User.id).where(User.username == DEMO_USERNAME)).one()  # type: ignore[attr-defined]
        casework.deallocate(s, user_id, row.case_id)  # type: ignore[arg-type]
    backend.sync_now(lambda _p: None)
    assert row.case_id not in {c.case_id for c in backend.list_cases()}
    items = {i.kind: i for i in backend.attention_items()}
    notice = items[AttentionKind.CASE_REMOVED]
    assert notice.summary == (
        f"{row.service_reference} was removed from this laptop: the office took it off your "
        "list. Your unsent work on it was kept for the office."
    )
    kept = items[AttentionKind.QUARANTINED]
    side = file_view.party_file.side.value
    assert kept.summary == (
        f"Your note of {draft.created_at:%d/%m} on the {side} file of {row.service_reference} "
        "was not sent; it is kept for the office. The case left this laptop: the office took it "
        "off your list."
    )
    backend.resolve(notice.item_id, ResolveAction.UNDERSTOOD)
    assert AttentionKind.CASE_REMOVED not in {i.kind for i in backend.attention_items()}
    assert len(backend.vault.store.quarantined()) == 1  # the draft stays kept


def test_a_note_on_a_mediation_party_file_is_described_by_the_partys_neutral_name() -> None:
    fields = {"party_file_id": "f-1", "created_at": "2026-03-12T10:00:00+00:00"}
    said = describe("note", fields, {"f-1": "party_b"}, "ERMS-2026-M002")
    assert said == "Your note of 12/03 on the Party B file of ERMS-2026-M002"
    assert describe("note", fields, {"f-1": "victim"}, "R").endswith("on the victim file of R")
