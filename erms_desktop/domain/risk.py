"""Risk assessments: initial (by the office, before allocation), secondary (by the facilitator,
before meetings) and letter sharing (before an apology letter reaches the victim)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from erms_desktop.domain.enums import RiskKind, RiskOutcome
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import require_id, require_text


@dataclass(frozen=True, slots=True, kw_only=True)
class RiskAssessment:
    id: str
    case_id: str
    kind: RiskKind
    assessor_id: str
    party_file_id: str | None = None
    factors: tuple[str, ...] = ()
    mitigations: tuple[str, ...] = ()
    outcome: RiskOutcome | None = None
    completed_on: date | None = None
    review_on: date | None = None

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "risk assessment id")
        require_id(self.case_id, "risk assessment case id")
        require_id(self.assessor_id, "assessor id")
        if self.party_file_id is not None:
            require_id(self.party_file_id, "risk assessment party file id")
        for factor in (*self.factors, *self.mitigations):
            require_text(factor, "risk factor or mitigation")
        if (self.outcome is None) != (self.completed_on is None):
            raise InvalidValueError("a completed assessment has both an outcome and a date")
        if self.outcome is RiskOutcome.PROCEED_WITH_MITIGATIONS and not self.mitigations:
            raise InvalidValueError("proceeding with mitigations needs the mitigations listed")
        if self.review_on and self.completed_on and self.review_on < self.completed_on:
            raise InvalidValueError("a review cannot fall before the assessment")

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None

    def allows_proceeding(self) -> bool:
        return self.outcome in (RiskOutcome.PROCEED, RiskOutcome.PROCEED_WITH_MITIGATIONS)


def cleared_on(
    assessments: Iterable[RiskAssessment],
    kind: RiskKind,
    on: date,
    *,
    case_id: str,
    party_file_id: str | None = None,
) -> bool:
    """Whether an assessment of ``kind`` for the case (and file, if given), completed on or before
    ``on``, allows work to proceed: initial ones before allocation, secondary ones before
    meetings, letter-sharing ones before a letter crosses."""
    return any(
        a.kind is kind
        and a.case_id == case_id
        and (party_file_id is None or a.party_file_id == party_file_id)
        and a.completed_on is not None
        and a.completed_on <= on
        and a.allows_proceeding()
        for a in assessments
    )
