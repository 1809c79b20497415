"""A synthetic caseload for the fake backend and the early demo: case summaries and short notes
built from a seeded generator, so every run shows the same invented data. No real people."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from erms_desktop.app_backend.models import AttentionItem, AttentionKind, CaseSummary, ResolveAction
from erms_desktop.domain.enums import WorkflowStage

_NEXT_ACTIONS = {
    WorkflowStage.ALLOCATION: "Read the referral and plan first contact",
    WorkflowStage.FIRST_CONTACT: "Phone to introduce the service",
    WorkflowStage.ASSESSMENT: "Complete the secondary risk assessment",
    WorkflowStage.PREPARATION: "Preparation meeting",
    WorkflowStage.DELIVERY: "Confirm the conference venue",
    WorkflowStage.OUTCOME_AGREEMENT: "Record the outcome agreement",
    WorkflowStage.FOLLOW_UP: "Follow-up call on agreed reparation",
}
_NOTE_LINES = (
    "Phoned to arrange a preparation meeting; agreed a home visit next week.",
    "Explained how a conference works and what support is available.",
    "Discussed the letter option; would prefer shuttle messages for now.",
    "Supporter will attend the next meeting. Consent form signed.",
    "Left a voicemail; will try again on Thursday afternoon.",
    "Talked through the outcome agreement items and the reparation timetable.",
)


@dataclass(frozen=True, slots=True)
class DemoNote:
    note_id: str
    case_id: str
    written_on: date
    text: str


def _initials(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTW"
    return f"{rng.choice(letters)}.{rng.choice(letters)}."


def demo_caseload(
    count: int = 50, *, seed: int = 7, today: date | None = None
) -> tuple[list[CaseSummary], list[DemoNote]]:
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    today = today or date(2026, 11, 2)
    stages = list(_NEXT_ACTIONS)
    cases: list[CaseSummary] = []
    notes: list[DemoNote] = []
    for index in range(count):
        case_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        stage = stages[index % len(stages)]
        cases.append(
            CaseSummary(
                case_id=case_id,
                service_reference=f"RJ-{today.year}-{1001 + index:04d}",
                stage=stage,
                next_action=_NEXT_ACTIONS[stage],
                next_action_due=today + timedelta(days=rng.randint(-3, 21)),
                initials=f"V {_initials(rng)} · O {_initials(rng)}",
                pending_sync=index % 9 == 4,
            )
        )
        for n in range(2):
            notes.append(
                DemoNote(
                    note_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    case_id=case_id,
                    written_on=today - timedelta(days=rng.randint(1, 60)),
                    text=_NOTE_LINES[(index + n * 3) % len(_NOTE_LINES)],
                )
            )
    return cases, notes


def demo_attention(cases: list[CaseSummary]) -> list[AttentionItem]:
    """One conflict and one quarantined change, so the attention panel has something to show."""
    if len(cases) < 2:
        return []
    return [
        AttentionItem(
            item_id="attention-conflict-1",
            kind=AttentionKind.CONFLICT,
            service_reference=cases[0].service_reference,
            summary="Next meeting date was changed here and at the office",
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
