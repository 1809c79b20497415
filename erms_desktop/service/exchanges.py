"""Exchanges: content crossing from one party file to the other, only through the consent gate
(``domain.create_exchange``), with what was shared, by whom, when, and its custody."""

from __future__ import annotations

from erms_desktop.domain import ConsentRecord, Exchange, RiskAssessment, create_exchange
from erms_desktop.domain.enums import Custody, ExchangeKind, LetterDelivery
from erms_desktop.domain.separation import redact
from erms_desktop.service.casework_base import CaseworkBase
from erms_desktop.service.casework_errors import CaseNotFoundError


class ExchangesMixin(CaseworkBase):
    def create_exchange(
        self,
        kind: ExchangeKind,
        source_file_id: str,
        target_file_id: str,
        content: str,
        *,
        consent_id: str | None,
        risk_assessment_id: str | None = None,
        writer_agreed: bool = False,
        redact_identifiers: bool = True,
    ) -> Exchange:
        """Share content with the other side. The gate refuses without live consent (and, for
        an apology letter, the completed letter-sharing assessment and the writer's
        agreement). With ``redact_identifiers`` the source party's identifying details are
        replaced first, and what KIND of detail each was (name, phone…) is recorded as a
        redaction: the record reaches the other side, so it never carries the text itself."""
        kind = ExchangeKind(kind)  # a plain string from a form would slip past ``is`` checks
        source, target = self.party_file(source_file_id), self.party_file(target_file_id)
        consent = self.store.find(ConsentRecord, consent_id) if consent_id else None
        risk = self.store.find(RiskAssessment, risk_assessment_id) if risk_assessment_id else None
        redactions: tuple[str, ...] = ()
        if redact_identifiers:
            findings = [f for f in self.check_text(target.id, content) if f.blocking]
            redactions = tuple(f.kind.value for f in findings)
            content = redact(content, findings)
        exchange = create_exchange(
            kind=kind,
            source=source,
            target=target,
            content=content,
            consent=consent,
            shared_by=self.user_id,
            at=self.now(),
            risk_assessment=risk,
            writer_agreed=writer_agreed,
            redactions=redactions,
        )
        self.save(exchange)
        return exchange

    def move_custody(
        self, exchange_id: str, to: Custody, how: LetterDelivery | None = None
    ) -> Exchange:
        """Deliver (re-checking the consent on the day; an apology letter says ``how``),
        return or destroy held content."""
        exchange, to = self.local(Exchange, exchange_id, "exchange"), Custody(to)
        if to is Custody.DELIVERED:
            consent = self.store.find(ConsentRecord, exchange.consent_id)
            if consent is None:
                raise CaseNotFoundError("the consent this exchange relies on is missing")
            moved = exchange.deliver(consent, self.today(), how)
        else:
            moved = exchange.move_custody(to)
        self.save(moved)
        return moved
