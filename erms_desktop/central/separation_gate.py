"""The separation check again, on the store: a modified client cannot slip text past it.

Every free-text field of every kind is checked (``domain.separation.scope`` says which fields
and from whose view): text read by one side is checked against the participants of every file
on any *other* side of the same case (each party of a mediation is a side of its own);
case-level text against everyone in the case. A blocking
finding rejects the mutation. The reason names the kind of identifier and where it is, never the
matched text (reasons are stored).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from erms_desktop.central.models import Record
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.domain.parties import Participant
from erms_desktop.domain.records import Entity, from_fields, kind_of
from erms_desktop.domain.separation import SeparationChecker, has_blocking
from erms_desktop.domain.separation.scope import free_texts, reading_file

# Built once: every pushed record with free text runs it.
_PEOPLE = select(Record.kind, Record.id, Record.party_file_id, Record.fields).where(
    Record.case_id == bindparam("case_id"),
    Record.kind.in_(("party_file", "participant")),
    Record.deleted.is_(False),
)


def other_side_checker(
    session: Session, case_id: str, party_file_id: str | None
) -> SeparationChecker:
    """The checker for the other side of this file (every participant of the case when no file
    is given), built once per request from one query."""
    cache: dict[tuple[str, str | None], SeparationChecker] = session.info.setdefault(
        "erms_checkers", {}
    )
    if (case_id, party_file_id) in cache:
        return cache[case_id, party_file_id]
    rows = session.execute(_PEOPLE, {"case_id": case_id}).all()
    sides = {rid: fields.get("side") for kind, rid, _, fields in rows if kind == "party_file"}
    own_side = sides.get(party_file_id) if party_file_id is not None else None
    others = [
        fields
        for kind, _, file_id, fields in rows
        if kind == "participant"
        and (own_side is None or sides.get(file_id or "", own_side) != own_side)
    ]
    cache[case_id, party_file_id] = _BUILT.checker(others)
    return cache[case_id, party_file_id]


class _Built:
    """Checkers already built, keyed by the exact participant fields they were built from, so
    the notes pushed one after another into the same case build the matcher once, not once per
    push; a changed participant is a new key. A few dozen at most (least recently used go)."""

    SIZE = 64

    def __init__(self) -> None:
        self._checkers: OrderedDict[tuple[str, ...], SeparationChecker] = OrderedDict()
        self._lock = threading.Lock()

    def checker(self, participants: list[dict[str, Any]]) -> SeparationChecker:
        key = tuple(sorted(json.dumps(fields, sort_keys=True) for fields in participants))
        with self._lock:
            if key in self._checkers:
                self._checkers.move_to_end(key)
                return self._checkers[key]
        built = SeparationChecker(
            [
                entity
                for fields in participants
                if isinstance(entity := from_fields("participant", fields), Participant)
            ]
        )
        with self._lock:
            self._checkers[key] = built
            while len(self._checkers) > self.SIZE:
                self._checkers.popitem(last=False)
        return built


_BUILT = _Built()


def forget_checkers(session: Session) -> None:
    """Drop the request's checkers: a participant or party file is about to change, and a later
    mutation of the same push must be checked against the people as they will be."""
    session.info.pop("erms_checkers", None)


def check_texts(session: Session, case_id: str, before: Entity | None, after: Entity) -> None:
    """Refuse the record when a free-text value that is new or changed identifies someone its
    readers may not know about (text the store already held is not judged again)."""
    old = set(free_texts(before)) if before is not None else set()
    party_file_id = reading_file(after)
    for text in free_texts(after):
        if not text or text in old:
            continue
        findings = other_side_checker(session, case_id, party_file_id).check(text)
        if has_blocking(findings):
            blocking = [f for f in findings if f.severity == "block"]
            where = ", ".join(f"{f.kind} at {f.start}-{f.end}" for f in blocking[:5])
            whom = "someone in another party's file" if party_file_id else "a participant"
            what = kind_of(after).replace("_", " ")
            raise RecordRefused(f"separation: the {what} identifies {whom} ({where})")
