"""Exchanges: the only way content crosses from one side's party file to another's (victim and
offender, or any two parties of a mediation).

An exchange cites the live consent of the party whose content moves; an apology letter also
needs a completed letter-sharing risk assessment that allows it and the writer's agreement.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.enums import (
    ConsentScope,
    Custody,
    ExchangeKind,
    LetterDelivery,
    RiskKind,
)
from erms_desktop.domain.errors import (
    ConsentRequiredError,
    CustodyError,
    InvalidValueError,
    RiskAssessmentRequiredError,
)
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import new_id, require_aware, require_id, require_text
from erms_desktop.domain.parties import PartyFile
from erms_desktop.domain.risk import RiskAssessment

CUSTODY_MOVES: dict[Custody, frozenset[Custody]] = {
    Custody.HELD: frozenset({Custody.DELIVERED, Custody.RETURNED, Custody.DESTROYED}),
    Custody.DELIVERED: frozenset(),
    Custody.RETURNED: frozenset({Custody.DESTROYED}),
    Custody.DESTROYED: frozenset(),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Exchange:
    id: str
    case_id: str
    kind: ExchangeKind
    from_party_file_id: str
    to_party_file_id: str
    content: str
    consent_id: str
    shared_by: str
    shared_at: datetime
    risk_assessment_id: str | None = None
    writer_agreed: bool = False
    redactions: tuple[str, ...] = ()
    custody: Custody = Custody.HELD
    #: A delivered apology letter: read to the recipient, or a copy handed over (set by deliver).
    delivered_as: LetterDelivery | None = None

    def __post_init__(self) -> None:

        check_field_types(self)
        for value, what in (
            (self.id, "exchange id"),
            (self.case_id, "exchange case id"),
            (self.from_party_file_id, "exchange source file"),
            (self.to_party_file_id, "exchange target file"),
            (self.consent_id, "exchange consent"),
            (self.shared_by, "exchange author"),
        ):
            require_id(value, what)
        require_text(self.content, "exchange content")
        require_aware(self.shared_at, "exchange time")
        if self.risk_assessment_id is not None:
            require_id(self.risk_assessment_id, "exchange risk assessment")
        for redaction in self.redactions:
            require_text(redaction, "redaction")
        if self.from_party_file_id == self.to_party_file_id:
            raise InvalidValueError("an exchange moves content between two different files")
        if self.kind is ExchangeKind.APOLOGY_LETTER and (
            self.risk_assessment_id is None or not self.writer_agreed
        ):
            raise RiskAssessmentRequiredError(
                "an apology letter needs a letter-sharing risk assessment"
                " and the writer's agreement"
            )
        if self.delivered_as is not None and (
            self.kind is not ExchangeKind.APOLOGY_LETTER or self.custody is not Custody.DELIVERED
        ):
            raise InvalidValueError("only a delivered apology letter records how it was shared")

    def move_custody(self, to: Custody) -> Exchange:
        """Return or destroy held content. Delivery goes through :meth:`deliver`, because the
        writer may have withdrawn consent while the content was held."""
        if to not in CUSTODY_MOVES[self.custody]:
            raise CustodyError(f"custody cannot move from {self.custody.value} to {to.value}")
        if to is Custody.DELIVERED:
            raise ConsentRequiredError("deliver with deliver(), which checks the consent again")
        return dataclasses.replace(self, custody=to)

    def deliver(
        self, consent: ConsentRecord, on: date, how: LetterDelivery | None = None
    ) -> Exchange:
        """Pass held content on, if the consent it relies on is still live on ``on``; an
        apology letter records ``how``: read to the recipient or a copy handed over."""
        if Custody.DELIVERED not in CUSTODY_MOVES[self.custody]:
            raise CustodyError(f"custody cannot move from {self.custody.value} to delivered")
        if consent.id != self.consent_id:
            raise ConsentRequiredError("that is not the consent this exchange relies on")
        if not consent.is_live(on):
            raise ConsentRequiredError("the consent has been withdrawn; the content stays held")
        letter = self.kind is ExchangeKind.APOLOGY_LETTER
        if letter and how is None:
            raise InvalidValueError(
                "say whether the apology letter was read to them or a copy handed over"
            )
        return dataclasses.replace(
            self, custody=Custody.DELIVERED, delivered_as=how if letter else None
        )


def create_exchange(
    *,
    kind: ExchangeKind,
    source: PartyFile,
    target: PartyFile,
    content: str,
    consent: ConsentRecord | None,
    shared_by: str,
    at: datetime,
    risk_assessment: RiskAssessment | None = None,
    writer_agreed: bool = False,
    redactions: tuple[str, ...] = (),
) -> Exchange:
    """The consent gate. Refuses unless every condition for crossing the line holds."""
    if source.case_id != target.case_id or source.side is target.side:
        raise InvalidValueError("an exchange goes between two sides of one case")
    on: date = at.date()
    if consent is None:
        raise ConsentRequiredError("sharing needs the consent of the party the content comes from")
    if consent.party_file_id != source.id or consent.case_id != source.case_id:
        raise ConsentRequiredError("the consent cited is not from the party the content comes from")
    if consent.scope is not ConsentScope.SHARE_WITH_OTHER_PARTY:
        raise ConsentRequiredError("the consent cited does not cover sharing with the other party")
    if not consent.is_live(on):
        raise ConsentRequiredError("the consent cited has been withdrawn or is not yet in force")
    if kind is ExchangeKind.APOLOGY_LETTER:
        _check_letter_risk(risk_assessment, source.case_id)
        if not writer_agreed:
            raise RiskAssessmentRequiredError(
                "the writer has not agreed to the letter being shared"
            )
    return Exchange(
        id=new_id(),
        case_id=source.case_id,
        kind=kind,
        from_party_file_id=source.id,
        to_party_file_id=target.id,
        content=content,
        consent_id=consent.id,
        shared_by=shared_by,
        shared_at=at,
        risk_assessment_id=risk_assessment.id if risk_assessment else None,
        writer_agreed=writer_agreed,
        redactions=redactions,
    )


def check_exchange_record(
    exchange: Exchange,
    *,
    source: PartyFile | None,
    target: PartyFile | None,
    consent: ConsentRecord | None,
    risk_assessment: RiskAssessment | None,
) -> None:
    """Refuse a new exchange record the consent gate would not have made from these records:
    the same :func:`create_exchange` runs again, and its result must be the record given
    (custody held, the same consent, risk assessment and writer's agreement)."""
    if source is None or target is None:
        raise InvalidValueError("an exchange goes between two sides of one case")
    made = create_exchange(
        kind=exchange.kind,
        source=source,
        target=target,
        content=exchange.content,
        consent=consent,
        shared_by=exchange.shared_by,
        at=exchange.shared_at,
        risk_assessment=risk_assessment,
        writer_agreed=exchange.writer_agreed,
        redactions=exchange.redactions,
    )
    if dataclasses.replace(made, id=exchange.id) != exchange:
        raise CustodyError("a new exchange is held, citing the records that allowed it")


def check_exchange_change(
    before: Exchange, after: Exchange, consent: ConsentRecord | None, on: date
) -> None:
    """An exchange records what was shared: only its custody moves, forward along
    :data:`CUSTODY_MOVES`, and delivery checks the consent again on ``on``."""
    if after == before:
        return
    if after.custody is before.custody:
        moved = before
    elif after.custody is Custody.DELIVERED:
        if consent is None:
            raise ConsentRequiredError("the consent this exchange relies on is not there")
        moved = before.deliver(consent, on, after.delivered_as)
    else:
        moved = before.move_custody(after.custody)
    if after != moved:
        raise CustodyError("an exchange never changes what was shared; only its custody moves")


def _check_letter_risk(assessment: RiskAssessment | None, case_id: str) -> None:
    if assessment is None or assessment.kind is not RiskKind.LETTER_SHARING:
        raise RiskAssessmentRequiredError(
            "an apology letter needs a letter-sharing risk assessment"
        )
    if assessment.case_id != case_id:
        raise RiskAssessmentRequiredError("the risk assessment cited belongs to another case")
    if not assessment.is_completed or not assessment.allows_proceeding():
        raise RiskAssessmentRequiredError(
            "the letter-sharing risk assessment does not allow sharing"
        )
