"""The case's progress on the real vault, checked with the same function the store runs."""

from __future__ import annotations

from datetime import date

import pytest

from erms_desktop.domain import Case
from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.domain.errors import InvalidValueError, WorkflowTransitionError
from erms_desktop.service.case_views import SyncState
from erms_desktop.service.casework_errors import SeparationBlockedError
from erms_desktop.service.progress import stages_after
from tests.service.world import OFFENDER_NAME, World


def test_a_case_moves_where_the_table_allows_and_waits_in_the_outbox(world: World) -> None:
    cw = world.casework
    assert stages_after(world.case) == (WorkflowStage.ASSESSMENT, WorkflowStage.DELIVERY)
    cw.move_stage(world.case.id, WorkflowStage.ASSESSMENT)
    with pytest.raises(WorkflowTransitionError):
        cw.move_stage(world.case.id, WorkflowStage.FOLLOW_UP)
    assert world.vault.store.get(Case, world.case.id).stage is WorkflowStage.ASSESSMENT
    assert cw.load_case(world.case.id).state_of(world.case.id) is SyncState.PENDING


def test_a_hold_needs_a_reason_and_a_review_date_that_names_nobody(world: World) -> None:
    cw = world.casework
    with pytest.raises(InvalidValueError):
        cw.put_on_hold(world.case.id, "", date(2026, 12, 1))
    with pytest.raises(InvalidValueError):
        cw.put_on_hold(world.case.id, "Awaiting sentence", date(2026, 10, 1))  # in the past
    with pytest.raises(SeparationBlockedError):
        cw.put_on_hold(world.case.id, f"Until {OFFENDER_NAME} is sentenced", date(2026, 12, 1))
    assert not world.vault.store.get(Case, world.case.id).on_hold
    held = cw.put_on_hold(world.case.id, "Awaiting sentence", date(2026, 12, 1))
    assert stages_after(held) == ()
    resumed = cw.resume_case(world.case.id)
    assert (resumed.on_hold, resumed.hold_reason, resumed.hold_review_on) == (False, "", None)
