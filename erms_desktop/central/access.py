"""Who may see and change which records.

Staff and admins see everything. A volunteer sees what is allocated to them:

* a **case allocation** gives every record of the case;
* a **party-file allocation** gives that file's records, the case header and the case-level
  records (joint meetings, outcome items, exchanges, time entries): those hold only what both
  parties agreed to share, by design. It never gives the other party's file, participants, notes
  or documents - not even the other file's header.

Referrals are staff-only. A volunteer writes only what they can see, may not create cases, and
may change the case header only with a case allocation.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from erms_desktop.central.audit import Actor
from erms_desktop.central.errors import ForbiddenError
from erms_desktop.central.models import Allocation, Record
from erms_desktop.domain.enums import UserRole


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a session belongs to. ``device_id`` is the enrolled laptop the session was opened
    on, or None for an office session (staff signed in on an office machine, no laptop)."""

    user_id: str
    role: UserRole
    device_id: str | None

    @property
    def is_staff(self) -> bool:
        return self.role in (UserRole.STAFF, UserRole.ADMIN)

    def laptop(self) -> str:
        """The enrolled laptop behind this session, for what only a laptop may do (sync, its
        attachments); an office session is refused: it keeps no case data, so it has nothing to
        sync."""
        if self.device_id is None:
            raise ForbiddenError("this needs an enrolled laptop: office sign-in does not sync")
        return self.device_id

    @property
    def actor(self) -> Actor:
        """Who the audit log names for this principal's actions."""
        return Actor(self.user_id, self.device_id)


@dataclass(frozen=True, slots=True)
class Grants:
    everything: bool
    cases: frozenset[str]
    files: frozenset[str]
    file_cases: frozenset[str]  # cases reached only through a party-file allocation

    def can_read(self, kind: str, case_id: str | None, party_file_id: str | None) -> bool:
        if self.everything:
            return True
        if case_id is None or kind == "referral":
            return False
        if case_id in self.cases:
            return True
        if party_file_id is not None and party_file_id in self.files:
            return True
        return case_id in self.file_cases and party_file_id is None

    def can_write(self, kind: str, case_id: str | None, party_file_id: str | None) -> bool:
        if self.everything:
            return True
        if kind == "case":
            return case_id in self.cases
        return self.can_read(kind, case_id, party_file_id)

    def can_read_case(self, case_id: str) -> bool:
        return self.everything or case_id in self.cases or case_id in self.file_cases

    def visible(self) -> ColumnElement[bool]:
        """The same rule as :meth:`can_read`, as a SQL condition on ``records``."""
        if self.everything:
            return true()
        if not (self.cases or self.file_cases):
            return false()
        return and_(
            Record.kind != "referral",
            or_(
                Record.case_id.in_(self.cases),
                Record.party_file_id.in_(self.files),
                and_(Record.case_id.in_(self.file_cases), Record.party_file_id.is_(None)),
            ),
        )


def load_grants(session: Session, principal: Principal) -> Grants:
    if principal.is_staff:
        return Grants(True, frozenset(), frozenset(), frozenset())
    rows = session.execute(
        select(Allocation.case_id, Allocation.party_file_id).where(
            Allocation.user_id == principal.user_id
        )
    ).all()
    cases = frozenset(case_id for case_id, file_id in rows if file_id is None)
    files = frozenset(file_id for _, file_id in rows if file_id is not None)
    file_cases = frozenset(case_id for case_id, file_id in rows if file_id is not None) - cases
    return Grants(False, cases, files, file_cases)
