"""Command line for ``erms-central``: serve, migrate and the operator's admin commands.

Misuse (unknown user, bad role, weak password, database not migrated...) prints one line on
stderr and exits 1; argparse usage errors exit 2. Passwords are read from stdin, never argv.
Commands that change the store need ``--as USERNAME``, an existing staff or admin account, so
the audit log names who ran them; only the first account of a new store is created without.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from erms_desktop import __version__
from erms_desktop.central.cli_dpo_parser import add_dpo_commands
from erms_desktop.central.cli_office_parser import add_office_commands
from erms_desktop.central.cli_office_people_parser import (
    PEOPLE_COMMANDS_CHANGING,
    add_people_commands,
)
from erms_desktop.central.cli_oversight_parser import add_oversight_command

DB_HELP = "database URL (default: an SQLite file in the data folder; postgresql+psycopg://...)"
SETTINGS_HELP = "a settings file (KEY=value lines, as the ERMS_CENTRAL_* environment variables)"
AS_HELP = "the staff or admin user running this command (named in the audit log)"
#: Commands that change the store or read case data: each names the staff member who ran it.
CHANGING = frozenset(
    {
        *("create-user", "reset-password", "enrolment-code", "revoke", "retention", "seed-demo"),
        *("create-referral", "referrals", "reject-referral", "accept-referral", "assess"),
        *("allocate", "deallocate", "reallocate", "cases", "users", "caseload"),
        *("inactive-cases", "report", "oversight"),
        *("audit-search", "subject-access", "erase-person"),
        *PEOPLE_COMMANDS_CHANGING,
    }
)


def _sub(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=text, description=text)
    parser.add_argument("--db", metavar="URL", help=DB_HELP)
    parser.add_argument("--settings", metavar="FILE", help=SETTINGS_HELP)
    if name in CHANGING:
        # Only the very first account may be created without one (see cli_commands.py).
        parser.add_argument("--as", dest="as_user", metavar="USERNAME", help=AS_HELP)
    parser.set_defaults(command=name, as_user=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="erms-central", description="The ERMS central store that laptops sync to."
    )
    parser.add_argument("--version", action="version", version=f"erms-central {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    serve = _sub(commands, "serve", "run the service on uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    _sub(commands, "migrate", "create or upgrade the database schema")
    user = _sub(commands, "create-user", "create a user (password read from stdin)")
    user.add_argument("username")
    user.add_argument("--role", required=True, choices=["volunteer", "staff", "admin"])
    reset = _sub(commands, "reset-password", "set a temporary password (read from stdin)")
    reset.add_argument("username")
    code = _sub(commands, "enrolment-code", "issue a one-time laptop enrolment code")
    code.add_argument("username")
    code.add_argument("asset_tag")
    add_office_commands(lambda name, text: _sub(commands, name, text))
    add_oversight_command(lambda name, text: _sub(commands, name, text))
    add_people_commands(lambda name, text: _sub(commands, name, text))
    add_dpo_commands(lambda name, text: _sub(commands, name, text))
    _sub(commands, "devices", "list devices with last contact")
    revoke = _sub(commands, "revoke", "revoke a device: credentials stop, it wipes on contact")
    revoke.add_argument("device_id")
    _sub(commands, "verify-audit", "check the audit chain against its key and checkpoints")
    job = _sub(commands, "retention", "run the retention job now")
    job.add_argument("--dry-run", action="store_true", help="list what would go; change nothing")
    report = _sub(commands, "report", "the anonymised monthly report as CSV (twelve months)")
    report.add_argument("--month", required=True, help="YYYY-MM, the last month reported")
    report.add_argument("--pdf", metavar="FILE", help="write the report with charts as a PDF")
    _sub(commands, "inactive-cases", "list open cases with no activity for the review period")
    _sub(commands, "seed-demo", "load the synthetic demo dataset (users' password from stdin)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from erms_desktop.central.cli_commands import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
