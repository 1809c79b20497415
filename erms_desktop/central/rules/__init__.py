"""The domain's rules for every record kind, applied again to each pushed mutation.

A laptop can be lost, tampered with or run by the wrong person, so the store checks each
create, update and delete with the same domain functions the app uses (the workflow table,
the consent gate, the meeting gates, custody moves, consent withdrawal, the
separation checker), on the records *the store* holds - never on what the laptop says it
holds. A refusal raises :class:`~erms_desktop.central.record_store.RecordRefused`, which
the push answers as a ``rejected`` outcome with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from erms_desktop.central import attachments
from erms_desktop.central.access import Grants, Principal
from erms_desktop.central.record_store import RecordRefused, Scope
from erms_desktop.central.rules import (
    case_header,
    consent_exchange,
    links,
    meetings,
    time_entries,
    who,
)
from erms_desktop.central.rules.lookup import Lookup
from erms_desktop.central.separation_gate import check_texts, forget_checkers
from erms_desktop.domain.activity import Document
from erms_desktop.domain.errors import DomainError
from erms_desktop.domain.records import Entity


@dataclass(frozen=True, slots=True)
class Change:
    """One mutation as the rules see it: ``before`` None for a create, ``after`` None for a
    delete; both are entities decoded from the store's fields and the merged new fields."""

    kind: str
    scope: Scope
    before: Entity | None
    after: Entity | None


def check(session: Session, principal: Principal, grants: Grants, change: Change) -> None:
    """Refuse the change if any rule of its kind forbids it."""
    today: date = datetime.now(UTC).date()
    who.check(principal, change.kind, change.before, change.after)
    lookup = Lookup(session, grants)
    try:
        case_header.check(lookup, principal, change.before, change.after, today)
        consent_exchange.check(lookup, change.before, change.after, today)
        links.check(lookup, change.after)
        meetings.check(lookup, change.after)
        time_entries.check(lookup, principal, change.before, change.after)
    except DomainError as exc:
        raise RecordRefused(str(exc)) from exc
    if change.kind in {"participant", "party_file"}:
        forget_checkers(session)
    case_id = change.scope[0]
    if change.after is not None and case_id is not None:
        check_texts(session, case_id, change.before, change.after)
    _check_document_content(session, change)


def _check_document_content(session: Session, change: Change) -> None:
    """A document may name only content uploaded into its own party file."""
    after, before = change.after, change.before
    if isinstance(after, Document) and not (
        isinstance(before, Document) and before.sha256 == after.sha256
    ):
        attachments.require_uploaded(session, after.party_file_id, after.sha256)
