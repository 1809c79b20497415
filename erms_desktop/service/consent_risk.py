"""Consent (verbal, signed form with its scan, withdrawal, refusal) and risk assessments."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from erms_desktop.domain import (
    Case,
    ConsentRecord,
    Document,
    Participant,
    RiskAssessment,
    record_form_refusal,
)
from erms_desktop.domain.enums import (
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    RiskKind,
    RiskOutcome,
)
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.service.casework_base import CaseworkBase


class ConsentRiskMixin(CaseworkBase):
    def record_consent(
        self,
        participant_id: str,
        scope: ConsentScope,
        method: ConsentMethod,
        *,
        detail: str = "",
        evidence_document_id: str | None = None,
        on: date | None = None,
    ) -> ConsentRecord:
        """Consent given; a signed form cites its scan, a document of the same party file."""
        scope, method = ConsentScope(scope), ConsentMethod(method)
        participant = self.local(Participant, participant_id, "participant")
        party_file = self.party_file(participant.party_file_id)
        if evidence_document_id is not None:
            scan = self.store.find(Document, evidence_document_id)
            if scan is None or scan.party_file_id != party_file.id:
                raise InvalidValueError("the signed form's scan must be in the same party file")
        if detail:
            self.require_clean(party_file.id, detail, "consent detail")
        record = ConsentRecord(
            id=str(uuid.uuid4()),
            case_id=party_file.case_id,
            party_file_id=party_file.id,
            participant_id=participant.id,
            scope=scope,
            decision=ConsentDecision.GIVEN,
            method=method,
            recorded_on=on or self.today(),
            detail=detail,
            evidence_document_id=evidence_document_id,
        )
        self.save(record)
        return record

    def withdraw_consent(self, consent_id: str, on: date | None = None) -> ConsentRecord:
        found = self.local(ConsentRecord, consent_id, "consent record")
        withdrawn = found.withdraw(on or self.today())
        self.save(withdrawn)
        return withdrawn

    def record_refusal(self, participant_id: str, on: date | None = None) -> Case:
        """A refusal to sign the form: the refusal and the closed case, in one transaction."""
        participant = self.local(Participant, participant_id, "participant")
        party_file = self.party_file(participant.party_file_id)
        refusal, closed = record_form_refusal(
            self.case(party_file.case_id),
            party_file_id=party_file.id,
            participant_id=participant.id,
            on=on or self.today(),
        )
        self.save(refusal, closed)
        return closed

    def record_risk(
        self,
        case_id: str,
        kind: RiskKind,
        *,
        party_file_id: str | None = None,
        factors: Sequence[str] = (),
        mitigations: Sequence[str] = (),
        outcome: RiskOutcome | None = None,
        review_on: date | None = None,
    ) -> RiskAssessment:
        """A risk assessment; with an outcome it is completed today."""
        kind, outcome = RiskKind(kind), None if outcome is None else RiskOutcome(outcome)
        case = self.case(case_id)
        for text in (*factors, *mitigations):
            if party_file_id is not None:
                self.require_clean(party_file_id, text, "risk assessment")
            else:  # a case-level assessment is read from both sides
                self.require_anonymous(case.id, text, "case risk assessment")
        assessment = RiskAssessment(
            id=str(uuid.uuid4()),
            case_id=case.id,
            kind=kind,
            assessor_id=self.user_id,
            party_file_id=party_file_id,
            factors=tuple(factors),
            mitigations=tuple(mitigations),
            outcome=outcome,
            completed_on=self.today() if outcome is not None else None,
            review_on=review_on,
        )
        self.save(assessment)
        return assessment
