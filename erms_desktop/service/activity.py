"""Contacts and meetings, outcome agreement items, and time and mileage."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from erms_desktop.domain import (
    ConsentRecord,
    Contact,
    Document,
    Feedback,
    OutcomeItem,
    Participant,
    PartyFile,
    RiskAssessment,
    TimeEntry,
    monthly_totals,
)
from erms_desktop.domain.activity import month_of, submission_problem
from erms_desktop.domain.enums import (
    CaseStudyUse,
    ContactKind,
    ContactMode,
    ExpenseKind,
    OutcomeKind,
    Satisfaction,
)
from erms_desktop.domain.integrity import contact_problems, feedback_problems
from erms_desktop.domain.records import Entity
from erms_desktop.service.casework_base import CaseworkBase
from erms_desktop.service.casework_errors import CaseNotFoundError, CaseworkError


class MonthSubmittedError(CaseworkError):
    """The month's time and expenses are submitted: its entries are locked for the volunteer."""


class NotYourEntryError(CaseworkError):
    """A volunteer tried to change someone else's time entry (their expense claim)."""


class MeetingGateError(CaseworkError):
    """A meeting the service's gates forbid: no secondary risk assessment for a party present,
    a joint record without consent to share, or a remote meeting without its precautions."""


class ActivityMixin(CaseworkBase):
    def add_contact(
        self,
        case_id: str,
        kind: ContactKind,
        mode: ContactMode,
        held_on: date,
        minutes: int,
        *,
        party_file_id: str | None = None,
        attendee_ids: Sequence[str] = (),
        summary: str = "",
        reminded_not_to_record: bool = False,
        private_location_confirmed: bool = False,
    ) -> Contact:
        """A preparation contact in one file, or (no file) a joint meeting at case level, whose
        summary may identify nobody: it records only what both parties agreed to share."""
        kind, mode = ContactKind(kind), ContactMode(mode)
        case = self.case(case_id)
        if summary and party_file_id is not None:
            self.require_clean(party_file_id, summary, "contact summary")
        elif summary:
            self.require_anonymous(case.id, summary, "joint meeting summary")
        contact = Contact(
            id=str(uuid.uuid4()),
            case_id=case.id,
            kind=kind,
            mode=mode,
            held_on=held_on,
            duration_minutes=minutes,
            party_file_id=party_file_id,
            attendee_ids=tuple(attendee_ids),
            summary=summary,
            reminded_not_to_record=reminded_not_to_record,
            private_location_confirmed=private_location_confirmed,
        )
        problems = contact_problems(contact, self._case_records(case.id))
        if problems:
            raise MeetingGateError(problems[0][:1].upper() + problems[0][1:] + ".")
        self.save(contact)
        return contact

    def _case_records(self, case_id: str) -> list[Entity]:
        """What the meeting gates read: the case's files, people, consents and assessments."""
        files = self.store.find_all(PartyFile, case_id=case_id)
        people = [p for f in files for p in self.store.find_all(Participant, party_file_id=f.id)]
        return [
            *files,
            *people,
            *self.store.find_all(ConsentRecord, case_id=case_id),
            *self.store.find_all(RiskAssessment, case_id=case_id),
        ]

    def record_feedback(
        self,
        participant_id: str,
        satisfaction: Satisfaction,
        would_recommend: bool,
        *,
        comments: str = "",
        case_study: CaseStudyUse = CaseStudyUse.NOT_AGREED,
        written_permission_document_id: str | None = None,
    ) -> Feedback:
        """A participant's feedback at closure, filed in their own party file."""
        person = self.local(Participant, participant_id, "participant")
        party_file = self.party_file(person.party_file_id)
        if comments:
            self.require_clean(party_file.id, comments, "feedback")
        feedback = Feedback(
            id=str(uuid.uuid4()),
            case_id=party_file.case_id,
            party_file_id=party_file.id,
            participant_id=person.id,
            recorded_on=self.today(),
            satisfaction=Satisfaction(satisfaction),
            would_recommend=would_recommend,
            comments=comments,
            case_study=CaseStudyUse(case_study),
            written_permission_document_id=written_permission_document_id,
        )
        documents = self.store.find_all(Document, party_file_id=party_file.id)
        problems = feedback_problems(feedback, [person, *documents])
        if problems:
            raise CaseworkError(problems[0][:1].upper() + problems[0][1:] + ".")
        self.save(feedback)
        return feedback

    def add_outcome_item(
        self,
        case_id: str,
        kind: OutcomeKind,
        description: str,
        responsible_party_file_id: str,
        due_on: date | None = None,
        *,
        signed_by: tuple[str, ...] = (),
    ) -> OutcomeItem:
        """An item of the outcome agreement, signed by the parties whose files ``signed_by``
        names (any or all of them: both sides, or every party of a mediation)."""
        kind = OutcomeKind(kind)
        responsible = self.party_file(responsible_party_file_id)
        files = [responsible, *(self.party_file(f) for f in signed_by)]
        if any(f.case_id != case_id for f in files):
            raise CaseNotFoundError("the responsible or signing party file is not in this case")
        self.require_anonymous(case_id, description, "outcome agreement item")
        item = OutcomeItem(
            id=str(uuid.uuid4()),
            case_id=case_id,
            kind=kind,
            description=description,
            responsible_party_file_id=responsible.id,
            due_on=due_on,
            signed_by_party_file_ids=tuple(signed_by),
        )
        self.save(item)
        return item

    def complete_outcome_item(self, item_id: str, on: date | None = None) -> OutcomeItem:
        done = self.local(OutcomeItem, item_id, "outcome item").complete(on or self.today())
        self.save(done)
        return done

    def add_time(
        self,
        case_id: str,
        worked_on: date,
        activity: str,
        minutes: int,
        *,
        miles: float = 0.0,
        expense_kind: ExpenseKind | None = None,
        expense_pence: int = 0,
    ) -> TimeEntry:
        expense_kind = None if expense_kind is None else ExpenseKind(expense_kind)
        entry = TimeEntry(
            id=str(uuid.uuid4()),
            case_id=self.case(case_id).id,
            volunteer_id=self.user_id,
            worked_on=worked_on,
            activity=activity,
            minutes=minutes,
            miles=miles,
            expense_kind=expense_kind or (ExpenseKind.MILEAGE if miles else None),
            expense_pence=expense_pence,
        )
        self._check_submission(None, entry)
        self.save(entry)
        return entry

    def correct_time(self, entry_id: str, **changes: Any) -> TimeEntry:
        """Correct one of the volunteer's own entries until its month is submitted (the store
        refuses anyone else's, and a submitted one)."""
        before = self._own_entry(entry_id)
        if changes.get("expense_kind") is not None:
            changes["expense_kind"] = ExpenseKind(changes["expense_kind"])
        after = dataclasses.replace(before, **changes)
        self._check_submission(before, after)
        self.save(after)
        return after

    def remove_time(self, entry_id: str) -> None:
        self._check_submission(self._own_entry(entry_id), None)
        self.store.delete(TimeEntry, entry_id)

    def submit_month(self, year: int, month: int) -> int:
        """Submit the volunteer's time and expenses for a month, on every case: each of their
        entries that month is marked submitted today and locked from then on. Returns how many
        entries were submitted."""
        entries = [
            dataclasses.replace(e, submitted_on=self.today())
            for e in self._mine()
            if month_of(e) == (year, month) and e.submitted_on is None
        ]
        if not entries:
            raise MonthSubmittedError(
                f"there is no unsubmitted time for {date(year, month, 1):%B %Y}"
            )
        self.save(*entries)
        return len(entries)

    def submitted_months(self) -> set[tuple[int, int]]:
        return {month_of(e) for e in self._mine() if e.submitted_on is not None}

    def _mine(self) -> list[TimeEntry]:
        return [e for e in self.store.find_all(TimeEntry) if e.volunteer_id == self.user_id]

    def _check_submission(self, before: TimeEntry | None, after: TimeEntry | None) -> None:
        problem = submission_problem(before, after, self.submitted_months())
        if problem is not None:
            raise MonthSubmittedError(problem)

    def _own_entry(self, entry_id: str) -> TimeEntry:
        entry = self.local(TimeEntry, entry_id, "time entry")
        if entry.volunteer_id != self.user_id:
            raise NotYourEntryError("you correct or remove only your own time entries")
        return entry

    def month_totals(self, year: int, month: int) -> tuple[int, float, int]:
        """This volunteer's minutes, miles and pence claimed in a month, across all cases."""
        return monthly_totals(self._mine(), year, month)
