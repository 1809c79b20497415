"""How the demo generator records what facilitators do in a case: notes, amendments, contacts
with their time entries, consents (with signed-form scans), refusals, withdrawals and risk
assessments, each through the domain's own constructors and methods, so the demo data obeys the
same rules as real data. Ids and times come from the seeded source, never from the clock."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from erms_desktop.demo.people import IdentitySource
from erms_desktop.demo.text import (
    AMENDMENT_NOTE,
    DRAFT_NOTE,
    REFUSAL_NOTE,
    STAGE_NOTES,
    WITHDRAWAL_NOTE,
)
from erms_desktop.domain.activity import Contact, Document, OutcomeItem, TimeEntry
from erms_desktop.domain.case import Case, Referral
from erms_desktop.domain.consent import ConsentRecord, record_form_refusal
from erms_desktop.domain.enums import (
    ConsentAtReferral,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    ExpenseKind,
    ReferralSource,
    RiskKind,
    RiskOutcome,
    Side,
    WorkflowStage,
)
from erms_desktop.domain.exchange import Exchange
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.notes import Note
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.domain.risk import RiskAssessment

_ACTIVITY: dict[ContactKind, str] = {
    ContactKind.FIRST_CONTACT: "First contact",
    ContactKind.PREPARATION_MEETING: "Preparation meeting",
    ContactKind.CONFERENCE: "Restorative meeting",
    ContactKind.SHUTTLE: "Shuttle mediation",
    ContactKind.FOLLOW_UP: "Follow-up",
    ContactKind.OTHER: "Assessment visit",
}


#: A completed risk assessment is reviewed after a quarter (the oldest demo cases are due).
REVIEW_AFTER = timedelta(days=91)


@dataclass(slots=True)
class RecordSink:
    """Where the generator collects records, kind by kind, in the order they were made."""

    referrals: list[Referral] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    party_files: list[PartyFile] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    consents: list[ConsentRecord] = field(default_factory=list)
    risk_assessments: list[RiskAssessment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    outcome_items: list[OutcomeItem] = field(default_factory=list)
    time_entries: list[TimeEntry] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    document_contents: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Accepted:
    """A referral accepted into a new case: the case's id, the referral's and its reference."""

    case_id: str
    referral_id: str
    agency_reference: str


def accept_referral(
    ids: IdentitySource, sink: RecordSink, source: ReferralSource, on: date
) -> Accepted:
    """A referral from ``source`` received ``on`` (consent given), accepted into a new case."""
    reference = f"{source.name[:3]}/{on.year % 100:02d}/{ids.rng.randint(1, 99999):05d}"
    case_id = ids.new_id()
    referral = Referral(
        id=ids.new_id(),
        source=source,
        received_on=on,
        agency_reference=reference,
        consent_at_referral=ConsentAtReferral.GIVEN,
    )
    sink.referrals.append(referral.accept(case_id))
    return Accepted(case_id, referral.id, reference)


@dataclass(frozen=True, slots=True)
class FileCast:
    """One party file and the people in it: its victim or offender, and maybe one other."""

    party_file: PartyFile
    main: Participant
    extra: Participant | None = None

    @property
    def side(self) -> Side:
        return self.party_file.side

    def text(self, template: str) -> str:
        """The template with the main person's full name first, then their first name."""
        head, found, tail = template.partition("{main}")
        template = head + found + tail.replace("{main}", "{first}")
        first = self.main.preferred_name or self.main.given_names
        with_extra = f" and {self.extra.display_name}" if self.extra else ""
        return template.format(main=self.main.display_name, first=first, with_extra=with_extra)


class FileRecorder:
    """Records made in one case by its facilitators, with the seeded source of ids and times."""

    def __init__(self, ids: IdentitySource, sink: RecordSink, case: Case) -> None:
        self.ids = ids
        self.sink = sink
        self.case = case
        self.author = case.facilitator_ids[0] if case.facilitator_ids else ""

    def at(self, day: date) -> datetime:
        rng = self.ids.rng
        return datetime.combine(day, time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))), UTC)

    def note(self, cast: FileCast, template: str, day: date, *, final: bool = True) -> Note:
        draft = Note.draft(
            case_id=self.case.id,
            party_file_id=cast.party_file.id,
            author_id=self.author,
            body=cast.text(template),
            at=self.at(day),
        )
        note = dataclasses.replace(draft, id=self.ids.new_id())
        if final:
            note = note.finalise(note.created_at + timedelta(minutes=25))
        self.sink.notes.append(note)
        return note

    def amend(self, original: Note, cast: FileCast, day: date) -> None:
        draft = original.amend(
            author_id=self.author, body=cast.text(AMENDMENT_NOTE), at=self.at(day)
        )
        amendment = dataclasses.replace(draft, id=self.ids.new_id())
        self.sink.notes.append(amendment.finalise(amendment.created_at + timedelta(minutes=10)))

    def contact(
        self,
        kind: ContactKind,
        mode: ContactMode,
        day: date,
        attendees: tuple[Participant, ...],
        *,
        cast: FileCast | None,
        summary: str = "",
    ) -> None:
        minutes = self.ids.rng.choice((20, 30, 45)) if mode is ContactMode.PHONE else 90
        self.sink.contacts.append(
            Contact(
                id=self.ids.new_id(),
                case_id=self.case.id,
                kind=kind,
                mode=mode,
                held_on=day,
                duration_minutes=minutes,
                party_file_id=cast.party_file.id if cast else None,
                attendee_ids=tuple(p.id for p in attendees),
                summary=summary,
            )
        )
        self._log_time(day, _ACTIVITY[kind], minutes, mode is ContactMode.VISIT)

    def _log_time(self, day: date, activity: str, minutes: int, travelled: bool) -> None:
        rng = self.ids.rng
        parking = travelled and rng.random() < 0.3
        self.sink.time_entries.append(
            TimeEntry(
                id=self.ids.new_id(),
                case_id=self.case.id,
                volunteer_id=self.author,
                worked_on=day,
                activity=activity,
                minutes=minutes + (40 if travelled else 10),
                miles=round(rng.uniform(3, 28), 1) if travelled else 0.0,
                expense_kind=ExpenseKind.PARKING if parking else None,
                expense_pence=rng.choice((150, 220, 340)) if parking else 0,
            )
        )

    def consent(
        self,
        cast: FileCast,
        scope: ConsentScope,
        day: date,
        *,
        detail: str = "",
        signed: bool = False,
    ) -> ConsentRecord:
        evidence = self._signed_form_scan(cast, day) if signed else None
        record = ConsentRecord(
            id=self.ids.new_id(),
            case_id=self.case.id,
            party_file_id=cast.party_file.id,
            participant_id=cast.main.id,
            scope=scope,
            decision=ConsentDecision.GIVEN,
            method=ConsentMethod.SIGNED_FORM if signed else ConsentMethod.VERBAL,
            recorded_on=day,
            detail=detail,
            evidence_document_id=evidence,
        )
        self.sink.consents.append(record)
        return record

    def refuse_form(self, cast: FileCast, day: date) -> None:
        refusal, self.case = record_form_refusal(
            self.case, party_file_id=cast.party_file.id, participant_id=cast.main.id, on=day
        )
        self.sink.consents.append(dataclasses.replace(refusal, id=self.ids.new_id()))
        self.note(cast, REFUSAL_NOTE, day)

    def withdraw(self, consent: ConsentRecord, cast: FileCast, day: date) -> None:
        self.sink.consents[self.sink.consents.index(consent)] = consent.withdraw(day)
        self.note(cast, WITHDRAWAL_NOTE, day)

    def _signed_form_scan(self, cast: FileCast, day: date) -> str:
        document_id = self.ids.new_id()
        content = f"Synthetic demo scan {document_id}: signed consent form.\n".encode()
        digest = hashlib.sha256(content).hexdigest()
        self.sink.document_contents[digest] = content
        self.sink.documents.append(
            Document(
                id=document_id,
                case_id=self.case.id,
                party_file_id=cast.party_file.id,
                filename="consent-and-confidentiality-form.txt",
                media_type="text/plain",
                sha256=digest,
                size_bytes=len(content),
                added_at=self.at(day),
                description="Signed Consent and Confidentiality form (synthetic)",
            )
        )
        return document_id

    def risk(
        self,
        kind: RiskKind,
        day: date | None,
        *,
        assessor: str,
        cast: FileCast | None = None,
    ) -> RiskAssessment:
        """A completed assessment on ``day``, or one still in progress when ``day`` is None."""
        mitigate = self.ids.rng.random() < 0.4
        outcome = RiskOutcome.PROCEED_WITH_MITIGATIONS if mitigate else RiskOutcome.PROCEED
        assessment = RiskAssessment(
            id=self.ids.new_id(),
            case_id=self.case.id,
            kind=kind,
            assessor_id=assessor,
            party_file_id=cast.party_file.id if cast else None,
            factors=("Lives near the other party", "Previous contact between the parties"),
            mitigations=("Meet at a neutral venue", "Separate arrival and departure times")
            if mitigate
            else (),
            outcome=outcome if day else None,
            completed_on=day,
            review_on=day + REVIEW_AFTER if day else None,
        )
        self.sink.risk_assessments.append(assessment)
        return assessment

    def draft_note(self, cast: FileCast, day: date) -> None:
        self.note(cast, DRAFT_NOTE, day, final=False)

    def stage_note(self, cast: FileCast, stage: WorkflowStage, day: date) -> Note:
        return self.note(cast, STAGE_NOTES[cast.side][stage], day)
