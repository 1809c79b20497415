"""The subject access bundle: everything held about one person, as a PDF, with the other
party's identifiers redacted.

What it holds: the person's participant record; the case's header; every record of their own
party file (notes, contacts, consents, risk assessments, documents' details...); and the
case-level records that name them or their file (exchanges to or from it, feedback...). The
other party's files are never read.

Every text goes through the separation engine's redaction, with the checker built from the
participants on the *other* side of the case (the store's own separation gate): a name, other
name, phone, address, date of birth or reference of the other party becomes "[the other
party]". A subject access response must never disclose the other party. Ids are left out (they
identify records, not people, and mean nothing to the reader).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.errors import NotFoundError
from erms_desktop.central.models import Record
from erms_desktop.central.office.actors import name_of
from erms_desktop.central.office.subject_access import record_answer
from erms_desktop.central.reports.pdf import Document
from erms_desktop.central.separation_gate import other_side_checker
from erms_desktop.domain.separation import SeparationChecker, redact

#: Own-file kinds in the order the bundle shows them, with their section and item headings.
SECTIONS = {
    "note": ("Notes", "Note"),
    "contact": ("Contacts", "Contact"),
    "consent": ("Consents", "Consent"),
    "risk_assessment": ("Risk assessments", "Risk assessment"),
    "document": ("Documents (details; copies of their content on request)", "Document"),
}
CASE_FIELDS = ("service_reference", "stage", "received_on", "closed_on", "closure_reason")


@dataclass(frozen=True, slots=True)
class Item:
    title: str
    lines: list[str]


@dataclass(frozen=True, slots=True)
class Bundle:
    person: str
    service_reference: str
    received_on: date
    answered_at: datetime
    answered_by: str
    sections: list[tuple[str, list[Item]]]


def build(session: Session, participant_id: str, received_on: date, actor: audit.Actor) -> Bundle:
    """Gather and redact; records the request as answered now by ``actor``."""
    person = session.get(Record, participant_id)
    if person is None or person.deleted or person.kind != "participant":
        raise NotFoundError("no such person (they may have been erased)")
    case_id, own_file = str(person.case_id), str(person.party_file_id)
    case = session.get(Record, case_id)
    checker = other_side_checker(session, case_id, own_file)
    clean = _Redactor(checker)
    sections: list[tuple[str, list[Item]]] = [
        ("Your record", [clean.item("Participant", person.fields)]),
    ]
    if case is not None:
        header = {k: case.fields.get(k) for k in CASE_FIELDS}
        header["offence"] = case.fields.get("offence", {})
        sections.append(("The case", [clean.item("Case", header)]))
    own = session.scalars(
        select(Record)
        .where(Record.party_file_id == own_file, Record.deleted.is_(False))
        .order_by(Record.kind, Record.updated_at)
    ).all()
    for kind, (heading, title) in SECTIONS.items():
        sections.append((heading, [clean.item(title, r.fields) for r in own if r.kind == kind]))
    shared = session.scalars(
        select(Record)
        .where(
            Record.case_id == case_id,
            Record.party_file_id.is_(None),
            Record.kind != "case",
            Record.deleted.is_(False),
        )
        .order_by(Record.kind, Record.updated_at)
    ).all()
    naming = [r for r in shared if _names_any(r.fields, {participant_id, own_file})]
    sections.append(
        (
            "Shared with or about you (exchanges, feedback, meetings)",
            [clean.item(r.kind.replace("_", " ").capitalize(), r.fields) for r in naming],
        )
    )
    record_answer(session, participant_id, received_on, case_id, actor)
    names = " ".join(str(person.fields.get(k, "")) for k in ("given_names", "family_name")).strip()
    return Bundle(
        person=names or str(person.fields.get("preferred_name", "")),
        service_reference=str(case.fields.get("service_reference", "")) if case else "",
        received_on=received_on,
        answered_at=datetime.now(UTC),
        answered_by=name_of(session, actor),
        sections=sections,
    )


def _names_any(fields: dict[str, Any], ids: set[str]) -> bool:
    """Whether any value of the record (lists included) is one of ``ids``."""
    for value in fields.values():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and v in ids for v in values):
            return True
    return False


class _Redactor:
    def __init__(self, checker: SeparationChecker) -> None:
        self._checker = checker

    def text(self, value: str) -> str:
        return redact(value, self._checker.check(value))

    def item(self, title: str, fields: dict[str, Any]) -> Item:
        lines = []
        for key, value in fields.items():
            if _is_id(key) or value in (None, "", [], {}):
                continue
            lines.append(f"{key.replace('_', ' ')}: {self.text(_plain(value))}")
        return Item(title, lines)


def _is_id(key: str) -> bool:
    return key in {"id", "sha256"} or key.endswith(("_id", "_ids", "_by"))


def _plain(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {_plain(v)}" for k, v in value.items() if v)
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value)
    return str(value)


def bundle_pdf(bundle: Bundle) -> bytes:
    answered = bundle.answered_at.strftime("%d/%m/%Y %H:%M UTC")
    doc = Document(
        "Subject access response",
        f"Subject access response, case {bundle.service_reference}, answered {answered}",
    )
    doc.heading("Subject access response", 16)
    doc.paragraph(f"About: {bundle.person} (case {bundle.service_reference})")
    doc.paragraph(f"Request received: {bundle.received_on.strftime('%d/%m/%Y')}")
    doc.paragraph(f"Answered: {answered} by {bundle.answered_by}")
    doc.paragraph(
        "This is everything the service holds about you. Anything that would identify the "
        "other party has been replaced by [the other party], as the law requires."
    )
    for heading, items in bundle.sections:
        doc.heading(heading, 12)
        if not items:
            doc.paragraph("None held.", 9)
        for item in items:
            doc.paragraph(item.title, 10, "bold")
            for line in item.lines:
                doc.paragraph(line, 9)
    return doc.to_bytes(bundle.answered_at)
