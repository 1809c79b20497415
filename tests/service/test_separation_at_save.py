"""Every free-text field is checked for separation when the app saves it, not only a note's
body: the app asks the same scope rules the store applies, so nothing reaches the outbox that
the store would refuse later."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from erms_desktop.domain import Participant
from erms_desktop.domain.activity import TimeEntry
from erms_desktop.domain.enums import OutcomeKind
from erms_desktop.service.casework_errors import SeparationBlockedError
from tests.service.world import OFFENDER_NAME, VICTIM_NAME, World


def _pending(world: World) -> int:
    return len(world.vault.store.pending_outbox(limit=1000))


def test_a_time_entry_naming_a_party_is_refused_on_adding_and_on_correcting(world: World) -> None:
    cw = world.casework
    waiting = _pending(world)
    with pytest.raises(SeparationBlockedError):
        cw.add_time(world.case.id, date(2026, 11, 3), f"Visit to {OFFENDER_NAME}", 60)
    assert _pending(world) == waiting
    entry = cw.add_time(world.case.id, date(2026, 11, 3), "Home visit", 60)
    with pytest.raises(SeparationBlockedError):
        cw.correct_time(entry.id, activity=f"Home visit to {VICTIM_NAME}")
    assert world.vault.store.get(TimeEntry, entry.id).activity == "Home visit"


def test_who_monitors_an_outcome_item_is_checked_like_its_description(world: World) -> None:
    cw = world.casework
    item = cw.add_outcome_item(
        world.case.id, OutcomeKind.APOLOGY, "A letter of apology", world.offender_file.id
    )
    with pytest.raises(SeparationBlockedError):
        cw.save(dataclasses.replace(item, monitored_by=OFFENDER_NAME))


def test_a_participants_free_text_naming_the_other_party_is_refused(world: World) -> None:
    cw = world.casework
    leaked = dataclasses.replace(world.victim, vulnerability_notes=f"Afraid of {OFFENDER_NAME}")
    with pytest.raises(SeparationBlockedError):
        cw.save(leaked)
    assert world.vault.store.get(Participant, world.victim.id) == world.victim


def test_text_already_held_is_not_judged_again(world: World) -> None:
    """Only new or changed text is checked, as on the store: an unrelated change saves."""
    entry = world.casework.add_time(world.case.id, date(2026, 11, 3), "Phone call", 20)
    corrected = world.casework.correct_time(entry.id, minutes=25)
    assert corrected.minutes == 25
