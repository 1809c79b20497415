"""Participants completed by the volunteer on the real vault: added in their own file only,
details checked for the other party, recorded identifiers added to but never removed."""

from __future__ import annotations

import pytest

from erms_desktop.domain import Participant
from erms_desktop.domain.enums import ParticipantRole
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.service.case_views import SyncState
from erms_desktop.service.casework_errors import SeparationBlockedError
from erms_desktop.service.participants import IdentifierRemovedError
from tests.service.world import OFFENDER_NAME, VICTIM_PHONE, World


def test_a_new_participant_is_saved_into_the_outbox_and_guards_the_other_file(
    world: World,
) -> None:
    cw = world.casework
    dawn = cw.add_participant(
        world.offender_file.id, "supporter", given_names="Dawn", phones=("07700 900733",)
    )
    assert dawn.role is ParticipantRole.SUPPORTER
    view = cw.load_case(world.case.id)
    assert view.state_of(dawn.id) is SyncState.PENDING
    assert any(
        f.participant_id == dawn.id for f in cw.check_text(world.victim_file.id, "07700 900733")
    )


def test_a_victim_cannot_be_added_to_the_offender_file(world: World) -> None:
    with pytest.raises(InvalidValueError):
        world.casework.add_participant(world.offender_file.id, "victim", given_names="Ann")
    assert len(world.vault.store.find_all(Participant)) == 2


def test_details_naming_the_other_party_are_refused(world: World) -> None:
    with pytest.raises(SeparationBlockedError):
        world.casework.edit_participant(world.victim.id, present_adult=f"{OFFENDER_NAME}'s aunt")
    assert world.vault.store.get(Participant, world.victim.id) == world.victim


def test_identifiers_are_added_to_never_removed(world: World) -> None:
    cw = world.casework
    with pytest.raises(IdentifierRemovedError, match="phone numbers"):
        cw.edit_participant(world.victim.id, phones=("07700 900111",))
    added = cw.edit_participant(world.victim.id, phones=(VICTIM_PHONE, "07700 900111"))
    assert added.phones == (VICTIM_PHONE, "07700 900111")
    assert cw.edit_participant(world.victim.id, preferred_name="Pippa").preferred_name == "Pippa"
