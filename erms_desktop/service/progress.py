"""The case's progress as a volunteer moves it: the next workflow stage (or back, where the
domain's table allows), on hold with a reason and a review date, resumed, and the next action
with its due date.

Each new header is checked with the domain's ``check_header_change`` - the very function the
store runs on a pushed case header - so the app refuses what the store would refuse, before
anything is saved. A volunteer closes their own case with one of the domain's
``VOLUNTEER_CLOSURE_REASONS``; closing for a refused consent form needs that refusal recorded
first, as the store requires.
"""

from __future__ import annotations

from datetime import date

from erms_desktop.domain import Case, ConsentRecord, Referral
from erms_desktop.domain.enums import ClosureReason, ConsentDecision, ConsentScope, WorkflowStage
from erms_desktop.domain.workflow import (
    VOLUNTEER_CLOSURE_REASONS,
    check_header_change,
    transitions,
)
from erms_desktop.service.casework_base import CaseworkBase
from erms_desktop.service.casework_errors import CaseworkError


class ClosureRefusedError(CaseworkError):
    """A closure the volunteer may not make: a reason for the office, or a refusal not recorded."""


def stages_after(case: Case) -> tuple[WorkflowStage, ...]:
    """Where the case may move next, in workflow order (closure needs its reason: close_case)."""
    if case.is_closed or case.on_hold:
        return ()
    allowed = transitions(case.case_type)[case.stage] - {WorkflowStage.CLOSURE}
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

    def close_case(self, case_id: str, reason: ClosureReason, on: date | None = None) -> Case:
        """Close the volunteer's case for one of the reasons a facilitator closes for."""
        reason = ClosureReason(reason)
        if reason not in VOLUNTEER_CLOSURE_REASONS:
            raise ClosureRefusedError("Only the office closes a case for that reason.")
        if reason is ClosureReason.CONSENT_REFUSED and not self._form_refused(case_id):
            raise ClosureRefusedError("Record the refused consent form first.")
        before = self.case(case_id)
        return self._save_header(before, before.close(reason, on or self.today()))

    def _form_refused(self, case_id: str) -> bool:
        return any(
            c.scope is ConsentScope.CONFIDENTIALITY_FORM and c.decision is ConsentDecision.REFUSED
            for c in self.store.find_all(ConsentRecord, case_id=case_id)
        )

    def _save_header(self, before: Case, after: Case) -> Case:
        referral = self.store.find(Referral, before.referral_id) if before.referral_id else None
        check_header_change(
            before,
            after,
            today=self.today(),
            referral_received_on=referral.received_on if referral else None,
        )
        self.save(after)
        return after
