"""Contacts and meetings: the service's gates, judged on every record of the case the store holds.

A laptop sees only the files allocated to it, so it cannot be trusted to have checked that each
party present at a meeting had a completed secondary risk assessment, or that a joint record
has every party's consent to share. The store runs the domain's own
:func:`~erms_desktop.domain.integrity.contact_problems` over the whole case - every party file,
whoever may read it - and refuses with the domain's words, which name no record's content.
"""

from __future__ import annotations

from sqlalchemy import select

from erms_desktop.central.models import Record
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.central.rules.lookup import Lookup
from erms_desktop.domain.activity import Contact
from erms_desktop.domain.integrity import contact_problems
from erms_desktop.domain.records import Entity, from_fields

#: The kinds the meeting gates read; notes and documents are never decoded for them.
_GATE_KINDS = ("party_file", "participant", "consent", "risk_assessment")


def check(lookup: Lookup, after: Entity | None) -> None:
    if not isinstance(after, Contact):
        return
    problems = contact_problems(after, _case_records(lookup, after.case_id))
    if problems:
        raise RecordRefused(problems[0])


def _case_records(lookup: Lookup, case_id: str) -> list[Entity]:
    rows = lookup.session.scalars(
        select(Record).where(
            Record.case_id == case_id, Record.kind.in_(_GATE_KINDS), Record.deleted.is_(False)
        )
    )
    return [from_fields(row.kind, row.fields) for row in rows]
