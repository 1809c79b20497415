"""What on an open case is past its date or missing, in the volunteer's words. The rules are the
domain's (``domain.attention``, shared with the office's oversight list); this module words them
once for the case list and the case header."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from erms_desktop.domain import attention
from erms_desktop.domain.case import Case
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.risk import RiskAssessment


def case_alerts(
    case: Case,
    *,
    risks: Iterable[RiskAssessment],
    consents: Iterable[ConsentRecord],
    people: Sequence[Participant],
    today: date,
) -> tuple[str, ...]:
    """Each alert as a short phrase ("next action overdue"); none on a closed case."""
    if case.is_closed:
        return ()
    alerts = [f"{item} overdue" for item in attention.overdue_items(case, today)]
    if attention.risk_reviews_due(risks, today):
        alerts.append("risk review due")
    missing = attention.consent_missing(case, people, consents, today)
    if missing:
        initials = ", ".join(p.initials for p in missing)
        alerts.append(f"no consent to take part from {initials}")
    return tuple(alerts)
