"""Consent records: granular, dated, evidenced, and withdrawable at any time."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import ClosureReason, ConsentDecision, ConsentMethod, ConsentScope
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import new_id, require_id, require_text


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentRecord:
    id: str
    case_id: str
    party_file_id: str
    participant_id: str
    scope: ConsentScope
    decision: ConsentDecision
    method: ConsentMethod
    recorded_on: date
    detail: str = ""
    evidence_document_id: str | None = None
    withdrawn_on: date | None = None

    def __post_init__(self) -> None:

        check_field_types(self)
        for value, what in (
            (self.id, "consent id"),
            (self.case_id, "consent case id"),
            (self.party_file_id, "consent party file id"),
            (self.participant_id, "consent participant id"),
        ):
            require_id(value, what)
        if self.scope in (ConsentScope.SHARE_WITH_OTHER_PARTY, ConsentScope.SHARE_WITH_AGENCY):
            require_text(self.detail, f"what the {self.scope.value} consent covers")
        if self.evidence_document_id is not None:
            require_id(self.evidence_document_id, "consent evidence document")
        signed = self.method is ConsentMethod.SIGNED_FORM
        if signed and self.decision is ConsentDecision.GIVEN and self.evidence_document_id is None:
            raise InvalidValueError("a signed form needs its scan attached as evidence")
        if self.withdrawn_on is not None:
            if self.decision is not ConsentDecision.GIVEN:
                raise InvalidValueError("only consent that was given can be withdrawn")
            if self.withdrawn_on < self.recorded_on:
                raise InvalidValueError("consent cannot be withdrawn before it was given")

    def is_live(self, on: date) -> bool:
        """Given, already in force on ``on``, and not withdrawn by then."""
        if self.decision is not ConsentDecision.GIVEN or self.recorded_on > on:
            return False
        return self.withdrawn_on is None or self.withdrawn_on > on

    def withdraw(self, on: date) -> ConsentRecord:
        if self.withdrawn_on is not None:
            raise InvalidValueError("consent already withdrawn")
        return dataclasses.replace(self, withdrawn_on=on)


def check_consent_change(before: ConsentRecord, after: ConsentRecord) -> None:
    """A consent record is evidence of what a person agreed to and when, so the only change it
    takes is its withdrawal. A correction (a refusal that was really consent, a wrong date or
    scope) is a new record, with the old one withdrawn; un-withdrawing is a new consent too."""
    if after == before:
        return
    withdrawn = after.withdrawn_on
    if (
        before.withdrawn_on is None
        and withdrawn is not None
        and after == before.withdraw(withdrawn)
    ):
        return
    raise InvalidValueError(
        "a consent record is only ever withdrawn; record a new consent to correct it"
    )


def record_form_refusal(
    case: Case, *, party_file_id: str, participant_id: str, on: date
) -> tuple[ConsentRecord, Case]:
    """A participant who refuses to sign the Consent and Confidentiality form closes the case.

    Returns the refusal record and the case, closed with that reason.
    """
    refusal = ConsentRecord(
        id=new_id(),
        case_id=case.id,
        party_file_id=party_file_id,
        participant_id=participant_id,
        scope=ConsentScope.CONFIDENTIALITY_FORM,
        decision=ConsentDecision.REFUSED,
        method=ConsentMethod.SIGNED_FORM,
        recorded_on=on,
        detail="Refused to sign the Consent and Confidentiality form",
    )
    return refusal, case.close(ClosureReason.CONSENT_REFUSED, on)
