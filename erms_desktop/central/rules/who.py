"""Who may create, change and delete each record kind (beyond seeing it, see access.py).

Office staff (and admins) may do anything the kind's own rules allow. A volunteer:

* never creates or deletes a referral, case or party file, and changes none of them except
  the case header (see case_header.py);
* never deletes a consent record (it is withdrawn), an exchange (the record of what crossed),
  or a risk assessment;
* creates no initial risk assessment (the office's, before allocation);
* adds to a participant's identifiers but never rewrites or removes one: they are what the
  separation check looks for, so a laptop must not blind it before writing a name; for the
  same reason a volunteer never deletes a participant (the office entered them at intake);
* changes or deletes only their own time entries (their expense claims).

For every role: a completed risk assessment never changes (a review is a new assessment).
"""

from __future__ import annotations

from typing import Final

from erms_desktop.central.access import Principal
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.domain.activity import TimeEntry
from erms_desktop.domain.enums import RiskKind
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.records import Entity
from erms_desktop.domain.risk import RiskAssessment
from erms_desktop.domain.separation.identifiers import Identifiers, dropped_identifiers

_OFFICE_KINDS: Final = frozenset({"referral", "case", "party_file"})
_NEVER_DELETED: Final = frozenset({"consent", "exchange", "risk_assessment"})


def check(principal: Principal, kind: str, before: Entity | None, after: Entity | None) -> None:
    completed = isinstance(before, RiskAssessment) and before.is_completed
    if completed and after is not None and after != before:
        raise RecordRefused("a completed risk assessment never changes; add a review")
    if principal.is_staff:
        return
    what = kind.replace("_", " ")
    if kind in _OFFICE_KINDS and (before is None or after is None or kind != "case"):
        verb = "create" if before is None else "delete" if after is None else "change"
        raise RecordRefused(f"only office staff {verb} a {what}")
    if after is None and kind in _NEVER_DELETED:
        raise RecordRefused(f"a {what} is never deleted by a volunteer")
    if after is None and isinstance(before, Participant):
        raise RecordRefused("only office staff remove a participant")
    if before is None and isinstance(after, RiskAssessment) and after.kind is RiskKind.INITIAL:
        raise RecordRefused("only office staff make the initial risk assessment")
    if isinstance(before, Participant) and isinstance(after, Participant):
        dropped = dropped_identifiers(Identifiers.of(before), Identifiers.of(after))
        if dropped:
            raise RecordRefused(
                f"only office staff rewrite or remove a participant's {', '.join(dropped)}"
            )
    if isinstance(before, TimeEntry) and before.volunteer_id != principal.user_id:
        raise RecordRefused("a volunteer changes only their own time entries")
