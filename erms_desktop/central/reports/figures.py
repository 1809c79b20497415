"""The monthly report's raw figures, counted from the store for each of twelve months.

Everything is counted from record fields (sources, reasons, stages, dates, minutes, miles);
nothing that names or describes a person leaves this module. Months are ``YYYY-MM`` strings.
Mediation cases are counted apart from restorative justice cases: by type, by their own
workflow stages, by dispute type and by closure reason; a case recorded before case types
existed is a restorative justice case.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central.models import Record, RejectionCount
from erms_desktop.domain.enums import (
    CaseType,
    ClosureReason,
    DisputeType,
    ReferralSource,
    RejectionReason,
    WorkflowStage,
)
from erms_desktop.domain.workflow import transitions


def open_stages(case_type: CaseType) -> list[str]:
    """The stages a case of the type may be open at, in workflow order."""
    table = transitions(case_type)
    return [s.value for s in WorkflowStage if s in table and s is not WorkflowStage.CLOSURE]


OPEN_STAGES = open_stages(CaseType.RESTORATIVE_JUSTICE)
MEDIATION_STAGES = open_stages(CaseType.MEDIATION)


def month_of(day: str | None) -> str | None:
    return None if not day else str(day)[:7]


def twelve_months(last: str) -> list[str]:
    """The twelve months ending with ``last`` (oldest first)."""
    year, month = (int(part) for part in last.split("-"))
    index = year * 12 + month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - 11, index + 1)]


def month_end(month: str) -> date:
    year, number = (int(part) for part in month.split("-"))
    following = date(year + number // 12, number % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def percentile(values: list[int], share: float) -> int:
    """Nearest-rank percentile (the median is share 0.5)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


@dataclass(frozen=True, slots=True)
class Records:
    """The fields of the live referrals, cases and time entries, read once."""

    referrals: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    time_entries: list[dict[str, Any]]
    rejections: dict[tuple[str, str], int]


def load(session: Session) -> Records:
    rows = session.execute(
        select(Record.kind, Record.fields).where(
            Record.kind.in_(("referral", "case", "time_entry")), Record.deleted.is_(False)
        )
    )
    by_kind: dict[str, list[dict[str, Any]]] = {"referral": [], "case": [], "time_entry": []}
    for kind, fields in rows:
        by_kind[kind].append(fields)
    rejections = {(r.month, r.reason): r.count for r in session.scalars(select(RejectionCount))}
    return Records(by_kind["referral"], by_kind["case"], by_kind["time_entry"], rejections)


def referrals_by_source(data: Records, month: str) -> list[int]:
    """Referrals received in the month and still held (received or accepted), by source."""
    seen = Counter(r["source"] for r in data.referrals if month_of(r["received_on"]) == month)
    return [seen[s.value] for s in ReferralSource]


def decisions(data: Records, month: str) -> list[int]:
    """Accepted referrals (by month received), then rejections by reason (month rejected)."""
    accepted = sum(
        1
        for r in data.referrals
        if r["status"] == "accepted" and month_of(r["received_on"]) == month
    )
    return [accepted, *(data.rejections.get((month, r.value), 0) for r in RejectionReason)]


def allocation_days(data: Records, month: str) -> list[int]:
    """Days from referral to allocation of the cases allocated in the month."""
    return [
        (date.fromisoformat(c["allocated_on"]) - date.fromisoformat(c["received_on"])).days
        for c in data.cases
        if c.get("received_on") and month_of(c.get("allocated_on")) == month
    ]


def type_of(case: dict[str, Any]) -> CaseType:
    return CaseType(case.get("case_type", CaseType.RESTORATIVE_JUSTICE.value))


def _of_type(data: Records, case_type: CaseType) -> list[dict[str, Any]]:
    return [c for c in data.cases if type_of(c) is case_type]


def cases_by_type(data: Records, month: str) -> list[int]:
    """Cases received in the month, restorative justice then mediation."""
    seen = Counter(type_of(c) for c in data.cases if month_of(c.get("received_on")) == month)
    return [seen[t] for t in CaseType]


def mediation_by_dispute(data: Records, month: str) -> list[int]:
    """Mediation cases received in the month, by dispute type."""
    seen = Counter(
        c.get("dispute_type")
        for c in _of_type(data, CaseType.MEDIATION)
        if month_of(c.get("received_on")) == month
    )
    return [seen[d.value] for d in DisputeType]


def open_by_stage(data: Records, month: str, case_type: CaseType) -> list[int]:
    """Cases of the type open at the month's end, by the stage they are at now, then those
    since closed (the store keeps a case's current stage, not its stage on a past date)."""
    end = month_end(month).isoformat()
    seen: Counter[str] = Counter()
    for c in _of_type(data, case_type):
        received, closed = c.get("received_on"), c.get("closed_on")
        if received and received <= end and (not closed or closed > end):
            seen["closed_since" if closed else c["stage"]] += 1
    return [*(seen[s] for s in open_stages(case_type)), seen["closed_since"]]


def closed_by_reason(data: Records, month: str, case_type: CaseType) -> list[int]:
    seen = Counter(
        c["closure_reason"]
        for c in _of_type(data, case_type)
        if month_of(c.get("closed_on")) == month
    )
    return [seen[r.value] for r in ClosureReason]


def volunteer_time(data: Records, month: str) -> tuple[int, int, float]:
    """Entries, minutes and miles worked in the month."""
    chosen = [t for t in data.time_entries if month_of(t["worked_on"]) == month]
    return len(chosen), sum(t["minutes"] for t in chosen), sum(t["miles"] for t in chosen)
