"""What every casework service shares: the open vault, who is working, the clock, and the
separation checker for a party file (built from the *other* side's participants)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime

from erms_desktop.domain import Case, Participant, PartyFile
from erms_desktop.domain.records import E, Entity, kind_of
from erms_desktop.domain.separation import Finding, SeparationChecker
from erms_desktop.domain.separation.scope import free_texts, reading_file
from erms_desktop.service.case_loading import load_case
from erms_desktop.service.case_views import CaseView
from erms_desktop.service.casework_errors import (
    CaseNotFoundError,
    SeparationBlockedError,
    reasons_of,
)
from erms_desktop.vault import Store, Vault

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class CaseworkBase:
    def __init__(self, vault: Vault, user_id: str, clock: Clock = utc_now) -> None:
        self._vault = vault
        self.user_id = user_id
        self._clock = clock

    @property
    def store(self) -> Store:
        return self._vault.store  # VaultLockedError while locked

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    def load_case(self, case_id: str) -> CaseView:
        return dataclasses.replace(load_case(self.store, case_id), viewer_id=self.user_id)

    def local(self, cls: type[E], record_id: str, what: str) -> E:
        """The record, or :class:`CaseNotFoundError` saying ``what`` is not on this laptop."""
        found = self.store.find(cls, record_id)
        if found is None:
            raise CaseNotFoundError(f"that {what} is not on this laptop")
        return found

    def case(self, case_id: str) -> Case:
        return self.local(Case, case_id, "case")

    def party_file(self, party_file_id: str) -> PartyFile:
        return self.local(PartyFile, party_file_id, "party file")

    def other_side(self, party_file_id: str) -> list[Participant]:
        """Participants of every file of the case on the other side from ``party_file_id``."""
        own = self.party_file(party_file_id)
        return [
            person
            for pf in self.store.find_all(PartyFile, case_id=own.case_id)
            if pf.side is not own.side
            for person in self.store.find_all(Participant, party_file_id=pf.id)
        ]

    def case_participants(self, case_id: str) -> list[Participant]:
        """Everyone in the case, both sides (for text kept at case level)."""
        return [
            person
            for pf in self.store.find_all(PartyFile, case_id=case_id)
            for person in self.store.find_all(Participant, party_file_id=pf.id)
        ]

    def require_anonymous(self, case_id: str, text: str, what: str) -> None:
        """Refuse case-level text that identifies anyone on either side."""
        findings = SeparationChecker(self.case_participants(case_id)).check(text)
        _refuse_blocking(findings, f"the {what} must not identify either party")

    def checker_for(self, party_file_id: str) -> SeparationChecker:
        return SeparationChecker(self.other_side(party_file_id))

    def check_text(self, party_file_id: str, text: str) -> list[Finding]:
        return self.checker_for(party_file_id).check(text)

    def save(self, *entities: Entity) -> None:
        """Save records in one transaction after the store's own separation check on every
        free-text field that is new or changed (``domain.separation.scope`` names the fields
        and whose view they are read from), so nothing is queued that the store would refuse.
        The services' own checks come first with friendlier words; this one misses no field."""
        for entity in entities:
            self._require_separated(entity)
        self.store.save_many(entities)

    def _require_separated(self, entity: Entity) -> None:
        stored = self.store.find(type(entity), entity.id)
        old = set(free_texts(stored)) if stored is not None else set()
        texts = [text for text in free_texts(entity) if text and text not in old]
        if not texts:
            return
        party_file_id = reading_file(entity)
        what = kind_of(entity).replace("_", " ")
        for text in texts:
            if party_file_id is not None:
                self.require_clean(party_file_id, text, what)
            else:
                case_id = entity.id if isinstance(entity, Case) else getattr(entity, "case_id", "")
                self.require_anonymous(str(case_id), text, what)

    def require_clean(self, party_file_id: str, text: str, what: str) -> list[Finding]:
        """Refuse text with a blocking finding; return the warnings for the caller to judge."""
        findings = self.check_text(party_file_id, text)
        _refuse_blocking(
            findings, f"the {what} names or identifies someone from the other party's file"
        )
        return [f for f in findings if not f.blocking]


def _refuse_blocking(findings: list[Finding], message: str) -> None:
    """Raise :class:`SeparationBlockedError` with ``message`` and the blocking findings' reasons."""
    blocking = [f for f in findings if f.blocking]
    if blocking:
        raise SeparationBlockedError(message, reasons_of(blocking))
