"""Notes on the real vault: drafts survive a crash, final notes need a clean check, warnings
need a recorded confirmation, corrections are linked amendments."""

from __future__ import annotations

from pathlib import Path

import pytest

from erms_desktop.domain import Note
from erms_desktop.domain.errors import FinalNoteError
from erms_desktop.service.case_views import SyncState
from erms_desktop.service.casework_errors import SeparationBlockedError, UnconfirmedWarningError
from tests.service.world import OFFENDER_NAME, World, reopen


def test_a_note_naming_the_other_party_is_refused_and_nothing_is_stored(world: World) -> None:
    note = world.casework.new_note(world.victim_file.id, f"Spoke about {OFFENDER_NAME} today")
    with pytest.raises(SeparationBlockedError) as refused:
        world.casework.finalise(note)
    assert {r.kind for r in refused.value.reasons} == {"name"}
    assert refused.value.reasons[0].participant_id == world.offender.id
    assert world.vault.store.find(Note, note.id) is None


def test_a_clean_note_is_final_and_pending_sync(world: World) -> None:
    note = world.casework.new_note(world.victim_file.id, "Talked about the garden and sleep.")
    world.casework.save_draft(note)
    final = world.casework.finalise(note)
    assert final.is_final
    view = world.casework.load_case(world.case.id)
    assert [n.id for n in view.file(world.victim_file.id).notes] == [note.id]
    assert view.file(world.victim_file.id).drafts == ()  # the draft went with the final save
    assert view.state_of(note.id) is SyncState.PENDING
    with pytest.raises(FinalNoteError):
        world.vault.store.save(final.revise("changed afterwards"))


def test_a_birthday_without_a_year_is_a_warning_confirmed_in_the_note(world: World) -> None:
    note = world.casework.new_note(world.victim_file.id, "Her party was on 17 April.")
    findings = world.casework.check_text(world.victim_file.id, note.body)
    assert findings
    assert not any(f.blocking for f in findings)
    with pytest.raises(UnconfirmedWarningError):
        world.casework.finalise(note)
    confirmed = world.casework.confirm_warning(note, findings[0])
    stored = world.vault.store.get(Note, world.casework.finalise(confirmed).id)
    assert stored.confirmations[0].kind == "date_of_birth"


def test_an_amendment_links_to_the_original_and_is_checked(world: World) -> None:
    original = world.casework.finalise(world.casework.new_note(world.victim_file.id, "Met at 2pm"))
    amendment = world.casework.amend(original.id, f"Correction: 3pm, not with {OFFENDER_NAME}")
    with pytest.raises(SeparationBlockedError):
        world.casework.finalise(amendment)
    fixed = world.casework.finalise(amendment.revise("Correction: the meeting was at 3pm"))
    assert fixed.amends_note_id == original.id
    assert world.vault.store.get(Note, original.id).body == "Met at 2pm"


def test_a_draft_survives_a_crash_and_is_offered_at_the_next_unlock(
    world: World, tmp_path: Path
) -> None:
    note = world.casework.new_note(world.victim_file.id, "Half-written thoughts")
    world.casework.save_draft(note)
    world.vault.lock()  # as a crash or auto-lock would leave it
    again = reopen(tmp_path / "vault")
    try:
        from erms_desktop.service.casework import Casework

        drafts = Casework(again, world.casework.user_id).drafts(world.case.id)
        assert [(d.id, d.body) for d in drafts] == [(note.id, "Half-written thoughts")]
    finally:
        again.lock()
