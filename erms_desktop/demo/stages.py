"""What each workflow stage of a demo case leaves on record, stage by stage."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import NamedTuple

from erms_desktop.demo.story import FileCast, FileRecorder
from erms_desktop.demo.text import (
    AGENCY_DETAIL,
    CASE_STUDY_DETAIL,
    CONFERENCE_SUMMARY,
    EXCHANGE_CONTENT,
    OUTCOME_ITEMS,
    SHARE_DETAIL,
)
from erms_desktop.domain.activity import OutcomeItem
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.enums import (
    CaseStudyUse,
    ClosureReason,
    ConsentScope,
    Custody,
    ExchangeKind,
    LetterDelivery,
    OutcomeKind,
    RiskKind,
    Satisfaction,
    Side,
)
from erms_desktop.domain.enums import ContactKind as K
from erms_desktop.domain.enums import ContactMode as M
from erms_desktop.domain.enums import WorkflowStage as S
from erms_desktop.domain.exchange import Exchange, create_exchange
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.risk import RiskAssessment


class Scenario(NamedTuple):
    """How far a demo case has gone, and what happened on the way."""

    stage: S
    closure: ClosureReason | None = None
    on_hold: bool = False
    withdraws: bool = False


class Casts(NamedTuple):
    victims: tuple[FileCast, ...]
    offender: FileCast

    @property
    def victim(self) -> FileCast:
        return self.victims[0]


class Story:
    """The records each stage on the case's path left behind, stage by stage."""

    def __init__(
        self,
        recorder: FileRecorder,
        casts: Casts,
        scenario: Scenario,
        dates: dict[S, date],
        staff_id: str,
    ) -> None:
        self.rec = recorder
        self.casts = casts
        self.scenario = scenario
        self.dates = dates
        self.staff_id = staff_id
        self.shares: dict[Side, ConsentRecord] = {}
        self.letter: Exchange | None = None

    def tell(self) -> None:
        steps = {
            S.ALLOCATION: self.allocation,
            S.FIRST_CONTACT: self.first_contact,
            S.ASSESSMENT: self.assessment,
            S.PREPARATION: self.preparation,
            S.DELIVERY: self.delivery,
            S.OUTCOME_AGREEMENT: self.outcome_agreement,
            S.FOLLOW_UP: self.follow_up,
        }
        for stage, day in self.dates.items():
            if stage in steps:
                steps[stage](day)
        if S.FIRST_CONTACT in self.dates and self.scenario.closure is None:
            self.rec.draft_note(self.casts.victim, max(self.dates.values()) + timedelta(days=3))

    def allocation(self, day: date) -> None:
        self.rec.risk(RiskKind.INITIAL, day - timedelta(days=1), assessor=self.staff_id)

    def first_contact(self, day: date) -> None:
        for cast in (*self.casts.victims, self.casts.offender):
            self.rec.contact(K.FIRST_CONTACT, M.PHONE, day, (cast.main,), cast=cast)
            self.rec.consent(cast, ConsentScope.TAKE_PART, day)
            self.rec.stage_note(cast, S.FIRST_CONTACT, day)

    def assessment(self, day: date) -> None:
        refused = self.scenario.closure is ClosureReason.CONSENT_REFUSED
        still_assessing = self.scenario.stage is S.ASSESSMENT and not refused
        for cast in (*self.casts.victims, self.casts.offender):
            attendees = tuple(p for p in (cast.main, cast.extra) if p is not None)
            self.rec.contact(K.OTHER, M.VISIT, day, attendees, cast=cast, summary="Assessment")
            completed = None if still_assessing else day
            self.rec.risk(RiskKind.SECONDARY, completed, assessor=self.rec.author, cast=cast)
            if refused and cast.side is Side.OFFENDER:
                self.rec.refuse_form(cast, day)
                continue
            self.rec.consent(cast, ConsentScope.CONFIDENTIALITY_FORM, day, signed=True)
            note = self.rec.stage_note(cast, S.ASSESSMENT, day)
            if (
                cast.side is Side.OFFENDER
                and len(self.dates) > 4
                and self.rec.ids.rng.random() < 0.6
            ):
                self.rec.amend(note, cast, day + timedelta(days=2))

    def preparation(self, day: date) -> None:
        rng = self.rec.ids.rng
        for cast in (self.casts.victim, self.casts.offender):
            attendees = tuple(p for p in (cast.main, cast.extra) if p is not None)
            self.rec.contact(K.PREPARATION_MEETING, M.VISIT, day, attendees, cast=cast)
            self.shares[cast.side] = self.rec.consent(
                cast, ConsentScope.SHARE_WITH_OTHER_PARTY, day, detail=SHARE_DETAIL[cast.side]
            )
            if cast.side is Side.VICTIM and cast.extra is not None:
                self.rec.consent(cast, ConsentScope.SUPPORTERS_ATTENDING, day)
            if cast.side is Side.VICTIM and rng.random() < 0.5:
                self.rec.consent(cast, ConsentScope.CASE_STUDY, day, detail=CASE_STUDY_DETAIL)
            if cast.side is Side.OFFENDER and rng.random() < 0.5:
                self.rec.consent(cast, ConsentScope.SHARE_WITH_AGENCY, day, detail=AGENCY_DETAIL)
            self.rec.stage_note(cast, S.PREPARATION, day)

    def delivery(self, day: date) -> None:
        victim, offender = self.casts.victim, self.casts.offender
        letter_risk = self.rec.risk(
            RiskKind.LETTER_SHARING,
            day - timedelta(days=3),
            assessor=self.rec.author,
            cast=offender,
        )
        question = self._exchange(ExchangeKind.SHUTTLE_MESSAGE, victim, offender, day)
        if self.scenario.withdraws:
            self.rec.withdraw(self.shares[Side.VICTIM], victim, day + timedelta(days=1))
            self._replace(question, question.move_custody(Custody.DESTROYED))
        else:
            self._replace(question, question.deliver(self.shares[Side.VICTIM], day))
        self.letter = self._exchange(
            ExchangeKind.APOLOGY_LETTER, offender, victim, day, risk=letter_risk
        )
        if self.scenario.withdraws:
            return
        if self.rec.ids.rng.random() < 0.6:
            both = (victim.main, offender.main)
            self.rec.contact(
                K.CONFERENCE, M.VISIT, day, both, cast=None, summary=CONFERENCE_SUMMARY
            )
        else:
            for cast in (victim, offender):
                self.rec.contact(K.SHUTTLE, M.PHONE, day, (cast.main,), cast=cast)
        for cast in (victim, offender):
            self.rec.stage_note(cast, S.DELIVERY, day + timedelta(days=1))

    def outcome_agreement(self, day: date) -> None:
        if self.letter is None:
            raise RuntimeError("the outcome agreement follows the letter's delivery")
        self.letter = self._replace(
            self.letter,
            self.letter.deliver(self.shares[Side.OFFENDER], day, LetterDelivery.READ_TO_RECIPIENT),
        )
        sink, case, rng = self.rec.sink, self.rec.case, self.rec.ids.rng
        responsible = self.casts.offender.party_file.id
        monitor = "Youth offending service" if self.casts.offender.main.is_child else "Facilitators"
        items: list[tuple[OutcomeKind, str, date | None, date | None]] = [
            (OutcomeKind.APOLOGY, "A letter of apology", None, day)
        ]
        for kind, description in OUTCOME_ITEMS:
            if kind == "reparation" or rng.random() < 0.5:
                items.append((OutcomeKind(kind), description, day + timedelta(days=60), None))
        for kind, description, due, done in items:
            sink.outcome_items.append(
                OutcomeItem(
                    id=self.rec.ids.new_id(),
                    case_id=case.id,
                    kind=kind,
                    description=description,
                    responsible_party_file_id=responsible,
                    due_on=due,
                    completed_on=done,
                    monitored_by=monitor,
                )
            )

    def follow_up(self, day: date) -> None:
        for cast in (self.casts.victim, self.casts.offender):
            self.rec.contact(K.FOLLOW_UP, M.PHONE, day, (cast.main,), cast=cast)
            self.rec.stage_note(cast, S.FOLLOW_UP, day)
        if self.scenario.closure is ClosureReason.COMPLETED:
            self._feedback(day)
            items = self.rec.sink.outcome_items
            for position, item in enumerate(items):
                if item.case_id == self.rec.case.id and item.completed_on is None:
                    items[position] = item.complete(day)

    def _feedback(self, day: date) -> None:
        """Each party's main participant gives feedback as the case closes."""
        for cast, satisfaction in (
            (self.casts.victim, Satisfaction.VERY_SATISFIED),
            (self.casts.offender, Satisfaction.SATISFIED),
        ):
            self.rec.sink.feedback.append(
                Feedback(
                    id=self.rec.ids.new_id(),
                    case_id=self.rec.case.id,
                    party_file_id=cast.party_file.id,
                    participant_id=cast.main.id,
                    recorded_on=day,
                    satisfaction=satisfaction,
                    would_recommend=True,
                    comments="Glad to have had the chance to talk it through.",
                    case_study=CaseStudyUse.ANONYMOUS,
                )
            )

    def _exchange(
        self,
        kind: ExchangeKind,
        source: FileCast,
        target: FileCast,
        day: date,
        risk: RiskAssessment | None = None,
    ) -> Exchange:
        made = create_exchange(
            kind=kind,
            source=source.party_file,
            target=target.party_file,
            content=EXCHANGE_CONTENT[kind],
            consent=self.shares[source.side],
            shared_by=self.rec.author,
            at=self.rec.at(day),
            risk_assessment=risk,
            writer_agreed=risk is not None,
        )
        exchange = dataclasses.replace(made, id=self.rec.ids.new_id())
        self.rec.sink.exchanges.append(exchange)
        return exchange

    def _replace(self, old: Exchange, new: Exchange) -> Exchange:
        exchanges = self.rec.sink.exchanges
        exchanges[exchanges.index(old)] = new
        return new
