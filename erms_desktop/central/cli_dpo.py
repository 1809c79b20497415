"""What the data protection officer's commands do (their arguments: cli_dpo_parser.py). They
call the same services as the office API's routes and, like the routes, are administrators'
only; each search or export is audited as the ``--as`` administrator's."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.models import User
from erms_desktop.central.office import (
    audit_export,
    audit_search,
    erasure,
    subject_access,
    subject_bundle,
)
from erms_desktop.central.office.human import uk_date
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office_audit import AuditSearch, AuditSearchKind
from erms_desktop.protocol.office_subject import ErasureGround, ErasureRequest, SubjectQuery

Command = Callable[[Session, CentralSettings, argparse.Namespace], str]


def dpo_actor(session: Session) -> audit.Actor:
    """The ``--as`` account, refused unless it is an administrator's."""
    actor: audit.Actor = session.info.get(audit.OPERATOR_INFO, audit.OPERATOR)
    user = session.get(User, actor.user_id) if actor.user_id else None
    if user is None or user.role != UserRole.ADMIN.value:
        raise InvalidInputError("the data protection officer's tools need --as an administrator")
    return actor


def write_file(path: Path, content: bytes) -> None:
    """Write an output file the operator named, or say plainly why it cannot be written."""
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise InvalidInputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _audit_search(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    actor = dpo_actor(s)
    if a.laptop:
        contents = audit_search.laptop(s, a.laptop, actor)
        csv_text, pdf = audit_export.laptop_csv, audit_export.laptop_pdf
        return _output(a, csv_text(contents), lambda: pdf(contents))
    kind, subject = next(
        (kind, value)
        for kind, value in (
            (AuditSearchKind.CASE, a.case),
            (AuditSearchKind.RECORD, a.record),
            (AuditSearchKind.USER, a.user),
            (AuditSearchKind.DEVICE, a.device),
        )
        if value
    )
    query = AuditSearch(
        kind=kind,
        subject=subject,
        start=uk_date(a.start, "--from date") if a.start else None,
        end=uk_date(a.end, "--to date") if a.end else None,
    )
    result = audit_search.search(s, query, actor)
    return _output(a, audit_export.search_csv(result), lambda: audit_export.search_pdf(result))


def _output(a: argparse.Namespace, csv_text: str, pdf: Callable[[], bytes]) -> str:
    if a.pdf:
        write_file(Path(a.pdf), pdf())
        return f"written to {a.pdf}"
    return csv_text.rstrip("\n")


def _subject_access(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    actor = dpo_actor(s)
    if a.export:
        if not (a.received_on and a.pdf):
            raise InvalidInputError("--export needs --received-on DD/MM/YYYY and --pdf FILE")
        received = uk_date(a.received_on, "--received-on date")
        bundle = subject_bundle.build(s, a.export, received, actor)
        write_file(Path(a.pdf), subject_bundle.bundle_pdf(bundle))
        return f"subject access bundle written to {a.pdf}; request recorded as answered"
    query = SubjectQuery(
        name=a.name,
        date_of_birth=uk_date(a.dob, "--dob date") if a.dob else None,
        reference=a.reference,
    )
    found = subject_access.find(s, query, actor)
    lines = ["participant_id                        case        side      role        names"]
    for m in found.matches:
        born = f" born {m.date_of_birth:%d/%m/%Y}" if m.date_of_birth else ""
        lines.append(
            f"{m.participant_id}  {m.service_reference:<10}  {m.side:<8}  {m.role:<10}  "
            f"{m.names}{born}"
        )
    lines += [f"pending referral {r.referral_id} received {r.received_on}" for r in found.referrals]
    lines.append(
        f"{found.destroyed_referrals} rejected referrals were destroyed at rejection: "
        "only anonymous counts remain, which hold nothing about anyone"
    )
    return "\n".join(lines)


def _erase(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    actor = dpo_actor(s)
    if not a.confirm:
        raise InvalidInputError("erasure cannot be undone: add --confirm to go ahead")
    request = ErasureRequest(participant_id=a.participant_id, ground=ErasureGround(a.ground))
    result = erasure.erase(s, request, actor)
    return (
        f"erased: {result.records_tombstoned} records tombstoned (laptops drop them on their "
        f"next sync), {result.attachments_destroyed} uploads destroyed"
    )


DPO_COMMANDS: dict[str, Command] = {
    "audit-search": _audit_search,
    "subject-access": _subject_access,
    "erase-person": _erase,
}
