"""Text that leaves the vault: a party file for a PDF (full or redacted) and the initials-only
copy of a note for external email.

Whatever the mode, the last step runs the separation checker for the *other* side over the
finished text and redacts every blocking finding, so no export carries the other party's
identifiers even if something slipped into the file by another path.
"""

from __future__ import annotations

from dataclasses import dataclass

from erms_desktop.domain import Case
from erms_desktop.domain.separation import SeparationChecker, initials_only, redact
from erms_desktop.service.case_views import CaseView, FileView


@dataclass(frozen=True, slots=True)
class ExportText:
    title: str
    body: str  # plain text, one paragraph per line


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def about(case: Case) -> str:
    """The case's offence, or for mediation its dispute type (never an offence)."""
    if case.offence is None:
        dispute = _label(case.dispute_type.value) if case.dispute_type else "-"
        return f"Mediation: {dispute} dispute"
    return f"Offence: {_label(case.offence.type.value)}"


def party_file_lines(view: CaseView, file_view: FileView, *, redacted: bool) -> list[str]:
    def person(pid: str) -> str:
        for p in file_view.participants:
            if p.id == pid:
                return p.initials if redacted else p.display_name
        return "someone in this file"

    case = view.case
    lines = [
        f"Service reference: {case.service_reference}",
        about(case),
        f"Stage: {_label(case.stage.value)}",
        "",
        "Participants:",
    ]
    lines += [f"  {person(p.id)} ({_label(p.role.value)})" for p in file_view.participants]
    lines += ["", "Notes:"]
    for note in file_view.notes:
        amend = " (amendment)" if note.amends_note_id else ""
        lines.append(f"  {(note.finalised_at or note.created_at):%d/%m/%Y %H:%M}{amend}")
        lines += [f"    {line}" for line in note.body.splitlines()]
    lines += ["", "Contacts and meetings:"]
    lines += [
        f"  {c.held_on:%d/%m/%Y} {_label(c.kind.value)} by {c.mode.value}, {c.duration_minutes} min"
        for c in file_view.contacts
    ]
    lines += ["", "Consent:"]
    lines += [
        f"  {c.recorded_on:%d/%m/%Y} {person(c.participant_id)}: {_label(c.scope.value)}"
        f" {c.decision.value} ({c.method.value.replace('_', ' ')})"
        + (f", withdrawn {c.withdrawn_on:%d/%m/%Y}" if c.withdrawn_on else "")
        for c in file_view.consents
    ]
    lines += ["", "Documents:"]
    lines += [f"  {d.filename} ({d.size_bytes} bytes)" for d in file_view.documents]
    return lines


def party_file_export(view: CaseView, party_file_id: str, *, redacted: bool) -> ExportText:
    file_view = view.file(party_file_id)
    side = _label(file_view.party_file.side.value)
    text = "\n".join(party_file_lines(view, file_view, redacted=redacted))
    if redacted:
        text = initials_only(scrub_other_side(view, party_file_id, text), file_view.participants)
    title = f"{view.case.service_reference} - {side} file" + (" (redacted)" if redacted else "")
    return ExportText(title, scrub_other_side(view, party_file_id, text))


def scrub_other_side(view: CaseView, party_file_id: str, text: str) -> str:
    checker = SeparationChecker(view.other_side(party_file_id))
    return redact(text, checker.check(text))


def external_email_copy(view: CaseView, party_file_id: str, text: str) -> str:
    """The other party becomes "[the other party]"; this file's people become initials and
    their other identifiers are withheld."""
    own = view.file(party_file_id).participants
    return initials_only(scrub_other_side(view, party_file_id, text), own)
