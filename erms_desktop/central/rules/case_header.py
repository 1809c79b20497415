"""The case header: stage moves from the workflow table, honest dates, and closure.

For everyone, the domain's :func:`~erms_desktop.domain.workflow.check_header_change` holds:
only the moves the workflow table allows (nothing follows closure) and no date in the future
or before the referral. A volunteer with the case allocated may in addition only

* move the stage, put the case on hold (with its reason and review date) or resume it, and
  set the next action;
* close the case with one of the reasons a facilitator closes for
  (``domain.workflow.VOLUNTEER_CLOSURE_REASONS``: completed, a party withdrew, consent
  refused, not suitable after risk assessment, no contact), from a stage the workflow table
  allows, dated no more than the offline lease before today; closing for a refused consent
  form also needs that refusal on the store (the app's ``record_form_refusal`` pushes both
  together). A safeguarding closure, or any other, is the office's decision;
* never set the dates the office records (received, allocated), the allocation, the referral,
  the references or the offence, and never change a closed case.

Retention destroys a case six years after its closure date, so these rules are what stops a
laptop from destroying a live case with a backdated closure.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Final

from sqlalchemy import select

from erms_desktop.central.access import Principal
from erms_desktop.central.models import Record
from erms_desktop.central.record_store import RecordRefused
from erms_desktop.central.rules.lookup import Lookup
from erms_desktop.domain.case import Case, Referral
from erms_desktop.domain.enums import ClosureReason, ConsentDecision, ConsentScope
from erms_desktop.domain.records import Entity
from erms_desktop.domain.workflow import VOLUNTEER_CLOSURE_REASONS, check_header_change

#: How long a laptop may work offline before it must reach the store (the offline lease).
OFFLINE_LEASE: Final = timedelta(days=30)
_VOLUNTEER_FIELDS: Final = frozenset(
    {"stage", "on_hold", "hold_reason", "hold_review_on", "next_action", "next_action_due"}
    | {"closed_on", "closure_reason"}
)


def check(
    lookup: Lookup, principal: Principal, before: Entity | None, after: Entity | None, today: date
) -> None:
    if not isinstance(after, Case) or (before is not None and not isinstance(before, Case)):
        return
    referral = lookup.find(Referral, after.referral_id, any_reader=True)
    check_header_change(
        before, after, today=today, referral_received_on=referral.received_on if referral else None
    )
    if principal.is_staff or before is None:
        return
    if before.is_closed:
        raise RecordRefused("a closed case changes only in the office")
    changed = {
        field.name
        for field in dataclasses.fields(Case)
        if getattr(before, field.name) != getattr(after, field.name)
    }
    if changed - _VOLUNTEER_FIELDS:
        raise RecordRefused(
            f"only office staff change a case's {', '.join(sorted(changed - _VOLUNTEER_FIELDS))}"
        )
    if after.is_closed:
        _check_volunteer_closure(lookup, after, today)


def _check_volunteer_closure(lookup: Lookup, case: Case, today: date) -> None:
    if case.closed_on is None:  # the domain's Case refuses this; checked here all the same
        raise RecordRefused("a closed case needs its closing date")
    if case.closure_reason not in VOLUNTEER_CLOSURE_REASONS:
        raise RecordRefused("only the office closes a case for that reason")
    if case.closed_on < today - OFFLINE_LEASE:
        raise RecordRefused("a case closed on a laptop is closed within the offline lease")
    refused = case.closure_reason is ClosureReason.CONSENT_REFUSED
    if refused and not _refusal_on_store(lookup, case):
        raise RecordRefused("closing for a refused consent form needs the refusal recorded first")


def _refusal_on_store(lookup: Lookup, case: Case) -> bool:
    fields = lookup.session.scalars(
        select(Record.fields).where(
            Record.case_id == case.id, Record.kind == "consent", Record.deleted.is_(False)
        )
    )
    return any(
        f.get("scope") == ConsentScope.CONFIDENTIALITY_FORM.value
        and f.get("decision") == ConsentDecision.REFUSED.value
        for f in fields
    )
