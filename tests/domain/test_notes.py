"""Notes: one party file each; drafts change, final notes never do; amendments correct a final
note of the same file."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from erms_desktop.domain import (
    Note,
    PartyFile,
    WarningConfirmation,
    check_amendment,
    check_note_in_file,
)
from erms_desktop.domain.enums import NoteStatus, Side
from erms_desktop.domain.errors import FinalNoteError, InvalidValueError

from .strategies import ids, moments, notes, party_files, quick, texts

CASE = "9a7b3c1d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"
AUTHOR = "3c2b1a09-8f7e-4d6c-b5a4-93827161f5e4"
AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def _file(side: Side, case_id: str = CASE) -> PartyFile:
    return PartyFile(id=_uuid(), case_id=case_id, side=side)


def _uuid() -> str:
    return str(uuid.uuid4())


def _draft(party_file: PartyFile, body: str = "Phoned to arrange a visit.") -> Note:
    return Note.draft(
        case_id=party_file.case_id,
        party_file_id=party_file.id,
        author_id=AUTHOR,
        body=body,
        at=AT,
    )


def test_a_note_names_exactly_one_party_file() -> None:
    victim_file, offender_file = _file(Side.VICTIM), _file(Side.OFFENDER)
    note = _draft(victim_file)
    check_note_in_file(note, victim_file)
    with pytest.raises(InvalidValueError):
        check_note_in_file(note, offender_file)
    with pytest.raises(InvalidValueError):
        check_note_in_file(note, dataclasses.replace(victim_file, case_id=_uuid()))
    for missing in ("", "both", "victim,offender"):
        with pytest.raises(InvalidValueError, match="party file"):
            dataclasses.replace(note, party_file_id=missing)


@quick
@given(notes(), st.lists(party_files, min_size=1, max_size=4), st.booleans())
def test_exactly_one_file_accepts_a_note(
    note: Note, files: list[PartyFile], include_own: bool
) -> None:
    if include_own:
        files.append(PartyFile(id=note.party_file_id, case_id=note.case_id, side=Side.VICTIM))
    accepting = []
    for party_file in files:
        try:
            check_note_in_file(note, party_file)
        except InvalidValueError:
            continue
        accepting.append(party_file)
    assert [f.id for f in accepting] == ([note.party_file_id] if include_own else [])


@quick
@given(notes(status=NoteStatus.FINAL), texts, moments)
def test_a_final_note_cannot_change(note: Note, body: str, at: datetime) -> None:
    confirmation = WarningConfirmation(
        participant_id=AUTHOR, kind="name", text="Baker", confirmed_at=at
    )
    with pytest.raises(FinalNoteError):
        note.revise(body)
    with pytest.raises(FinalNoteError):
        note.confirm_warning(confirmation)
    with pytest.raises(FinalNoteError):
        note.finalise(at)


@quick
@given(notes(status=NoteStatus.DRAFT), texts, st.integers(0, 10_000))
def test_a_draft_changes_until_it_is_finalised(note: Note, body: str, minutes: int) -> None:
    revised = note.revise(body)
    assert revised.body == body
    assert revised.id == note.id
    assert not revised.is_final
    final = revised.finalise(note.created_at + timedelta(minutes=minutes))
    assert final.is_final
    assert final.body == body
    with pytest.raises(FinalNoteError):
        final.revise(body + " and more")


def test_finalising_needs_text_and_a_time_after_creation() -> None:
    with pytest.raises(InvalidValueError):
        _draft(_file(Side.VICTIM), body="   ").finalise(AT)
    with pytest.raises(InvalidValueError):
        _draft(_file(Side.VICTIM)).finalise(AT - timedelta(minutes=1))
    with pytest.raises(InvalidValueError, match="time zone"):
        _draft(_file(Side.VICTIM)).finalise(datetime(2026, 3, 2, 11, 0))


@quick
@given(notes(status=NoteStatus.FINAL), ids, texts)
def test_an_amendment_links_to_a_final_note_in_the_same_file(
    original: Note, author: str, body: str
) -> None:
    amendment = original.amend(author_id=author, body=body, at=original.finalised_at or AT)
    assert amendment.amends_note_id == original.id
    assert (amendment.case_id, amendment.party_file_id) == (
        original.case_id,
        original.party_file_id,
    )
    assert amendment.id != original.id
    assert not amendment.is_final
    check_amendment(amendment, original)
    check_amendment(amendment.finalise(amendment.created_at), original)


def test_amendments_are_refused_for_drafts_and_across_files() -> None:
    victim_file, offender_file = _file(Side.VICTIM), _file(Side.OFFENDER)
    draft = _draft(victim_file)
    with pytest.raises(InvalidValueError, match="only a final note"):
        draft.amend(author_id=AUTHOR, body="Correction", at=AT)
    final = draft.finalise(AT)
    amendment = final.amend(author_id=AUTHOR, body="Correction", at=AT)
    moved = dataclasses.replace(amendment, party_file_id=offender_file.id)
    with pytest.raises(InvalidValueError, match="party file"):
        check_amendment(moved, final)
    with pytest.raises(InvalidValueError, match="does not link"):
        check_amendment(amendment, _draft(victim_file).finalise(AT))
    with pytest.raises(InvalidValueError, match="only a final note"):
        check_amendment(dataclasses.replace(amendment, amends_note_id=draft.id), draft)
    with pytest.raises(InvalidValueError, match="itself"):
        dataclasses.replace(final, amends_note_id=final.id)


def test_timestamps_must_carry_a_time_zone() -> None:
    with pytest.raises(InvalidValueError, match="time zone"):
        Note.draft(
            case_id=CASE,
            party_file_id=_uuid(),
            author_id=AUTHOR,
            body="",
            at=datetime(2026, 3, 2, 10, 30),
        )
    with pytest.raises(InvalidValueError, match="time zone"):
        WarningConfirmation(
            participant_id=AUTHOR, kind="name", text="Baker", confirmed_at=datetime(2026, 3, 2)
        )


def test_a_final_note_is_only_built_with_its_time_and_text() -> None:
    draft = _draft(_file(Side.OFFENDER))
    with pytest.raises(InvalidValueError):
        dataclasses.replace(draft, status=NoteStatus.FINAL)
    with pytest.raises(InvalidValueError):
        dataclasses.replace(draft, finalised_at=AT)
    with pytest.raises(InvalidValueError):
        dataclasses.replace(draft, body="", status=NoteStatus.FINAL, finalised_at=AT)
