"""The words of the attention panel: what a record is ("your note of 12/03 on the victim file of
ERMS-2025-0003"), why work was kept for the office, and why a case left the laptop. Plain
English, no record kinds or codes; nothing from a record's text, only its date and its file."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from datetime import datetime

from erms_desktop.domain.enums import Side

_KINDS = {
    "case": "case details",
    "participant": "details of a participant",
    "contact": "record of a contact",
    "consent": "consent record",
    "risk_assessment": "risk assessment",
    "document": "document",
    "time_entry": "time and expenses entry",
    "outcome_item": "outcome agreement item",
    "party_file": "party file",
}
_LEFT = {
    "deallocated": "the office took it off your list",
    "closed": "the case was closed",
    "retention": "its retention period ended",
}
_SCOPE_REASON = re.compile(r"left your scope \((\w+)\)")


def describe(
    kind: str, fields: Mapping[str, object], file_sides: Mapping[str, str], reference: str
) -> str:
    """``Your note of 12/03 on the victim file of ERMS-2025-0003``, or as much as is known."""
    if kind == "note":
        what = "Your note"
        created = fields.get("created_at")
        if isinstance(created, str):
            with contextlib.suppress(ValueError):  # no date then
                what += f" of {datetime.fromisoformat(created):%d/%m}"
        side = file_sides.get(str(fields.get("party_file_id", "")))
        if side:
            what += f" on the {_side_words(side)} file"
        return f"{what} of {reference}" if reference else what
    what = f"Your {_KINDS.get(kind, kind.replace('_', ' '))}"
    return f"{what} on {reference}" if reference else what


#: A mediation party's file by its neutral name ("on the Party A file"), never its code.
_PARTY_NAMES = {side.value: side.label for side in Side.parties()}


def _side_words(value: str) -> str:
    return _PARTY_NAMES.get(value, value)


def why_kept(reason: str) -> str:
    """Why quarantined work is kept for the office, from the reason the vault recorded."""
    scope = _SCOPE_REASON.search(reason)
    if scope is not None:
        return f"The case left this laptop: {_LEFT.get(scope.group(1), 'the office removed it')}."
    return f"You left it for the office after it was refused ({reason.rstrip('.')})."


def why_left(reference: str, reason: str, kept: bool) -> str:
    """The one-line notice for a case the office took away."""
    case = reference or "A case"
    said = f"{case} was removed from this laptop: {_LEFT.get(reason, 'the office removed it')}."
    if kept:
        return f"{said} Your unsent work on it was kept for the office."
    return f"{said} Nothing of yours was waiting to be sent."
