"""The demo volunteer's caseload, from the shared synthetic dataset (demo/data.py), in
the shapes the shell shows. Built on the worker thread at first use: generating it takes a few
hundred milliseconds that start-up should not pay."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from erms_desktop.domain.notes import Note
from erms_desktop.service.case_list import case_rows
from erms_desktop.service.models import AttentionItem, AttentionKind, CaseRow, ResolveAction

# 76 demo cases give the demo volunteer 50 (every fourth goes to the co-facilitator alone and
# new referrals are not yet allocated).
DEMO_CASE_COUNT = 76


@dataclass(frozen=True, slots=True)
class Caseload:
    cases: tuple[CaseRow, ...]
    notes: tuple[Note, ...]
    attention: tuple[AttentionItem, ...]
    author_id: str


@functools.lru_cache(maxsize=2)  # deterministic and immutable: build it once per process
def demo_caseload(case_count: int = DEMO_CASE_COUNT) -> Caseload:
    from erms_desktop.demo.data import DEMO_TODAY, DEMO_VOLUNTEER_ID, generate_demo_data

    data = generate_demo_data(case_count=case_count)
    mine = data.cases_of(DEMO_VOLUNTEER_ID)
    ids = {case.id for case in mine}
    # A few cases carry edits made offline and not yet sent, as a working laptop would.
    pending = {case.id for index, case in enumerate(mine) if index % 9 == 4}
    cases = case_rows(
        mine,
        [f for f in data.party_files if f.case_id in ids],
        data.participants,
        pending,
        risks=data.risk_assessments,
        consents=data.consents,
        today=DEMO_TODAY,
    )
    notes = tuple(n for n in data.notes if n.case_id in ids)
    return Caseload(tuple(cases), notes, tuple(demo_attention(cases)), author_id=DEMO_VOLUNTEER_ID)


def demo_attention(cases: list[CaseRow]) -> list[AttentionItem]:
    """One conflict and one quarantined change, so the attention panel has something to show."""
    if len(cases) < 2:
        return []
    return [
        AttentionItem(
            item_id="attention-conflict-1",
            kind=AttentionKind.CONFLICT,
            service_reference=cases[0].service_reference,
            summary="The next meeting date was changed here and at the office",
            actions=(ResolveAction.KEEP_MINE, ResolveAction.KEEP_CENTRAL),
        ),
        AttentionItem(
            item_id="attention-quarantine-1",
            kind=AttentionKind.QUARANTINED,
            service_reference=cases[1].service_reference,
            summary="A contact record could not be sent after the case was reallocated",
            actions=(ResolveAction.RETRY, ResolveAction.LEAVE_FOR_OFFICE),
        ),
    ]
