"""One demo case from referral to the stage its scenario says it has reached.

The case is moved through the real workflow (``allocate``, ``move_to``, ``close``); then each
stage it passed through leaves its records, dated in order, through :class:`FileRecorder`.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

from erms_desktop.demo.people import CaseNames, IdentitySource, make_participant
from erms_desktop.demo.stages import Casts, Scenario, Story
from erms_desktop.demo.story import FileCast, FileRecorder, RecordSink, accept_referral
from erms_desktop.demo.vocabulary import ADULT_SOURCES, OFFENCES, YOUTH_SOURCES
from erms_desktop.domain.case import Case, Offence
from erms_desktop.domain.enums import (
    ClosureReason,
    JusticeStage,
    ParticipantRole,
    Side,
)
from erms_desktop.domain.enums import WorkflowStage as S
from erms_desktop.domain.parties import PartyFile

STAGE_ORDER: tuple[S, ...] = (
    S.REFERRAL,
    S.ALLOCATION,
    S.FIRST_CONTACT,
    S.ASSESSMENT,
    S.PREPARATION,
    S.DELIVERY,
    S.OUTCOME_AGREEMENT,
    S.FOLLOW_UP,
)


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(S.REFERRAL),
    Scenario(S.ALLOCATION),
    Scenario(S.FIRST_CONTACT),
    Scenario(S.ASSESSMENT),
    Scenario(S.PREPARATION),
    Scenario(S.DELIVERY),
    Scenario(S.OUTCOME_AGREEMENT),
    Scenario(S.FOLLOW_UP),
    Scenario(S.FOLLOW_UP, closure=ClosureReason.COMPLETED),
    Scenario(S.ASSESSMENT, closure=ClosureReason.CONSENT_REFUSED),
    Scenario(S.PREPARATION, on_hold=True),
    Scenario(S.DELIVERY, withdraws=True),
)


def build_case(
    ids: IdentitySource,
    sink: RecordSink,
    *,
    index: int,
    today: date,
    facilitators: tuple[str, ...],
    staff_id: str,
) -> None:
    """Add one case, its referral and every record it has gathered so far to ``sink``."""
    rng = ids.rng
    scenario = SCENARIOS[index % len(SCENARIOS)]
    youth = index % 3 == 2
    path = STAGE_ORDER[: STAGE_ORDER.index(scenario.stage) + 1]
    dates = _stage_dates(rng, path, today)
    case = _open_case(ids, sink, index, youth, dates[S.REFERRAL])
    casts = _cast(ids, sink, case, youth, today, second_victim=index % 6 == 4)
    for stage in path[1:]:
        at = dates[stage]
        case = case.allocate(facilitators, on=at) if stage is S.ALLOCATION else case.move_to(stage)
    recorder = FileRecorder(ids, sink, case)
    Story(recorder, casts, scenario, dates, staff_id).tell()
    case = recorder.case
    if scenario.closure is ClosureReason.COMPLETED:
        case = case.close(ClosureReason.COMPLETED, on=dates[path[-1]] + timedelta(days=7))
    elif not case.is_closed:
        case = _next_action(case, rng, today, on_hold=scenario.on_hold, late=index % 7 == 3)
    sink.cases.append(case)


def _stage_dates(rng: random.Random, path: tuple[S, ...], today: date) -> dict[S, date]:
    day = today - timedelta(days=14 * len(path) + rng.randint(7, 30))
    dates: dict[S, date] = {}
    for stage in path:
        dates[stage] = day
        day += timedelta(days=rng.randint(7, 14))
    return dates


def _open_case(ids: IdentitySource, sink: RecordSink, index: int, youth: bool, on: date) -> Case:
    rng = ids.rng
    source = rng.choice(YOUTH_SOURCES if youth else ADULT_SOURCES)
    kind, summary, flags = rng.choice(OFFENCES)
    accepted = accept_referral(ids, sink, source, on)
    return Case(
        id=accepted.case_id,
        service_reference=f"ERMS-{on.year}-{index + 1:04d}",
        referral_id=accepted.referral_id,
        agency_reference=accepted.agency_reference,
        offence=Offence(
            type=kind,
            summary=summary,
            committed_on=on - timedelta(days=rng.randint(10, 120)),
            flags=flags,
        ),
        justice_stage=rng.choice(list(JusticeStage)),
        received_on=on,
    )


def _cast(
    ids: IdentitySource,
    sink: RecordSink,
    case: Case,
    youth: bool,
    today: date,
    *,
    second_victim: bool,
) -> Casts:
    names = CaseNames(ids.rng)

    def file_with(side: Side, label: str, main_role: ParticipantRole, child: bool) -> FileCast:
        party_file = PartyFile(id=ids.new_id(), case_id=case.id, side=side, label=label)
        main = make_participant(
            ids, names, party_file_id=party_file.id, role=main_role, today=today, child=child
        )
        extra_role = _extra_role(ids.rng, side, child)
        extra = None
        if extra_role is not None:
            related = extra_role is ParticipantRole.PARENT_OR_APPROPRIATE_ADULT
            extra = make_participant(
                ids,
                names,
                party_file_id=party_file.id,
                role=extra_role,
                today=today,
                family_name=main.family_name if related else None,
                address=main.addresses[0] if related else None,
            )
        sink.party_files.append(party_file)
        sink.participants.extend(p for p in (main, extra) if p is not None)
        return FileCast(party_file, main, extra)

    victims = [file_with(Side.VICTIM, "Victim file", ParticipantRole.VICTIM, False)]
    if second_victim:
        victims.append(file_with(Side.VICTIM, "Second victim file", ParticipantRole.VICTIM, False))
    offender = file_with(Side.OFFENDER, "Offender file", ParticipantRole.OFFENDER, youth)
    return Casts(tuple(victims), offender)


def _extra_role(rng: random.Random, side: Side, child: bool) -> ParticipantRole | None:
    if child:
        return ParticipantRole.PARENT_OR_APPROPRIATE_ADULT
    if side is Side.VICTIM:
        return ParticipantRole.SUPPORTER if rng.random() < 0.5 else None
    return ParticipantRole.PROFESSIONAL if rng.random() < 0.3 else None


def _next_action(case: Case, rng: random.Random, today: date, *, on_hold: bool, late: bool) -> Case:
    """The next action and its due date; a ``late`` one is overdue (or its hold review is)."""
    ahead = timedelta(days=rng.randint(2, 14))
    due = today - ahead if late else today + ahead
    if on_hold:
        return dataclasses.replace(
            case.put_on_hold("Awaiting the sentencing hearing", due),
            next_action="Resume after the sentencing hearing",
            next_action_due=due,
        )
    action = {
        S.REFERRAL: "Allocate to facilitators",
        S.ALLOCATION: "First phone call to each party",
        S.FIRST_CONTACT: "Book assessment visits",
        S.ASSESSMENT: "Finish the secondary risk assessments",
        S.PREPARATION: "Plan the restorative meeting",
        S.DELIVERY: "Agree the outcome items",
        S.OUTCOME_AGREEMENT: "Check progress on reparation",
        S.FOLLOW_UP: "Final follow-up calls, then close",
    }[case.stage]
    return dataclasses.replace(case, next_action=action, next_action_due=due)
