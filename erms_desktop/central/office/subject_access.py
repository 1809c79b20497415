"""Subject access: find a person across every case and pending referral, and keep the record
of each request answered (the bundle itself is subject_bundle.py, erasure erasure.py).

The record of a request is its audit entry (``subject_access_answered``: the participant's id
and the date the request was received; the entry's own time and user are when it was answered
and by whom). The audit log is append-only and chained, which is what such a record needs, and
it holds ids and dates only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.models import AuditEntry, Record, ReferralDetail, RejectionCount, User
from erms_desktop.central.office.actors import name_of
from erms_desktop.domain.enums import ParticipantRole, Side
from erms_desktop.protocol.office_subject import (
    AnsweredRequest,
    ReferralMatch,
    SubjectMatch,
    SubjectQuery,
    SubjectSearchResult,
)

ANSWERED = "subject_access_answered"
_ANSWER = re.compile(r"^participant (\S+) request received (\d{4}-\d{2}-\d{2})$")


def _words(*texts: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", " ".join(texts).casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return set(re.findall(r"[^\W_]+", plain))


def _matches(
    query: SubjectQuery, names: Iterable[str], born: object, references: Iterable[str]
) -> bool:
    if query.name.strip() and not _words(query.name) <= _words(*names):
        return False
    if query.date_of_birth and str(born or "") != query.date_of_birth.isoformat():
        return False
    wanted = query.reference.strip().casefold()
    return not wanted or wanted in {r.strip().casefold() for r in references if r}


def find(session: Session, query: SubjectQuery, actor: audit.Actor) -> SubjectSearchResult:
    """Every live participant and every pending referral's person matching all the given parts
    of the query, and the count of destroyed referrals (which hold nothing)."""
    if not (query.name.strip() or query.date_of_birth or query.reference.strip()):
        raise InvalidInputError("give a name, a date of birth or a reference to search for")
    rows = session.execute(
        select(Record.kind, Record.id, Record.case_id, Record.fields).where(
            Record.kind.in_(("participant", "party_file", "case")), Record.deleted.is_(False)
        )
    ).all()
    sides = {rid: f.get("side") for kind, rid, _, f in rows if kind == "party_file"}
    cases = {rid: f for kind, rid, _, f in rows if kind == "case"}
    matches = []
    for kind, rid, case_id, fields in rows:
        if kind != "participant" or case_id not in cases:
            continue
        case = cases[case_id]
        names = _names(fields)
        references = [*fields.get("references", []), case.get("service_reference", "")]
        if _matches(
            query, [*names, *fields.get("aliases", [])], fields.get("date_of_birth"), references
        ):
            matches.append(_match(rid, case_id, case, sides.get(fields["party_file_id"]), fields))
    referrals = _referrals(session, query)
    destroyed = session.scalar(select(func.coalesce(func.sum(RejectionCount.count), 0))) or 0
    audit.record(
        session,
        actor,
        "subject_access_search",
        f"{len(matches)} people, {len(referrals)} referrals",
        {m.case_id for m in matches},
    )
    return SubjectSearchResult(
        matches=sorted(matches, key=lambda m: (m.service_reference, m.side.value)),
        referrals=referrals,
        destroyed_referrals=int(destroyed),
        searched_at=datetime.now(UTC),
        searched_by=name_of(session, actor),
    )


def _names(fields: dict[str, Any]) -> list[str]:
    return [
        str(fields.get(key, ""))
        for key in ("given_names", "family_name", "preferred_name")
        if fields.get(key)
    ]


def _match(
    rid: str, case_id: str, case: dict[str, Any], side: object, fields: dict[str, Any]
) -> SubjectMatch:
    given = " ".join(str(fields.get(k, "")) for k in ("given_names", "family_name")).strip()
    preferred = fields.get("preferred_name")
    born = fields.get("date_of_birth")
    return SubjectMatch(
        participant_id=rid,
        case_id=case_id,
        service_reference=str(case.get("service_reference", "")),
        side=Side(str(side)),
        role=ParticipantRole(fields["role"]),
        names=f"{given} ({preferred})" if preferred else given,
        other_names=list(fields.get("aliases", [])),
        date_of_birth=date.fromisoformat(born) if born else None,
    )


def _referrals(session: Session, query: SubjectQuery) -> list[ReferralMatch]:
    rows = session.execute(
        select(Record.id, Record.fields, ReferralDetail.details)
        .join(ReferralDetail, ReferralDetail.referral_id == Record.id)
        .where(Record.kind == "referral", Record.deleted.is_(False))
    ).all()
    found = []
    for rid, fields, details in rows:
        if fields.get("status") == "accepted":
            continue  # its people are the case's participants, found above
        people = details.get("people", [])
        reference = details.get("agency_reference", "")
        if any(
            _matches(
                query,
                [p.get("given_names", ""), p.get("family_name", "")],
                p.get("date_of_birth"),
                [*p.get("references", []), reference],
            )
            for p in people
        ):
            found.append(
                ReferralMatch(
                    referral_id=rid,
                    received_on=date.fromisoformat(fields["received_on"]),
                    status=str(fields.get("status", "")),
                )
            )
    return found


def record_answer(
    session: Session, participant_id: str, received_on: date, case_id: str, actor: audit.Actor
) -> None:
    target = f"participant {participant_id} request received {received_on.isoformat()}"
    audit.record(session, actor, ANSWERED, target, [case_id])


def answered(session: Session, actor: audit.Actor) -> list[AnsweredRequest]:
    """Every request answered, newest first (reading the list is audited too)."""
    names = {row.id: row.username for row in session.execute(select(User.id, User.username))}
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.action == ANSWERED).order_by(AuditEntry.position.desc())
    ).all()
    found = []
    for entry in entries:
        parsed = _ANSWER.match(entry.target)
        if parsed is not None:
            found.append(
                AnsweredRequest(
                    participant_id=parsed.group(1),
                    received_on=date.fromisoformat(parsed.group(2)),
                    answered_at=entry.at,
                    answered_by=names.get(entry.user_id or "", "operator"),
                )
            )
    audit.record(session, actor, "subject_access_requests", f"{len(found)} requests")
    return found
