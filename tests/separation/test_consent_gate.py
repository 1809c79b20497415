"""The consent gate (erms_desktop.domain.exchange.create_exchange): content crosses between
the party files only with the live consent of the party it comes from; an apology letter also
needs a completed letter-sharing risk assessment that allows it and the writer's agreement."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from erms_desktop.domain import ConsentRecord, PartyFile, RiskAssessment, create_exchange
from erms_desktop.domain.enums import (
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ExchangeKind,
    RiskKind,
    RiskOutcome,
    Side,
)
from erms_desktop.domain.errors import (
    ConsentRequiredError,
    InvalidValueError,
    RiskAssessmentRequiredError,
)
from erms_desktop.domain.ids import new_id

CASE = new_id()
OFFENDER_FILE = PartyFile(id=new_id(), case_id=CASE, side=Side.OFFENDER)
VICTIM_FILE = PartyFile(id=new_id(), case_id=CASE, side=Side.VICTIM)
FACILITATOR = new_id()
AT = datetime(2025, 6, 10, 14, 30, tzinfo=UTC)


def consent(**changes: Any) -> ConsentRecord:
    fields: dict[str, Any] = {
        "id": new_id(),
        "case_id": CASE,
        "party_file_id": OFFENDER_FILE.id,
        "participant_id": new_id(),
        "scope": ConsentScope.SHARE_WITH_OTHER_PARTY,
        "decision": ConsentDecision.GIVEN,
        "method": ConsentMethod.VERBAL,
        "recorded_on": date(2025, 6, 1),
        "detail": "the apology letter dated 1 June",
    }
    fields.update(changes)
    return ConsentRecord(**fields)


def assessment(**changes: Any) -> RiskAssessment:
    fields: dict[str, Any] = {
        "id": new_id(),
        "case_id": CASE,
        "kind": RiskKind.LETTER_SHARING,
        "assessor_id": FACILITATOR,
        "outcome": RiskOutcome.PROCEED,
        "completed_on": date(2025, 6, 5),
    }
    fields.update(changes)
    return RiskAssessment(**fields)


def share(**changes: Any) -> Any:
    arguments: dict[str, Any] = {
        "kind": ExchangeKind.SHUTTLE_MESSAGE,
        "source": OFFENDER_FILE,
        "target": VICTIM_FILE,
        "content": "He wants you to know he is sorry.",
        "consent": consent(),
        "shared_by": FACILITATOR,
        "at": AT,
    }
    arguments.update(changes)
    return create_exchange(**arguments)


def letter(**changes: Any) -> Any:
    arguments: dict[str, Any] = {
        "kind": ExchangeKind.APOLOGY_LETTER,
        "risk_assessment": assessment(),
        "writer_agreed": True,
    }
    arguments.update(changes)
    return share(**arguments)


# -- refusals -------------------------------------------------------------------------------


def test_no_consent_is_refused() -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=None)


def test_consent_of_the_receiving_party_is_refused() -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=consent(party_file_id=VICTIM_FILE.id))


def test_consent_from_another_case_is_refused() -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=consent(case_id=new_id()))


@pytest.mark.parametrize(
    "scope",
    [
        ConsentScope.TAKE_PART,
        ConsentScope.CONFIDENTIALITY_FORM,
        ConsentScope.SHARE_WITH_AGENCY,
        ConsentScope.CASE_STUDY,
        ConsentScope.SUPPORTERS_ATTENDING,
    ],
)
def test_consent_of_the_wrong_scope_is_refused(scope: ConsentScope) -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=consent(scope=scope, detail="something else"))


def test_refused_consent_is_refused() -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=consent(decision=ConsentDecision.REFUSED))


def test_withdrawn_consent_is_refused() -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=consent().withdraw(date(2025, 6, 8)))


def test_consent_withdrawn_that_same_day_is_refused() -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=consent().withdraw(AT.date()))


def test_consent_not_yet_in_force_is_refused() -> None:
    with pytest.raises(ConsentRequiredError):
        share(consent=consent(recorded_on=date(2025, 6, 11)))


def test_exchange_within_one_side_is_refused() -> None:
    other_offender_file = PartyFile(id=new_id(), case_id=CASE, side=Side.OFFENDER)
    with pytest.raises(InvalidValueError):
        share(target=other_offender_file)


def test_exchange_into_another_case_is_refused() -> None:
    elsewhere = PartyFile(id=new_id(), case_id=new_id(), side=Side.VICTIM)
    with pytest.raises(InvalidValueError):
        share(target=elsewhere)


def test_apology_letter_without_risk_assessment_is_refused() -> None:
    with pytest.raises(RiskAssessmentRequiredError):
        letter(risk_assessment=None)


def test_apology_letter_with_the_wrong_kind_of_assessment_is_refused() -> None:
    with pytest.raises(RiskAssessmentRequiredError):
        letter(risk_assessment=assessment(kind=RiskKind.SECONDARY))


def test_apology_letter_with_an_incomplete_assessment_is_refused() -> None:
    with pytest.raises(RiskAssessmentRequiredError):
        letter(risk_assessment=assessment(outcome=None, completed_on=None))


def test_apology_letter_with_a_do_not_proceed_assessment_is_refused() -> None:
    with pytest.raises(RiskAssessmentRequiredError):
        letter(risk_assessment=assessment(outcome=RiskOutcome.DO_NOT_PROCEED))


def test_apology_letter_with_another_cases_assessment_is_refused() -> None:
    with pytest.raises(RiskAssessmentRequiredError):
        letter(risk_assessment=assessment(case_id=new_id()))


def test_apology_letter_without_the_writers_agreement_is_refused() -> None:
    with pytest.raises(RiskAssessmentRequiredError):
        letter(writer_agreed=False)


def test_apology_letter_still_needs_consent() -> None:
    with pytest.raises(ConsentRequiredError):
        letter(consent=None)


# -- success paths --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [ExchangeKind.SHUTTLE_MESSAGE, ExchangeKind.LETTER, ExchangeKind.ANSWERS_TO_QUESTIONS],
)
def test_exchange_with_live_consent_goes_through(kind: ExchangeKind) -> None:
    cited = consent()
    exchange = share(kind=kind, consent=cited)
    assert exchange.consent_id == cited.id
    assert exchange.from_party_file_id == OFFENDER_FILE.id
    assert exchange.to_party_file_id == VICTIM_FILE.id
    assert exchange.shared_by == FACILITATOR
    assert exchange.shared_at == AT
    assert exchange.risk_assessment_id is None


def test_consent_given_that_day_and_withdrawn_later_is_live() -> None:
    cited = consent(recorded_on=AT.date()).withdraw(date(2025, 7, 1))
    assert share(consent=cited).consent_id == cited.id


def test_victim_to_offender_needs_the_victims_consent() -> None:
    victims = consent(party_file_id=VICTIM_FILE.id)
    exchange = share(source=VICTIM_FILE, target=OFFENDER_FILE, consent=victims)
    assert exchange.from_party_file_id == VICTIM_FILE.id
    with pytest.raises(ConsentRequiredError):
        share(source=VICTIM_FILE, target=OFFENDER_FILE, consent=consent())


@pytest.mark.parametrize("outcome", [RiskOutcome.PROCEED, RiskOutcome.PROCEED_WITH_MITIGATIONS])
def test_apology_letter_with_everything_in_place_goes_through(outcome: RiskOutcome) -> None:
    mitigations = ("read with the facilitator present",)
    allowed = assessment(outcome=outcome, mitigations=mitigations)
    exchange = letter(risk_assessment=allowed, redactions=("home town",))
    assert exchange.kind is ExchangeKind.APOLOGY_LETTER
    assert exchange.risk_assessment_id == allowed.id
    assert exchange.writer_agreed
    assert exchange.redactions == ("home town",)
