"""The office's people and laptop commands on ``erms-central``: by username and asset tag,
dates as dd/mm/yyyy, each calling the same service as the office API's route."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central import admin, audit
from erms_desktop.central.cli_office import Command, _message
from erms_desktop.central.errors import NotFoundError
from erms_desktop.central.models import Device, User
from erms_desktop.central.office import laptops, people
from erms_desktop.central.settings import CentralSettings
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office_people import (
    LAPTOP_TERMS_VERSION,
    BreachSummary,
    LaptopIssue,
    LeaverSummary,
    NewPerson,
    TemporaryPassword,
)


def _actor(s: Session) -> audit.Actor:
    actor: audit.Actor = s.info.get(audit.OPERATOR_INFO, audit.OPERATOR)
    return actor


def _administrator(s: Session) -> bool:
    actor = _actor(s)
    user = None if actor.user_id is None else s.get(User, actor.user_id)
    return user is not None and user.role == UserRole.ADMIN


def _uk(moment: object) -> str:
    return "never" if moment is None else f"{moment:%d/%m/%Y %H:%M}"


def _password(made: TemporaryPassword) -> str:
    return (
        f"{made.username}: temporary password {made.temporary_password}\n"
        "Give it to them privately; they must choose their own at the first sign-in."
    )


def _add_person(s: Session, cfg: CentralSettings, a: argparse.Namespace) -> str:
    request = _message(NewPerson, username=a.username, role=a.role)
    return _password(people.create(s, cfg, request, _actor(s), administrator=_administrator(s)))


def _temporary_password(s: Session, cfg: CentralSettings, a: argparse.Namespace) -> str:
    user = admin.find_user(s, a.username)
    made = people.reset_password(s, cfg, user.id, _actor(s), administrator=_administrator(s))
    return _password(made)


def leaver_text(leaver: LeaverSummary) -> str:
    lines = [
        f"{leaver.username} disabled; {leaver.sessions_ended} sessions ended; "
        f"{len(leaver.laptops_revoked)} laptops revoked (each wipes itself at its next contact)."
    ]
    if leaver.allocations:
        lines.append("Reallocate:")
        for held in leaver.allocations:
            what = f"{held.side} file" if held.side else "whole case"
            lines.append(f"  {held.service_reference:<12} {what}  (case {held.case_id})")
    else:
        lines.append("No allocations to reallocate.")
    return "\n".join(lines)


def _disable(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    user = admin.find_user(s, a.username)
    return leaver_text(people.disable(s, user.id, _actor(s), administrator=_administrator(s)))


def _hours(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    user = admin.find_user(s, a.username)
    lines = ["month     entries  hours  miles"]
    for m in people.time_by_month(s, user.id, _actor(s)):
        month = f"{m.month[5:]}/{m.month[:4]}"
        lines.append(f"{month:<8}  {m.entries:>7}  {m.minutes / 60:>5.1f}  {m.miles:>5.1f}")
    return "\n".join(lines)


def _issue(s: Session, cfg: CentralSettings, a: argparse.Namespace) -> str:
    user = admin.find_user(s, a.username)
    request = _message(
        LaptopIssue,
        asset_tag=a.asset_tag,
        user_id=user.id,
        terms_version=LAPTOP_TERMS_VERSION,
        terms_accepted=True,
    )
    slip = laptops.issue(s, cfg, request, _actor(s))
    return (
        f"laptop {slip.asset_tag} for {slip.username}: enrolment code {slip.code}\n"
        f"Use it once, before {_uk(slip.expires_at)} (UTC). "
        f"Laptop terms version {slip.terms_version} accepted."
    )


def _laptops(s: Session, _cfg: CentralSettings, _a: argparse.Namespace) -> str:
    lines = ["asset_tag     volunteer     last contact      version   state"]
    for laptop in laptops.laptops(s, _actor(s)):
        if laptop.device_id is None:
            state = "issued, awaiting enrolment"
        elif laptop.revoked_at is not None:
            state = "revoked, wiped at contact" if laptop.wipe_sent_at else "revoked"
        elif laptop.lease_expired:
            state = "offline lease ended"
        else:
            state = (
                f"lease to {laptop.lease_ends_on:%d/%m/%Y}" if laptop.lease_ends_on else "in use"
            )
        if laptop.pending_check_in:
            state += ", due back for check-in"
        lines.append(
            f"{laptop.asset_tag:<12}  {laptop.username:<12}  {_uk(laptop.last_contact):<16}  "
            f"{laptop.app_version or '-':<8}  {state}"
        )
    return "\n".join(lines)


def _device(s: Session, laptop: str) -> Device:
    """The laptop by asset tag (the one not yet revoked, else the newest) or device id."""
    found = s.get(Device, laptop)
    if found is not None:
        return found
    tagged = s.scalars(
        select(Device)
        .where(Device.asset_tag == laptop)
        .order_by(Device.revoked_at.is_(None).desc(), Device.enrolled_at.desc())
    ).first()
    if tagged is None:
        raise NotFoundError(f"no enrolled laptop {laptop!r}: see erms-central laptops")
    return tagged


def breach_text(summary: BreachSummary) -> str:
    state = "not revoked"
    if summary.revoked_at is not None:
        state = "already revoked" if summary.already_revoked else "revoked now"
    lines = [
        f"laptop {summary.asset_tag} ({summary.username}): {state}",
        f"last contact {_uk(summary.last_contact)}; on it then:",
    ]
    for case in summary.cases:
        files = [f"{f.side} file" for f in case.party_files]
        held = ", ".join([*(["case records"] if case.case_records else []), *files])
        lines.append(f"  {case.service_reference:<12} {held}")
    if not summary.cases:
        lines.append("  no case data")
    return "\n".join(lines)


def _revoke(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    return breach_text(laptops.revoke(s, _device(s, a.laptop).id, _actor(s)))


def _breach(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    return breach_text(laptops.breach_summary(s, _device(s, a.laptop).id, _actor(s)))


PEOPLE_COMMANDS: dict[str, Command] = {
    "add-person": _add_person,
    "temporary-password": _temporary_password,
    "disable-leaver": _disable,
    "hours": _hours,
    "issue-laptop": _issue,
    "laptops": _laptops,
    "revoke-laptop": _revoke,
    "breach-summary": _breach,
}
