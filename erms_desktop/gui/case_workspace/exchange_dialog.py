"""The exchange dialog: the only way content crosses from one party file to the other.

It lists the consent records of the side the content comes from (and the case's letter-sharing
risk assessments), but the decision is the domain's consent gate, run on the worker: without a
live "share with the other party" consent - or, for an apology letter, a completed letter-sharing
assessment and the writer's agreement - the exchange is refused with the reason and nothing is
stored.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from erms_desktop.domain import ConsentRecord
from erms_desktop.domain.enums import ConsentScope, ExchangeKind, RiskKind
from erms_desktop.gui.case_workspace.form_base import Job, RecordForm, enum_combo
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.case_workspace.style import file_title, label
from erms_desktop.service.case_views import CaseView, FileView


def live_share(file_view: FileView, on: date) -> ConsentRecord | None:
    """The most recent live "share with the other party" consent in a file, if any."""
    live = [
        c
        for c in file_view.consents
        if c.scope is ConsentScope.SHARE_WITH_OTHER_PARTY and c.is_live(on)
    ]
    return max(live, key=lambda c: c.recorded_on, default=None)


class ExchangeDialog(RecordForm):
    """Each party file is named once (side and initials). It starts from the first file with a
    live share consent, relying on that consent, and sends to the first file of the other side;
    the volunteer may change each."""

    def __init__(
        self, runner: CaseworkRunner, view: CaseView, parent: QWidget | None, today: date
    ) -> None:
        super().__init__(runner, "Share with the other party", parent)
        self.view, self.today = view, today
        self.save_button.setText("&Share")
        self.source = self.add("&From", QComboBox())
        self.target = self.add("&To", QComboBox())
        for file_view in view.files:
            self.source.addItem(file_title(file_view), file_view.id)
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
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        sharing = [f.id for f in view.files if live_share(f, today) is not None]
        self.source.setCurrentIndex(self.source.findData(sharing[0]) if sharing else 0)
        self._source_changed()

    def _source_changed(self) -> None:
        source = self.view.file(self.source.currentData())
        self.target.clear()
        for file_view in self.view.files:
            if file_view.party_file.side is not source.party_file.side:
                self.target.addItem(file_title(file_view), file_view.id)
        self.consent.clear()
        self.consent.addItem("No consent recorded", None)
        names = {p.id: p.initials for p in source.participants}
        for consent in source.consents:
            if consent.scope is ConsentScope.SHARE_WITH_OTHER_PARTY:
                state = "withdrawn" if consent.withdrawn_on else label(consent.decision.value)
                self.consent.addItem(
                    f"{names.get(consent.participant_id, '?')}: {consent.detail} ({state},"
                    f" {consent.recorded_on:%d/%m/%Y})",
                    consent.id,
                )
        live = live_share(source, self.today)
        if live is not None:
            self.consent.setCurrentIndex(self.consent.findData(live.id))

    def job(self) -> Job:
        kind, source, target = (
            self.kind.currentData(),
            self.source.currentData(),
            self.target.currentData(),
        )
        if target is None:
            raise ValueError("this case has no file for the other side")
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
