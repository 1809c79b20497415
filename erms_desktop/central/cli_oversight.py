"""``erms-central oversight``: every case with the office's filters, as people write them
("first contact", --on-hold yes, --no-contact-days 30); the same service as the office API."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sqlalchemy.orm import Session

from erms_desktop.central import audit
from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.office import oversight
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.protocol.oversight import MAX_DAYS, OversightCase, OversightFilters

Command = Callable[[Session, CentralSettings, argparse.Namespace], str]
_YES_NO = {"yes": True, "y": True, "no": False, "n": False}


def stage_named(text: str) -> WorkflowStage:
    """A stage as written ("First contact", "first_contact"); unknown ones list the stages."""
    wanted = " ".join(text.replace("_", " ").lower().split())
    for stage in WorkflowStage:
        if wanted == stage.value.replace("_", " "):
            return stage
    names = ", ".join(stage.value.replace("_", " ") for stage in WorkflowStage)
    raise InvalidInputError(f"unknown stage {text.strip()!r}: give one of {names}")


def filters_from(a: argparse.Namespace) -> OversightFilters:
    on_hold = None
    if a.on_hold is not None:
        if a.on_hold.strip().lower() not in _YES_NO:
            raise InvalidInputError("--on-hold takes yes or no")
        on_hold = _YES_NO[a.on_hold.strip().lower()]
    days = a.no_contact_days
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise InvalidInputError(f"--no-contact-days takes a number of days from 1 to {MAX_DAYS}")
    return OversightFilters(
        stage=stage_named(a.stage) if a.stage else None,
        on_hold=on_hold,
        unallocated=a.unallocated,
        overdue=a.overdue,
        risk_review_due=a.risk_review_due,
        consent_missing=a.consent_missing,
        no_contact_days=days,
    )


def _line(c: OversightCase) -> str:
    stage = c.stage.value.replace("_", " ") + (" (on hold)" if c.on_hold else "")
    contact = c.last_contact_on.strftime("%d/%m/%Y") if c.last_contact_on else "none"
    needs = [
        *(f"{item} overdue" for item in c.overdue),
        *([f"{c.unallocated_files} file(s) unallocated"] if c.unallocated_files else []),
        *([f"{c.risk_reviews_due} risk review(s) due"] if c.risk_reviews_due else []),
        *([f"{c.consent_missing} without consent"] if c.consent_missing else []),
    ]
    return f"{c.service_reference:<12}  {stage:<28}  {contact:<12}  {'; '.join(needs) or '-'}"


def _oversight(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    actor: audit.Actor = s.info.get(audit.OPERATOR_INFO, audit.OPERATOR)
    found = oversight.cases(s, filters_from(a), actor)
    header = f"{'reference':<12}  {'stage':<28}  {'last contact':<12}  needs"
    return "\n".join([header, *map(_line, found), f"{len(found)} cases"])


OVERSIGHT_COMMANDS: dict[str, Command] = {"oversight": _oversight}
