"""The case header: service reference, offence (or a mediation's dispute), stages, key dates,
the co-facilitator, and what needs attention."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from erms_desktop.domain import Case
from erms_desktop.domain.workflow import stage_name
from erms_desktop.gui import theme
from erms_desktop.gui.case_workspace.style import SYNC_BADGES, label
from erms_desktop.gui.widgets import heading, message_label
from erms_desktop.service.case_alerts import case_alerts
from erms_desktop.service.case_views import CaseView


def uk(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "-"


def alerts_of(view: CaseView, today: date) -> tuple[str, ...]:
    """What is overdue or missing on the case, as the case list says it."""
    return case_alerts(
        view.case,
        risks=[*view.case_risks, *(r for f in view.files for r in f.risks)],
        consents=[c for f in view.files for c in f.consents],
        people=[p for f in view.files for p in f.participants],
        today=today,
    )


def about(case: Case) -> str:
    """The offence and justice stage of a restorative justice case; a mediation case's
    dispute type and description instead (it has no offence)."""
    offence = case.offence
    if offence is None:
        dispute = label(case.dispute_type.value) if case.dispute_type else "-"
        described = f" - {case.dispute_summary}" if case.dispute_summary else ""
        return f"Mediation: {dispute} dispute{described}"
    flags = f" ({', '.join(label(f.value) for f in offence.flags)})" if offence.flags else ""
    stage = f" · {label(case.justice_stage.value)}" if case.justice_stage else ""
    return (
        f"Offence: {label(offence.type.value)}{flags} - {offence.summary}"
        f" (committed {uk(offence.committed_on)}){stage}"
    )


class CaseHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Case")
        self.details = message_label("Case details")
        self.dates = message_label("Key dates")
        self.attention = message_label("Needs attention")
        self.attention.setStyleSheet(f"color: {theme.current().error}; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.details, self.dates, self.attention):
            layout.addWidget(widget)

    def show_case(self, view: CaseView, today: date) -> None:
        case = view.case
        self.title.setText(f"{case.service_reference} · {stage_name(case.stage, case.case_type)}")
        self.title.setAccessibleName(f"Case {case.service_reference}")
        others = [f for f in case.facilitator_ids if f != view.viewer_id]
        co = "a co-facilitator" if len(others) == 1 else f"{len(others)} co-facilitators"
        status = case.status.value
        if case.on_hold:
            review = f", review {uk(case.hold_review_on)}" if case.hold_review_on else ""
            reason = f": {case.hold_reason}" if case.hold_reason else ""
            status = f"on hold{reason}{review}"
        self.details.setText(
            f"{about(case)} · {status[:1].upper()}{status[1:]} ·"
            f" You and {co if others else 'no co-facilitator'} ·"
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
        self.dates.setText(
            f"Referred {uk(case.received_on)} · Allocated {uk(case.allocated_on)}"
            f"{next_action}{closure}"
        )
        alerts = alerts_of(view, today)
        self.attention.setText(f"Needs attention: {'; '.join(alerts)}" if alerts else "")
        self.attention.setVisible(bool(alerts))

    def clear(self) -> None:
        for label_widget in (self.title, self.details, self.dates, self.attention):
            label_widget.clear()
