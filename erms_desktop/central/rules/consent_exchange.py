"""Consent records and exchanges: the two kinds that let content cross between the sides.

A consent record is given by a participant of its own party file, dated no later than today,
and afterwards only withdrawn (``domain.consent.check_consent_change``). A new exchange must be
exactly what the consent gate (``domain.exchange.create_exchange``) makes from the consent and
risk assessment *the store* holds and the pusher can see - an invented or withdrawn consent is
refused - and afterwards only its custody moves, with delivery checking the consent again
(``domain.exchange.check_exchange_change``).
"""

from __future__ import annotations

from datetime import date

from erms_desktop.central.record_store import RecordRefused
from erms_desktop.central.rules.lookup import Lookup
from erms_desktop.domain.activity import Document
from erms_desktop.domain.consent import ConsentRecord, check_consent_change
from erms_desktop.domain.exchange import Exchange, check_exchange_change, check_exchange_record
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.domain.records import Entity
from erms_desktop.domain.risk import RiskAssessment
from erms_desktop.domain.workflow import CLOCK_SKEW


def check(lookup: Lookup, before: Entity | None, after: Entity | None, today: date) -> None:
    if isinstance(after, ConsentRecord):
        _check_consent(lookup, before, after, today)
    elif isinstance(after, Exchange) and before is None:
        check_exchange_record(
            after,
            source=lookup.find(PartyFile, after.from_party_file_id),
            target=lookup.find(PartyFile, after.to_party_file_id, any_reader=True),
            consent=lookup.find(ConsentRecord, after.consent_id),
            risk_assessment=lookup.find(RiskAssessment, after.risk_assessment_id),
        )
    elif isinstance(after, Exchange) and isinstance(before, Exchange):
        consent = lookup.find(ConsentRecord, before.consent_id, any_reader=True)
        check_exchange_change(before, after, consent, today)


def _check_consent(
    lookup: Lookup, before: Entity | None, after: ConsentRecord, today: date
) -> None:
    for day in (after.recorded_on, after.withdrawn_on):
        if day is not None and day > today + CLOCK_SKEW:
            raise RecordRefused("a consent record is not dated in the future")
    if isinstance(before, ConsentRecord):
        check_consent_change(before, after)
        return
    participant = lookup.find(Participant, after.participant_id)
    if participant is None or participant.party_file_id != after.party_file_id:
        raise RecordRefused("consent is given by a participant of its own party file")
    if after.evidence_document_id is not None:
        scan = lookup.find(Document, after.evidence_document_id)
        if scan is None or scan.party_file_id != after.party_file_id:
            raise RecordRefused("the consent's evidence is a document of the same party file")
