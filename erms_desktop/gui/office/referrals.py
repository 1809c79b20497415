"""The referrals screen: referrals waiting for a decision, a new referral, accept (the board's
policy rule shown first for knife crime and sexual offences) and reject (after a confirmation
that says the referral is destroyed at once, leaving only an anonymous count)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import CaseType, JusticeStage, RejectionReason
from erms_desktop.gui.office.common import OfficeScreen, choice, fill, selected_key, table, words
from erms_desktop.gui.office.referral_intake import IntakeDialog
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import dialog_buttons, message_label, named
from erms_desktop.service.formatting import uk_date
from erms_desktop.service.messages import user_message
from erms_desktop.service.office import casework
from erms_desktop.service.office.casework import CaseOpened, ReferralSummary

TITLE = "&Referrals"
REJECTION_WARNING = (
    "Rejecting destroys this referral at once: its details and the people named in it are "
    "deleted from the office server and cannot be recovered. Only an anonymous count (month "
    "and reason) is kept for reports."
)


class ReferralsScreen(OfficeScreen):
    """Emits ``case_opened`` with the new case's id once a referral is accepted."""

    case_opened = Signal(str)

    def __init__(self, window: OfficeWindow) -> None:
        super().__init__(window)
        self.referrals: list[ReferralSummary] = []
        self.list = table(
            "Referrals list",
            ["Received", "Source", "Agency reference", "Case type", "Flags", "People"],
        )
        self.new_button = named(QPushButton("&New referral…"), "New referral")
        self.accept_button = named(QPushButton("&Accept…"), "Accept referral")
        self.reject_button = named(QPushButton("Re&ject…"), "Reject referral")
        self.refresh_button = named(QPushButton("Re&fresh"), "Refresh referrals")
        self.message = message_label("Referrals message")
        self.new_button.clicked.connect(self.new_referral)
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.accept_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addWidget(self.message)

    # -- the list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.call(casework.referrals, self._listed)

    def _listed(self, found: list[ReferralSummary]) -> None:
        self.referrals = [r for r in found if r.status.value == "received"]
        fill(
            self.list,
            [
                (
                    r.referral_id,
                    (
                        uk_date(r.received_on),
                        r.source_label,
                        r.agency_reference,
                        case_kind(r),
                        ", ".join(words(f) for f in r.flags) or "None",
                        str(r.people),
                    ),
                )
                for r in self.referrals
            ],
        )
        waiting = len(self.referrals)
        self.message.setText(
            f"{waiting} referral{'s' if waiting != 1 else ''} waiting for a decision."
        )

    def selected(self) -> ReferralSummary | None:
        key = selected_key(self.list)
        return next((r for r in self.referrals if r.referral_id == key), None)

    # -- actions -------------------------------------------------------------------------------
    def new_referral(self) -> None:
        dialog = IntakeDialog(self.office.worker, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.taken_in is not None:
            self.office.show_message("Referral saved. It is waiting for a decision.")
            self.refresh()
        self.list.setFocus()

    def accept_selected(self) -> None:
        referral = self.selected()
        if referral is None:
            self.message.setText("Choose a referral in the list first.")
            return
        dialog = AcceptDialog(self, referral)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.opened is not None:
            self.office.show_message(
                f"Case {dialog.reference} opened with its party files. Next: the initial risk "
                "assessment of each file."
            )
            self.case_opened.emit(dialog.opened.case_id)
            self.refresh()
        self.list.setFocus()

    def reject_selected(self) -> None:
        referral = self.selected()
        if referral is None:
            self.message.setText("Choose a referral in the list first.")
            return
        dialog = RejectDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dialog.reason.currentData()
        self.call(
            lambda s: casework.reject(s, referral.referral_id, reason),
            lambda _none: self._rejected(),
        )

    def _rejected(self) -> None:
        self.office.show_message("Referral rejected and destroyed; an anonymous count remains.")
        self.refresh()
        self.list.setFocus()


def case_kind(referral: ReferralSummary) -> str:
    """ "Restorative justice", or "Mediation: noise" (the dispute type with it)."""
    if referral.dispute_type is None:
        return referral.case_type.label
    return f"{referral.case_type.label}: {words(referral.dispute_type).lower()}"


class AcceptDialog(QDialog):
    """Opens a case from the referral: its service reference and (restorative justice only)
    justice stage; the board's policy rule, when it applies, must be ticked as read before
    Accept is offered. A mediation opens with a party file for each party."""

    def __init__(self, screen: ReferralsScreen, referral: ReferralSummary) -> None:
        super().__init__(screen)
        self.setWindowTitle("Accept referral")
        named(self, "Accept referral")
        self._screen = screen
        self._referral = referral
        self.opened: CaseOpened | None = None
        self.reference = ""
        self.service_reference = named(QLineEdit(), "Service reference")
        self.mediation = referral.case_type is CaseType.MEDIATION
        self.stage = choice(list(JusticeStage), "Justice stage")
        self.rule = message_label("Board policy rule")
        self.rule.setText(referral.policy_rule or "")
        self.rule.setVisible(referral.policy_rule is not None)
        self.rule_read = named(
            QCheckBox("I have read the board's policy rule and this referral meets it"),
            "Policy rule read",
        )
        self.rule_read.setVisible(referral.policy_rule is not None)
        self.message = message_label("Accept problem")
        self.buttons, self.accept_button = dialog_buttons(
            self, "&Accept and open case", "Accept and open case", self._submit
        )
        self.rule_read.toggled.connect(self._allow)
        form = QFormLayout()
        form.addRow("Service &reference:", self.service_reference)
        if self.mediation:  # a dispute, not an offence: no criminal justice stage
            self.stage.hide()
        else:
            form.addRow("&Justice stage:", self.stage)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addWidget(self.rule_read)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._allow()
        (self.rule_read if referral.policy_rule else self.service_reference).setFocus()

    def _allow(self) -> None:
        self.accept_button.setEnabled(
            self._referral.policy_rule is None or self.rule_read.isChecked()
        )

    def _submit(self) -> None:
        reference = self.service_reference.text().strip()
        if not reference:
            self.message.setText("Enter the service reference for the new case.")
            return
        stage = None if self.mediation else self.stage.currentData()
        acknowledged = self.rule_read.isChecked()
        referral_id = self._referral.referral_id
        self.reference = reference
        self.accept_button.setEnabled(False)
        self.message.setText("Opening the case…")
        self._screen.office.worker.call(
            lambda s: casework.accept(
                s, referral_id, reference, stage, policy_acknowledged=acknowledged
            ),
            self._opened,
            self._failed,
        )

    def _opened(self, opened: CaseOpened) -> None:
        self.opened = opened
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._allow()
        self.message.setText(user_message(error))


class RejectDialog(QDialog):
    """The reason, and the warning that rejecting destroys the referral at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reject referral")
        named(self, "Reject referral")
        self.reason = choice(list(RejectionReason), "Reason for rejecting")
        warning = message_label("Rejection warning")
        warning.setText(REJECTION_WARNING)
        buttons, self.reject_button = dialog_buttons(
            self, "Reject and &destroy", "Reject and destroy"
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)  # Enter keeps it
        form = QFormLayout()
        form.addRow("&Reason:", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.reason.setFocus()
