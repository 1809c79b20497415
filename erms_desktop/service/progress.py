"""The case's progress as a volunteer moves it: the next workflow stage (or back, where the
domain's table allows), on hold with a reason and a review date, resumed, and the next action
with its due date.

Each new header is checked with the domain's ``check_header_change`` - the very function the
store runs on a pushed case header - so the app refuses what the store would refuse, before
anything is saved. Closing a case is not here: the store lets a volunteer close a case only
for a refused consent form (``record_form_refusal``); every other closure is the office's.
"""

from __future__ import annotations

from datetime import date

from erms_desktop.domain import Case, Referral
from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.domain.workflow import ALLOWED_TRANSITIONS, check_header_change
from erms_desktop.service.casework_base import CaseworkBase


def stages_after(case: Case) -> tuple[WorkflowStage, ...]:
    """Where the case may move next, in workflow order (closure goes through the office)."""
    if case.is_closed or case.on_hold:
        return ()
    allowed = ALLOWED_TRANSITIONS[case.stage] - {WorkflowStage.CLOSURE}
    return tuple(stage for stage in WorkflowStage if stage in allowed)


class ProgressMixin(CaseworkBase):
    def move_stage(self, case_id: str, stage: WorkflowStage) -> Case:
        before = self.case(case_id)
        return self._save_header(before, before.move_to(WorkflowStage(stage)))

    def put_on_hold(self, case_id: str, reason: str, review_on: date | None) -> Case:
        self.require_anonymous(case_id, reason, "reason for the hold")
        before = self.case(case_id)
        return self._save_header(before, before.put_on_hold(reason, review_on))

    def resume_case(self, case_id: str) -> Case:
        before = self.case(case_id)
        return self._save_header(before, before.resume())

    def set_next_action(self, case_id: str, action: str, due: date | None) -> Case:
        self.require_anonymous(case_id, action, "next action")
        before = self.case(case_id)
        return self._save_header(before, before.set_next_action(action, due))

    def _save_header(self, before: Case, after: Case) -> Case:
        referral = self.store.find(Referral, before.referral_id) if before.referral_id else None
        check_header_change(
            before,
            after,
            today=self.today(),
            referral_received_on=referral.received_on if referral else None,
        )
        self.store.save(after)
        return after
