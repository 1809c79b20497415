"""What each erms-central command does (imported only when a command runs)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from erms_desktop.central import admin, audit, migrate, retention
from erms_desktop.central.audit_seal import seal_from
from erms_desktop.central.cli import CHANGING
from erms_desktop.central.cli_dpo import DPO_COMMANDS, write_file
from erms_desktop.central.cli_office import OFFICE_COMMANDS, Command
from erms_desktop.central.cli_office_people import PEOPLE_COMMANDS
from erms_desktop.central.cli_oversight import OVERSIGHT_COMMANDS
from erms_desktop.central.db import make_engine, make_session_factory, transaction
from erms_desktop.central.errors import CentralError, ConfigurationError, InvalidInputError
from erms_desktop.central.models import User
from erms_desktop.central.retention_review import inactive_cases
from erms_desktop.central.settings import CentralSettings, load_settings
from erms_desktop.domain.enums import UserRole


def _password_from_stdin() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise InvalidInputError("give the password on stdin")
    return line


def _create_user(s: Session, cfg: CentralSettings, a: argparse.Namespace) -> str:
    user = admin.create_user(s, cfg, a.username, a.role, _password_from_stdin())
    return f"created {user.role} {user.username} ({user.id})"


def _reset(s: Session, cfg: CentralSettings, a: argparse.Namespace) -> str:
    admin.reset_password(s, cfg, a.username, _password_from_stdin())
    return f"password reset for {a.username}: they must change it at the next sign-in"


def _code(s: Session, cfg: CentralSettings, a: argparse.Namespace) -> str:
    return admin.create_enrolment_code(s, cfg, a.username, a.asset_tag)


def _devices(s: Session, _cfg: CentralSettings, _a: argparse.Namespace) -> str:
    lines = ["device_id                             user        asset_tag   last_seen  revoked"]
    for d in admin.list_devices(s):
        seen = d.last_seen_at.isoformat(timespec="minutes") if d.last_seen_at else "never"
        revoked = d.revoked_at.isoformat(timespec="minutes") if d.revoked_at else "-"
        lines.append(f"{d.device_id}  {d.username:<10}  {d.asset_tag:<10}  {seen}  {revoked}")
    return "\n".join(lines)


def _revoke(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    revoked = admin.revoke_device(s, a.device_id)
    return "already revoked" if revoked.already else f"device {a.device_id} revoked"


def _verify(s: Session, _cfg: CentralSettings, _a: argparse.Namespace) -> str:
    return f"audit log intact: {audit.verify(s)} entries"


def _retention(s: Session, cfg: CentralSettings, a: argparse.Namespace) -> str:
    if not a.dry_run:
        return repr(retention.run_retention(s, cfg))
    plan, report = retention.dry_run_plan(s, cfg)
    lines = [f"dry run, nothing changed: {report!r}"]
    lines += [f"would destroy case {c}" for c in plan.cases]
    lines += [f"would destroy referral {r}" for r in plan.referrals + plan.rejected_referrals]
    lines += [f"would remove case {c} from laptops" for c in plan.leaving_laptops]
    return "\n".join(lines)


def _inactive(s: Session, cfg: CentralSettings, _a: argparse.Namespace) -> str:
    lines = ["case_id                               stage            last_activity  days"]
    for c in inactive_cases(s, cfg, audit.OPERATOR):
        lines.append(
            f"{c.case_id}  {c.stage:<15}  {c.last_activity.isoformat()}     {c.days_inactive}"
        )
    return "\n".join(lines)


def _report(s: Session, _cfg: CentralSettings, a: argparse.Namespace) -> str:
    from erms_desktop.central.reports import monthly

    actor: audit.Actor = s.info.get(audit.OPERATOR_INFO, audit.OPERATOR)  # the --as staff
    report = monthly.produce(s, a.month, actor)
    if a.pdf:
        from erms_desktop.central.reports.report_pdf import report_pdf

        write_file(Path(a.pdf), report_pdf(report))
        return f"report for the twelve months to {a.month} written to {a.pdf}"
    return monthly.as_csv(report).rstrip("\n")


def _seed_demo(s: Session, cfg: CentralSettings, _a: argparse.Namespace) -> str:
    from erms_desktop.demo.central_load import seed_demo

    password = _password_from_stdin()
    return seed_demo(s, cfg, password)


COMMANDS: dict[str, Command] = {
    "create-user": _create_user,
    "reset-password": _reset,
    "enrolment-code": _code,
    "devices": _devices,
    "revoke": _revoke,
    "verify-audit": _verify,
    "retention": _retention,
    "inactive-cases": _inactive,
    "report": _report,
    "seed-demo": _seed_demo,
    **OFFICE_COMMANDS,
    **OVERSIGHT_COMMANDS,
    **PEOPLE_COMMANDS,
    **DPO_COMMANDS,
}


def run(args: argparse.Namespace) -> int:
    try:
        overrides = {"database_url": args.db} if args.db else {}
        settings_file = Path(args.settings) if args.settings else None
        settings = load_settings(settings_file, **overrides)
        url = settings.database_url
        if args.command == "migrate":
            migrate.upgrade(url)
            print("database is at the newest schema")
            return 0
        if not migrate.is_current(url):
            raise ConfigurationError("the database is not migrated: run erms-central migrate")
        if args.command == "serve":
            from erms_desktop.central.serve import serve

            serve(settings, settings_file, args.host, args.port, args.workers)
            return 0
        output = _in_transaction(settings, args)
    except CentralError as exc:
        print(f"erms-central: error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"erms-central: database error: {type(exc).__name__}", file=sys.stderr)
        return 1
    print(output)
    return 0


def _in_transaction(settings: CentralSettings, args: argparse.Namespace) -> str:
    """Run one command in one transaction as the named staff member, then checkpoint the
    audit head outside the database."""
    engine = make_engine(settings.database_url)
    seal = seal_from(settings)
    factory = make_session_factory(engine, seal)
    try:
        with transaction(factory) as session:
            session.info[audit.OPERATOR_INFO] = _operator(session, args)
            output = COMMANDS[args.command](session, settings, args)
        with transaction(factory) as session:
            seal.checkpoint_head(session)
    finally:
        engine.dispose()
    return output


def _operator(session: Session, args: argparse.Namespace) -> audit.Actor:
    """The staff member named by ``--as`` (an existing staff or admin account). Only the
    first account of a new store, when no staff or admin exists yet, is made without one."""
    if args.command not in CHANGING:
        return audit.OPERATOR
    staff_roles = (UserRole.STAFF.value, UserRole.ADMIN.value)
    if args.as_user is None:
        any_staff = session.scalar(select(User.id).where(User.role.in_(staff_roles)).limit(1))
        if any_staff is None and args.command in {"create-user", "seed-demo"}:
            return audit.Actor(None, None, "command line, first account")
        raise InvalidInputError("name yourself with --as USERNAME (a staff or admin account)")
    user = session.scalar(select(User).where(User.username == args.as_user))
    now = datetime.now(UTC)
    if user is None or user.role not in staff_roles:
        raise InvalidInputError(f"--as {args.as_user!r} is not a staff or admin account")
    if user.locked_until is not None and user.locked_until > now:
        raise InvalidInputError(f"--as {args.as_user!r} is locked out")
    if user.disabled_at is not None:
        raise InvalidInputError(f"--as {args.as_user!r} has been disabled")
    return audit.Actor(user.id, None, "command line")
