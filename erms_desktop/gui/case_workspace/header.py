"""The case header: service reference, offence, stages, key dates and the co-facilitator."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from erms_desktop.domain.attention import overdue_items
from erms_desktop.gui.case_workspace.style import SYNC_BADGES, label
from erms_desktop.gui.widgets import heading, message_label
from erms_desktop.service.case_views import CaseView


def uk(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "-"


class CaseHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Case")
        self.details = message_label("Case details")
        self.dates = message_label("Key dates")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.details, self.dates):
            layout.addWidget(widget)

    def show_case(self, view: CaseView, today: date) -> None:
        case = view.case
        self.title.setText(f"{case.service_reference} · {label(case.stage.value)}")
        self.title.setAccessibleName(f"Case {case.service_reference}")
        offence = case.offence
        flags = f" ({', '.join(label(f.value) for f in offence.flags)})" if offence.flags else ""
        others = [f for f in case.facilitator_ids if f != view.viewer_id]
        co = "a co-facilitator" if len(others) == 1 else f"{len(others)} co-facilitators"
        status = case.status.value
        if case.on_hold:
            review = f", review {uk(case.hold_review_on)}" if case.hold_review_on else ""
            reason = f": {case.hold_reason}" if case.hold_reason else ""
            status = f"on hold{reason}{review}"
        self.details.setText(
            f"Offence: {label(offence.type.value)}{flags} - {offence.summary}"
            f" (committed {uk(offence.committed_on)}) · {label(case.justice_stage.value)} ·"
            f" {status[:1].upper()}{status[1:]} · You and {co if others else 'no co-facilitator'} ·"
            f" {SYNC_BADGES[view.state_of(case.id)]}"
        )
        closure = (
            f" · Closed {uk(case.closed_on)}: {label(case.closure_reason.value)}"
            if case.closure_reason
            else ""
        )
        next_action = (
            f" · Next: {case.next_action} by {uk(case.next_action_due)}" if case.next_action else ""
        )
        overdue = overdue_items(case, today)
        if overdue:
            next_action += f" · OVERDUE: {', '.join(overdue)}"
        self.dates.setText(
            f"Referred {uk(case.received_on)} · Allocated {uk(case.allocated_on)}"
            f"{next_action}{closure}"
        )

    def clear(self) -> None:
        for label_widget in (self.title, self.details, self.dates):
            label_widget.clear()
