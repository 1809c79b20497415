"""The exchange dialog: the only way content crosses from one party file to the other.

It lists the consent records of the side the content comes from (and the case's letter-sharing
risk assessments), but the decision is the domain's consent gate, run on the worker: without a
live "share with the other party" consent - or, for an apology letter, a completed letter-sharing
assessment and the writer's agreement - the exchange is refused with the reason and nothing is
stored.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from erms_desktop.domain.enums import ConsentScope, ExchangeKind, RiskKind
from erms_desktop.gui.case_workspace.form_base import Job, RecordForm, enum_combo
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.case_workspace.style import label
from erms_desktop.service.case_views import CaseView


class ExchangeDialog(RecordForm):
    def __init__(self, runner: CaseworkRunner, view: CaseView, parent: QWidget | None) -> None:
        super().__init__(runner, "Share with the other party", parent)
        self.view = view
        self.save_button.setText("&Share")
        self.source = self.add("&From", QComboBox())
        for file_view in view.files:
            self.source.addItem(f"The {file_view.party_file.side.value} file", file_view.id)
        self.kind = self.add("&What", enum_combo(ExchangeKind))
        self.content = self.add("&Content shared", QPlainTextEdit())
        self.consent = self.add("&Consent relied on", QComboBox())
        self.risk = self.add("&Letter risk assessment", QComboBox())
        self.risk.addItem("None", None)
        for risk in view.case_risks:
            if risk.kind is RiskKind.LETTER_SHARING:
                done = f"completed {risk.completed_on:%d/%m/%Y}" if risk.completed_on else "open"
                self.risk.addItem(f"Letter sharing ({done})", risk.id)
        self.writer_agreed = self.add("Writer &agrees", QCheckBox("The writer agrees to sharing"))
        self.redact = self.add("&Redact", QCheckBox("Replace identifying details first"))
        self.redact.setChecked(True)
        self.source.currentIndexChanged.connect(lambda _i: self._list_consents())
        self._list_consents()

    def _list_consents(self) -> None:
        self.consent.clear()
        self.consent.addItem("No consent recorded", None)
        source = self.view.file(self.source.currentData())
        names = {p.id: p.initials for p in source.participants}
        for consent in source.consents:
            if consent.scope is ConsentScope.SHARE_WITH_OTHER_PARTY:
                state = "withdrawn" if consent.withdrawn_on else label(consent.decision.value)
                self.consent.addItem(
                    f"{names.get(consent.participant_id, '?')}: {consent.detail} ({state},"
                    f" {consent.recorded_on:%d/%m/%Y})",
                    consent.id,
                )

    def target_id(self) -> str:
        source = self.view.file(self.source.currentData()).party_file
        for file_view in self.view.files:
            if file_view.party_file.side is not source.side:
                return file_view.id
        raise ValueError("this case has no file for the other side")

    def job(self) -> Job:
        kind, source, target = self.kind.currentData(), self.source.currentData(), self.target_id()
        content = self.content.toPlainText().strip()
        consent, risk = self.consent.currentData(), self.risk.currentData()
        agreed, redact = self.writer_agreed.isChecked(), self.redact.isChecked()
        return lambda cw: cw.create_exchange(
            kind,
            source,
            target,
            content,
            consent_id=consent,
            risk_assessment_id=risk,
            writer_agreed=agreed,
            redact_identifiers=redact,
        )
