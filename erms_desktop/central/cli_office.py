"""What the office's commands do: each builds the office API's message from human values and
calls the same service the API's route calls."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from erms_desktop.central import admin, audit
from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.office import allocation, assessment, listing, referrals
from erms_desktop.central.office.human import source_named, uk_date
from erms_desktop.central.settings import CentralSettings
from erms_desktop.protocol import office

Command = Callable[[Session, CentralSettings, argparse.Namespace], str]
M = TypeVar("M", bound=BaseModel)


def _message(model: type[M], **values: object) -> M:
    """The API's message, or one clear line naming what is wrong."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidInputError(f"{where}: {first['msg']}") from exc


def _actor(s: Session) -> audit.Actor:
    actor: audit.Actor = s.info.get(audit.OPERATOR_INFO, audit.OPERATOR)
    return actor


def _person(text: str) -> dict[str, object]:
    side, _, rest = text.partition(":")
    names, _, child = rest.partition(":")
    given, _, family = names.strip().rpartition(" ")
    if child not in ("", "child"):
        raise InvalidInputError(f"--person {text!r}: write side:Names or side:Names:child")
    return {
        "side": side.strip().lower(),
        "given_names": given,
        "family_name": family,
        "is_child": child == "child",
    }


def _create_referral(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    mediation = a.case_type == "mediation"  # --summary then describes the dispute
    form = _message(
        office.ReferralIntake,
        case_type=a.case_type,
        dispute_type=a.dispute_type,
        dispute_summary=a.summary if mediation else None,
        source=source_named(a.source),
        received_on=uk_date(a.received_on, "received date"),
        agency_reference=a.agency_reference,
        offence_type=a.offence_type,
        offence_summary=None if mediation else a.summary,
        offence_date=uk_date(a.offence_date, "offence date") if a.offence_date else None,
        flags=a.flags,
        people=[_person(p) for p in a.people],
        consent_at_referral=a.consent,
        lawful_basis=a.lawful_basis,
    )
    summary = referrals.take_in(s, form, _actor(s))
    rule = f"\n{summary.policy_rule}" if summary.policy_rule else ""
    return f"{summary.referral_id}{rule}"


def _referrals(s: Session, _cfg: CentralSettings, _a: argparse.Namespace) -> str:
    lines = ["referral_id                           received    status    people  source"]
    for r in referrals.listed(s, _actor(s)):
        received = r.received_on.strftime("%d/%m/%Y")
        lines.append(f"{r.referral_id}  {received}  {r.status:<8}  {r.people:>6}  {r.source_label}")
    return "\n".join(lines)


def _reject(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    body = _message(office.Rejection, reason=a.reason)
    referrals.reject(s, a.referral_id, body.reason, _actor(s))
    return f"referral {a.referral_id} rejected and destroyed (only a count is kept)"


def _accept(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    body = _message(
        office.Acceptance,
        service_reference=a.service_reference,
        justice_stage=a.justice_stage,
        policy_acknowledged=a.acknowledge_policy,
    )
    opened = referrals.accept(s, a.referral_id, body, _actor(s))
    files = [f"{f.side.value} file {f.party_file_id}" for f in opened.files]
    return "\n".join([f"case {opened.case_id}", *files])


def _assess(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    form = _message(
        office.InitialAssessment,
        outcome=a.outcome,
        completed_on=uk_date(a.completed_on, "completion date"),
        factors=a.factors,
        mitigations=a.mitigations,
    )
    return assessment.assess(s, a.party_file_id, form, _actor(s))


def _allocate(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    names = [a.username, *([a.co_facilitator] if a.co_facilitator else [])]
    ids = [admin.find_user(s, name).id for name in names]
    body = _message(office.AllocationRequest, user_ids=ids, party_file_id=a.party_file_id)
    allocation.allocate(s, a.case_id, body, _actor(s))
    return f"allocated to {' and '.join(names)}"


def _deallocate(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    user = admin.find_user(s, a.username)
    body = _message(office.Deallocation, user_id=user.id, reason=a.reason)
    allocation.deallocate(s, a.case_id, body, _actor(s))
    return f"case taken from {a.username}"


def _reallocate(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    from_id = admin.find_user(s, a.from_username).id
    to_id = admin.find_user(s, a.to_username).id
    body = _message(office.Reallocation, from_user_id=from_id, to_user_id=to_id, reason=a.reason)
    allocation.reallocate(s, a.case_id, body, _actor(s))
    return f"allocation moved from {a.from_username} to {a.to_username}"


def _cases(s: Session, _cfg: CentralSettings, _a: argparse.Namespace) -> str:
    lines = ["case_id                               reference   stage            facilitators"]
    for c in listing.cases(s, _actor(s)):
        hold = " (on hold)" if c.on_hold else ""
        stage = f"{c.stage}{hold}"
        lines.append(
            f"{c.case_id}  {c.service_reference:<10}  {stage:<15}  {len(c.facilitator_ids)}"
        )
    return "\n".join(lines)


def _users(s: Session, _cfg: CentralSettings, _a: argparse.Namespace) -> str:
    lines = ["username              role       devices  locked"]
    for u in listing.users(s, _actor(s)):
        lines.append(
            f"{u.username:<20}  {u.role:<9}  {u.devices:>7}  {'yes' if u.locked else 'no'}"
        )
    return "\n".join(lines)


def _caseload(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    user = admin.find_user(s, a.username)
    lines = ["reference   stage            holds"]
    for item in allocation.caseload(s, user.id, _actor(s)):
        side = item.side
        holds = "whole case" if side is None else f"{side.label if side.is_party else side} file"
        lines.append(f"{item.service_reference:<10}  {item.stage:<15}  {holds}")
    return "\n".join(lines)


OFFICE_COMMANDS: dict[str, Command] = {
    "create-referral": _create_referral,
    "referrals": _referrals,
    "reject-referral": _reject,
    "accept-referral": _accept,
    "assess": _assess,
    "allocate": _allocate,
    "deallocate": _deallocate,
    "reallocate": _reallocate,
    "cases": _cases,
    "users": _users,
    "caseload": _caseload,
}
