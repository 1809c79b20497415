"""No export carries the other party's identifiers; redacted exports are initials only."""

from __future__ import annotations

import pytest

from erms_desktop.domain.separation import SeparationChecker
from tests.service.world import OFFENDER_NAME, VICTIM_NAME, VICTIM_PHONE, World


@pytest.mark.parametrize("redacted", [False, True])
def test_a_party_file_export_never_names_the_other_side(world: World, redacted: bool) -> None:
    cw = world.casework
    cw.finalise(cw.new_note(world.victim_file.id, f"{VICTIM_NAME} on {VICTIM_PHONE} is calmer."))
    export = cw.export_party_file(world.victim_file.id, redacted=redacted)
    assert SeparationChecker([world.offender]).check(export.body) == []
    assert (VICTIM_NAME in export.body) is (not redacted)
    if redacted:
        assert "P. Q." in export.body
        assert VICTIM_PHONE not in export.body


def test_the_external_email_copy_is_initials_only(world: World) -> None:
    text = f"{VICTIM_NAME} asked whether {OFFENDER_NAME} would write."
    copy = world.casework.external_copy(world.victim_file.id, text)
    assert copy == "P. Q.-A. asked whether [the other party] would write."
    everyone = SeparationChecker([world.victim, world.offender])
    assert not any(f.blocking for f in everyone.check(copy))
